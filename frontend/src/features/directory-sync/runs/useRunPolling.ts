import { useEffect } from "react";
import { useQuery } from "urql";
import type { CombinedError } from "urql";
import { SyncRunQuery } from "../documents";
import { isFinished, type Run } from "./runFormat";

/** How often a running run is polled. */
export const POLL_INTERVAL_MS = 1000;

/** Polls directorySync.run(id) about once a second until the run finishes. */
export function useRunPolling(id: string | null): { run: Run | null; error: CombinedError | undefined } {
  const [{ data, error }, refetch] = useQuery({
    query: SyncRunQuery,
    variables: { id: id ?? "" },
    pause: id === null,
    requestPolicy: "network-only",
  });
  const run = data?.directorySync.run ?? null;
  const done = run !== null && run.id === id && isFinished(run.status);
  useEffect(() => {
    if (id === null || done) return;
    const t = setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_INTERVAL_MS);
    return () => clearInterval(t);
  }, [id, done, refetch]);
  return { run: run && run.id === id ? run : null, error };
}
