import type { NotificationSettingsQuery } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";

type Notification = NotificationSettingsQuery["directorySync"]["notifications"][number];

const STATUS: Record<Notification["status"], { label: string; className: string }> = {
  PENDING: { label: "waiting", className: "neutral" },
  SENT: { label: "sent", className: "ok" },
  FAILED: { label: "failed", className: "bad" },
  SKIPPED: { label: "not needed", className: "neutral" },
};

/** The latest alert mails with their delivery status. */
export function RecentAlerts({ notifications }: { notifications: Notification[] }) {
  return (
    <section aria-labelledby="recent-alerts-title">
      <h4 id="recent-alerts-title">Recent alerts</h4>
      {notifications.length === 0 ? (
        <p className="empty">No alerts yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table cards-narrow">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Alert</th>
                <th scope="col">To</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {notifications.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{formatDateTime(n.sentAt ?? n.createdAt)}</th>
                  <td data-label="Alert">{n.subject}</td>
                  <td data-label="To">{n.email}</td>
                  <td data-label="Delivery">
                    <span className={`badge ${STATUS[n.status].className}`}>{STATUS[n.status].label}</span>
                    {n.lastError && <div className="muted small">{n.lastError}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
