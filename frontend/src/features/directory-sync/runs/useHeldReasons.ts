import { useQuery } from "urql";
import { SyncRunIssueGroupsQuery } from "../documents";
import { heldReasons, type HeldReasons } from "./runFormat";

/** Why the guard held a run (its guard issues, from the run's issue groups); loads unless paused. */
export function useHeldReasons(runId: string, pause = false): HeldReasons {
  const [{ data }] = useQuery({ query: SyncRunIssueGroupsQuery, variables: { id: runId }, pause });
  return heldReasons(data?.directorySync.run?.issueGroups ?? []);
}
