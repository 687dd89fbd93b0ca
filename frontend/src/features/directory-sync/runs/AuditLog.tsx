import { useQuery } from "urql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { AuditEventsQuery } from "../documents";
import { describeAudit } from "./auditFormat";

/** Recent changes to directory sync: who did what, when, and what changed. */
export function AuditLog() {
  const [{ data, error }] = useQuery({ query: AuditEventsQuery, variables: { first: 20 }, requestPolicy: "network-only" });
  const events = data?.directorySync.auditEvents.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="audit-title" className="audit">
      <h3 id="audit-title">Recent activity</h3>
      {error && <p className="error">The activity cannot be loaded. {errorMessage(error)}</p>}
      {!error && data && events.length === 0 && <p className="muted">Nothing yet.</p>}
      {events.length > 0 && (
        <ul className="audit-list">
          {events.map((e) => {
            const text = describeAudit(e.action, e.details);
            return (
              <li key={e.id}>
                <span className="muted small">{formatDateTime(e.createdAt)}</span> <strong>{e.actor?.name ?? "System"}</strong>:{" "}
                {text.summary}
                {text.changes.length > 0 && (
                  <ul className="audit-changes">
                    {text.changes.map((c, i) => (
                      <li key={i}>
                        {c.label}: <span className="old">{c.from}</span> → <span className="new">{c.to}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
