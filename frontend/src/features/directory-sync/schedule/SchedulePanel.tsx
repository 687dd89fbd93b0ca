import { useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { ConfigFieldsFragment } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { SyncConfigurationQuery, UpdateSyncConfigurationMutation } from "../documents";
import { browserTimeZone, isDailyTime, timeZoneOptions } from "./timeZones";

interface Form {
  enabled: boolean;
  dailyAt: string;
  timeZone: string;
  autoAssignNewUsers: boolean;
  maxDeactivationPercent: string;
  maxDeactivationCount: string;
}

/**
 * The form for a configuration. A configuration never saved starts in the browser's time
 * zone rather than the server's UTC default.
 */
function formFrom(c: ConfigFieldsFragment, localZone: string): Form {
  return {
    enabled: c.enabled,
    dailyAt: c.dailyAt,
    timeZone: c.updatedAt == null && localZone !== "" ? localZone : c.timeZone,
    autoAssignNewUsers: c.autoAssignNewUsers,
    maxDeactivationPercent: String(c.maxDeactivationPercent),
    maxDeactivationCount: String(c.maxDeactivationCount),
  };
}

/** Schedule and safety: daily time and zone, the deactivation guard, auto-assign. */
export function SchedulePanel() {
  const [{ data, error }, refetch] = useQuery({ query: SyncConfigurationQuery });
  const [saveState, save] = useMutation(UpdateSyncConfigurationMutation);
  const [edited, setEdited] = useState<Form | null>(null);
  const [note, setNote] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const localZone = useMemo(() => browserTimeZone(), []);
  const config = data?.directorySync.configuration;
  const saved = config ? formFrom(config, localZone) : null;
  const form = edited ?? saved;
  const zones = useMemo(() => timeZoneOptions(config?.timeZone ?? ""), [config?.timeZone]);
  const zoneSet = useMemo(() => new Set(zones), [zones]);
  // The same element on every render: React skips its ~430 options while the admin types.
  const zoneList = useMemo(
    () => (
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    ),
    [zones],
  );
  // A never-saved configuration in the browser's zone is a change to save.
  const changed = edited !== null || (saved !== null && config !== undefined && saved.timeZone !== config.timeZone);
  const announce = (text: string) => {
    setNote(text);
    // After Save or Discard, keyboard and screen reader users land on what happened.
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  if (!config || !form) {
    return error ? (
      <div role="alert" className="error-box">
        <p>The settings cannot be loaded. {errorMessage(error)}</p>
        <button type="button" onClick={() => refetch({ requestPolicy: "network-only" })}>Try again</button>
      </div>
    ) : (
      <p aria-live="polite">Loading…</p>
    );
  }

  const pct = Number(form.maxDeactivationPercent);
  const count = Number(form.maxDeactivationCount);
  const problems = [
    !isDailyTime(form.dailyAt) && "Daily time must be HH:MM.",
    !zoneSet.has(form.timeZone) && "Pick a time zone from the list (for example Europe/Berlin).",
    (form.maxDeactivationPercent.trim() === "" || !(pct >= 0 && pct <= 100)) && "The share must be between 0 and 100.",
    (form.maxDeactivationCount.trim() === "" || !Number.isInteger(count) || count < 0) && "The count must be a whole number of 0 or more.",
  ].filter((p): p is string => typeof p === "string");
  const set = (patch: Partial<Form>) => {
    setNote("");
    setEdited({ ...form, ...patch });
  };
  const onSave = async () => {
    const res = await save({
      input: {
        enabled: form.enabled,
        dailyAt: form.dailyAt,
        timeZone: form.timeZone,
        autoAssignNewUsers: form.autoAssignNewUsers,
        maxDeactivationPercent: pct,
        maxDeactivationCount: count,
      },
    });
    if (res.data) {
      setEdited(null);
      announce("Settings saved.");
    }
  };

  return (
    <form className="card schedule" aria-labelledby="schedule-title" onSubmit={(e) => { e.preventDefault(); void onSave(); }}>
      <h3 id="schedule-title">Schedule &amp; safety</h3>
      <fieldset>
        <legend>Schedule</legend>
        <label className="check">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Sync every day
        </label>
        <div className="row">
          <label>
            Time
            <input type="time" value={form.dailyAt} required onChange={(e) => set({ dailyAt: e.target.value })} disabled={!form.enabled} />
          </label>
          <label>
            Time zone
            <input
              list="time-zones"
              value={form.timeZone}
              onChange={(e) => set({ timeZone: e.target.value.trim() })}
              disabled={!form.enabled}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="time-zone-hint"
            />
            {zoneList}
          </label>
        </div>
        <p id="time-zone-hint" className="muted small">
          Type to search, e.g. "Berlin" or "New_York".{config.updatedAt == null && localZone !== "" ? ` Suggested from your browser: ${localZone}.` : ""}
        </p>
        <p className="muted small">Next run: {config.nextRunAt ? formatDateTime(config.nextRunAt) : "none scheduled"}</p>
      </fieldset>
      <fieldset>
        <legend>Deactivation guard</legend>
        <p className="muted small">A run that would inactivate more than both limits stops and waits for an administrator to approve it.</p>
        <div className="row">
          <label>
            Share of synced users (%)
            <input type="number" min={0} max={100} step={0.1} value={form.maxDeactivationPercent} onChange={(e) => set({ maxDeactivationPercent: e.target.value })} />
          </label>
          <label>
            Number of users
            <input type="number" min={0} step={1} value={form.maxDeactivationCount} onChange={(e) => set({ maxDeactivationCount: e.target.value })} />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>New directory users</legend>
        <label className="check">
          <input type="checkbox" checked={form.autoAssignNewUsers} onChange={(e) => set({ autoAssignNewUsers: e.target.checked })} />
          Assign new directory users automatically
        </label>
      </fieldset>
      {problems.length > 0 && changed && (
        <ul role="alert" className="error">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      )}
      {saveState.error && <p role="alert" className="error">The settings were not saved. {errorMessage(saveState.error)}</p>}
      <p role="status" className="success" ref={statusRef} tabIndex={-1}>
        {note}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={!changed || problems.length > 0 || saveState.fetching}>
          {saveState.fetching ? "Saving…" : "Save settings"}
        </button>
        <button
          type="button"
          disabled={!edited}
          onClick={() => {
            setEdited(null);
            announce("Changes discarded.");
          }}
        >
          Discard changes
        </button>
      </div>
    </form>
  );
}
