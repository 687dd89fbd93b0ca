import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useClient } from "urql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useKeysetPages, type KeysetPage } from "../../../lib/useKeysetPages";
import { SyncRunsQuery } from "../documents";
import { AuditLog } from "./AuditLog";
import { ReviewRun } from "./ReviewRun";
import { countsSummary, runDuration, statusLabel, triggerLabel, type Run } from "./runFormat";

const STATUS_CLASS: Record<Run["status"], string> = {
  WAITING: "neutral",
  QUEUED: "neutral",
  RUNNING: "neutral",
  SUCCEEDED: "ok",
  FAILED: "bad",
  NEEDS_REVIEW: "warn",
  REJECTED: "neutral",
  SUPERSEDED: "neutral",
};

/** Sync history: every run with trigger, status, counts, duration and issues; review held runs. */
export function HistoryPanel({ onChanged }: { onChanged: () => void }) {
  const client = useClient();
  const [params] = useSearchParams();
  const [reviewing, setReviewing] = useState<string | null>(params.get("review"));
  const [generation, setGeneration] = useState(0);
  const fetchPage = useCallback(
    async (after: string | null): Promise<KeysetPage<Run, null>> => {
      const res = await client.query(SyncRunsQuery, { first: 20, after }, { requestPolicy: "network-only" }).toPromise();
      if (res.error || !res.data) throw res.error ?? new Error("no data");
      const c = res.data.directorySync.runs;
      return { nodes: c.edges.map((e) => e.node), endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage, meta: null };
    },
    [client],
  );
  const list = useKeysetPages(`runs-${generation}`, fetchPage);
  const reviewingRun = list.nodes.find((r) => r.id === reviewing);
  const decided = () => {
    setReviewing(null);
    setGeneration((g) => g + 1);
    onChanged();
  };

  return (
    <section aria-labelledby="history-title">
      <div className="section-head">
        <h3 id="history-title">Sync history</h3>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {list.error && (
        <div role="alert" className="error-box">
          <p>The history cannot be loaded. {errorMessage(list.error)}</p>
          <button type="button" onClick={list.reload}>Try again</button>
        </div>
      )}
      {list.loading && list.nodes.length === 0 && <p aria-live="polite">Loading the sync history…</p>}
      {!list.loading && !list.error && list.nodes.length === 0 && <p className="empty">No runs yet.</p>}
      {list.nodes.length > 0 && (
        <div className="table-wrap">
          <table className="data-table cards-narrow" aria-busy={list.loading}>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Counts</th>
                <th scope="col">Duration</th>
                <th scope="col">Issues</th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{formatDateTime(r.startedAt ?? r.queuedAt)}</th>
                  <td data-label="Trigger">
                    {triggerLabel(r.trigger)}
                    {r.startedBy && <div className="muted small">{r.startedBy.name}</div>}
                  </td>
                  <td data-label="Status">
                    <span className={`badge ${STATUS_CLASS[r.status]}`}>{statusLabel(r.status)}</span>
                    {r.dryRun && <span className="badge neutral">dry run</span>}
                    {r.status === "SUPERSEDED" && <div className="muted small">A newer run replaced this plan</div>}
                    {r.status === "NEEDS_REVIEW" && (
                      <div>
                        <button type="button" className="link-button" aria-expanded={reviewing === r.id} onClick={() => setReviewing(reviewing === r.id ? null : r.id)}>
                          {reviewing === r.id ? "Close review" : "Review"}
                        </button>
                      </div>
                    )}
                  </td>
                  <td data-label="Counts" className="small">
                    {r.trigger === "SETUP" ? `${r.fetched.toLocaleString()} directory users read; no user changed` : `${r.fetched.toLocaleString()} read: ${countsSummary(r)}`}
                    {r.error && <div className="error">{r.error}</div>}
                  </td>
                  <td data-label="Duration">{runDuration(r)}</td>
                  <td data-label="Issues">
                    {r.issueCount === 0 ? <span className="muted">none</span> : <span>{`${r.issueCount.toLocaleString()} ${r.issueCount === 1 ? "issue" : "issues"}`}</span>}
                    <div>
                      <Link to={`/settings/directory-sync/history/${r.id}`} aria-label={`Open the run of ${formatDateTime(r.startedAt ?? r.queuedAt)}`}>
                        Open run
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reviewingRun && <ReviewRun run={reviewingRun} onDecided={decided} onClose={() => setReviewing(null)} />}
      {list.hasNextPage && !list.loading && (
        <button type="button" className="load-more" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? "Loading…" : "Load older runs"}
        </button>
      )}
      <AuditLog key={generation} />
    </section>
  );
}
