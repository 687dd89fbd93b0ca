import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { SyncRunQuery } from "../documents";
import { RunChanges } from "./ChangesTable";
import { RunIssues } from "./RunIssues";
import { RunResult } from "./RunResult";
import { triggerLabel } from "./runFormat";

/** One run of the history: what started it, its result, its changes and its grouped issues. */
export function RunPage() {
  const { runId = "" } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: SyncRunQuery, variables: { id: runId }, requestPolicy: "cache-and-network" });
  const run = data?.directorySync.run;
  return (
    <section aria-labelledby="run-title">
      <p>
        <Link to="/settings/directory-sync/history">← Sync history</Link>
      </p>
      {fetching && !data && <p aria-live="polite">Loading the run…</p>}
      {(hasErrorCode(error, "NOT_FOUND") || (data && !run)) && <p role="alert">There is no such run.</p>}
      {error && !hasErrorCode(error, "NOT_FOUND") && <p role="alert" className="error">The run cannot be loaded. {errorMessage(error)}</p>}
      {run && (
        <>
          <h3 id="run-title">
            {triggerLabel(run.trigger)} · {formatDateTime(run.startedAt ?? run.queuedAt)}
            {run.startedBy && <span className="muted small"> · started by {run.startedBy.name}</span>}
          </h3>
          <RunResult run={run} withIssues={false} />
          <RunIssues runId={run.id} issueCount={run.issueCount} open />
          {run.changeCount > 0 && <RunChanges runId={run.id} caption="Changes" />}
        </>
      )}
    </section>
  );
}
