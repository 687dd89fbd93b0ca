import { formatDateTime } from "../../../lib/format";
import { countsSummary, runDuration, statusLabel, type Run } from "./runFormat";
import { RunIssues } from "./RunIssues";
import { useHeldReasons } from "./useHeldReasons";

/**
 * A finished run: status, counts, duration, error and (unless withIssues is false) its
 * issues; onOfficeFixed hears of an unmatched office fixed from them.
 */
export function RunResult({ run, withIssues = true, onOfficeFixed }: { run: Run; withIssues?: boolean; onOfficeFixed?: (message: string) => void }) {
  const reasons = useHeldReasons(run.id, run.status !== "NEEDS_REVIEW");
  const named = [...reasons.clears, ...reasons.demotes];
  const kind = run.status === "SUCCEEDED" ? "ok" : run.status === "NEEDS_REVIEW" ? "warn" : run.status === "FAILED" ? "bad" : "neutral";
  return (
    <section className={`run-result ${kind}`} aria-label="Run result" role="status">
      <p className="run-status">
        <strong>
          {run.dryRun ? "Dry run " : ""}
          {statusLabel(run.status)}
        </strong>
        {run.finishedAt && <span className="muted"> · {formatDateTime(run.finishedAt)}</span>}
        {runDuration(run) && <span className="muted"> · took {runDuration(run)}</span>}
      </p>
      <p className="run-counts">
        {run.fetched.toLocaleString()} directory users read: {countsSummary(run)}.
      </p>
      {run.status === "NEEDS_REVIEW" && (
        <p>
          This run would inactivate, blank or demote more users than the guard allows
          {named.length > 0 ? ` (${named.join("; ")})` : ""}. Review it in the sync history.
        </p>
      )}
      {run.status === "SUPERSEDED" && <p>A newer run replaced this held run; nothing changed. Review the newest held run instead.</p>}
      {run.error && <p className="error">Error: {run.error}</p>}
      {withIssues && <RunIssues runId={run.id} issueCount={run.issueCount} onOfficeFixed={onOfficeFixed} />}
    </section>
  );
}
