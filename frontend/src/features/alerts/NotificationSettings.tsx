import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../lib/errors";
import { NotificationSettingsQuery, SetDirectorySyncAlertsMutation, UpdateNotificationSettingsMutation } from "./documents";
import { RecentAlerts } from "./RecentAlerts";

interface Form {
  notifyAdmins: boolean;
  emails: string;
  weeklyDigest: boolean;
}

/** The addresses typed one per line (commas and spaces also separate them). */
export function parseEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Settings > Directory Sync > Notifications: who is told, the viewer's own alerts, and the latest alert mails. */
export function NotificationSettings() {
  const [{ data, error }, refetch] = useQuery({ query: NotificationSettingsQuery, requestPolicy: "cache-and-network" });
  const [saveState, save] = useMutation(UpdateNotificationSettingsMutation);
  const [mine, setMine] = useState<{ fetching: boolean; error: string }>({ fetching: false, error: "" });
  const [, setAlertsMutation] = useMutation(SetDirectorySyncAlertsMutation);
  const [edited, setEdited] = useState<Form | null>(null);
  const [note, setNote] = useState("");

  if (!data) {
    return error ? (
      <div role="alert" className="error-box">
        <p>The notification settings cannot be loaded. {errorMessage(error)}</p>
        <button type="button" onClick={() => refetch({ requestPolicy: "network-only" })}>Try again</button>
      </div>
    ) : (
      <p aria-live="polite">Loading…</p>
    );
  }
  const ds = data.directorySync;
  const saved = ds.configuration;
  const form = edited ?? { notifyAdmins: saved.notifyAdmins, emails: saved.notificationEmails.join("\n"), weeklyDigest: saved.weeklyDigest };
  const set = (patch: Partial<Form>) => {
    setNote("");
    setEdited({ ...form, ...patch });
  };
  const onSave = async () => {
    const res = await save({ input: { notifyAdmins: form.notifyAdmins, notificationEmails: parseEmails(form.emails), weeklyDigest: form.weeklyDigest } });
    if (res.data) {
      setEdited(null);
      setNote("Notification settings saved.");
    }
  };
  const onToggleMine = async (enabled: boolean) => {
    setMine({ fetching: true, error: "" });
    const res = await setAlertsMutation({ enabled });
    setMine({ fetching: false, error: res.error ? errorMessage(res.error) : "" });
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <section aria-labelledby="notifications-title">
      <h3 id="notifications-title">Notifications</h3>
      {!ds.mailEnabled && (
        <p className="notice-box">This server sends no email (DIRSYNC_SMTP_URL is not set): alerts are shown in the banner and listed below.</p>
      )}
      <div className="card">
        <label className="check">
          <input
            type="checkbox"
            checked={data.viewer.directorySyncAlerts}
            disabled={mine.fetching}
            onChange={(e) => void onToggleMine(e.target.checked)}
          />
          Email me when directory sync needs an administrator
        </label>
        {mine.error && <p role="alert" className="error-box">{mine.error}</p>}
      </div>
      <form className="card" aria-label="Company notification settings" onSubmit={(e) => { e.preventDefault(); void onSave(); }}>
        <fieldset>
          <legend>Who is told</legend>
          <p className="muted small">
            Alerts go out when a run is held for review, scheduled syncs start failing, the connection is quarantined, or the directory breaks or comes back.
          </p>
          <label className="check">
            <input type="checkbox" checked={form.notifyAdmins} onChange={(e) => set({ notifyAdmins: e.target.checked })} />
            Email every company administrator (each can turn it off for themselves)
          </label>
          <label>
            Also email these addresses (one per line)
            <textarea rows={3} value={form.emails} onChange={(e) => set({ emails: e.target.value })} placeholder="it-team@example.com" />
          </label>
          <label className="check">
            <input type="checkbox" checked={form.weeklyDigest} onChange={(e) => set({ weeklyDigest: e.target.checked })} />
            Send a weekly digest of people changes (joined, left, moved) every Monday
          </label>
        </fieldset>
        {saveState.error && <p role="alert" className="error-box">{errorMessage(saveState.error)}</p>}
        <div className="actions">
          <button type="submit" disabled={saveState.fetching || edited === null}>Save notification settings</button>
          {note && <span role="status">{note}</span>}
        </div>
      </form>
      <RecentAlerts notifications={ds.notifications} />
    </section>
  );
}
