import { useQuery } from "urql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { AuditEventsQuery } from "../documents";

const ACTIONS: Record<string, string> = {
  "setup.started": "Started setup",
  "setup.completed": "Connected the directory",
  "directory.disconnected": "Disconnected the directory",
  "configuration.updated": "Changed the sync settings",
  "assignment.changed": "Changed who is assigned",
  "run.started": "Started a sync",
  "run.approved": "Approved a held run",
  "run.rejected": "Rejected a held run",
  "user.role_changed": "Changed a user's role from the directory",
};

/** An audit action for people; unknown ones as they are. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Recent changes to directory sync: who did what, when. */
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
          {events.map((e) => (
            <li key={e.id}>
              <span className="muted small">{formatDateTime(e.createdAt)}</span> <strong>{e.actor?.name ?? "System"}</strong>: {actionLabel(e.action)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
