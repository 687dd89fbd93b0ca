import { formatDateTime } from "../../../lib/format";
import { countsSummary, heldReasons, runDuration, statusLabel, type Run } from "./runFormat";

/** A finished run: status, counts, duration, error and issues. */
export function RunResult({ run }: { run: Run }) {
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
          This run would inactivate or blank more users than the guard allows
          {heldReasons(run).clears.length > 0 ? ` (${heldReasons(run).clears.join("; ")})` : ""}. Review it in the sync history.
        </p>
      )}
      {run.status === "SUPERSEDED" && <p>A newer run replaced this held run; nothing changed. Review the newest held run instead.</p>}
      {run.error && <p className="error">Error: {run.error}</p>}
      <IssueList issues={run.issues} />
    </section>
  );
}

/** The per-record problems of a run, folded when long. */
export function IssueList({ issues }: { issues: Run["issues"] }) {
  if (issues.length === 0) return null;
  return (
    <details className="issues">
      <summary>
        {issues.length.toLocaleString()} {issues.length === 1 ? "issue" : "issues"}
      </summary>
      <ul>
        {issues.slice(0, 200).map((i, n) => (
          <li key={`${i.directoryUserId ?? ""}-${i.kind}-${n}`}>
            <code>{i.kind}</code> {i.email && <span>{i.email}: </span>}
            {i.message}
          </li>
        ))}
      </ul>
      {issues.length > 200 && <p className="muted">…and {(issues.length - 200).toLocaleString()} more.</p>}
    </details>
  );
}
