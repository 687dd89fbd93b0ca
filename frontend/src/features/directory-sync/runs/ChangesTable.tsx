import { useQuery } from "urql";
import type { SyncRunChangesQuery } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { fieldLabel } from "../../../lib/labels";
import { SyncRunChangesQuery as ChangesQuery } from "../documents";

/** A planned change of a run. */
export type Change = NonNullable<SyncRunChangesQuery["directorySync"]["run"]>["changes"][number];

const ACTION_LABELS: Record<string, string> = {
  CREATE: "Create",
  UPDATE: "Update",
  DEACTIVATE: "Inactivate",
  REACTIVATE: "Reactivate",
};

/** Loads and lists the planned changes of a run, optionally only some actions. */
export function RunChanges({ runId, only, caption }: { runId: string; only?: string[]; caption: string }) {
  const [{ data, error, fetching }] = useQuery({ query: ChangesQuery, variables: { id: runId }, requestPolicy: "network-only" });
  if (fetching && !data) return <p aria-live="polite">Loading changes…</p>;
  if (error) return <p role="alert" className="error">Cannot load the changes. {errorMessage(error)}</p>;
  const all = data?.directorySync.run?.changes ?? [];
  const changes = only ? all.filter((c) => only.includes(c.action)) : all;
  return <ChangesTable changes={changes} caption={caption} />;
}

/** A table of planned changes. */
export function ChangesTable({ changes, caption }: { changes: readonly Change[]; caption: string }) {
  if (changes.length === 0) return <p className="muted">{caption}: nothing would change.</p>;
  return (
    // Long lists scroll; the region takes focus so keyboard users can scroll it too.
    <div className="table-wrap changes-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table compact">
        <caption>
          {caption} ({changes.length.toLocaleString()})
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={`${c.directoryUserId ?? c.userId ?? c.email}-${i}`}>
              <td>
                <span className={`badge ${c.action === "DEACTIVATE" ? "bad" : c.action === "CREATE" ? "ok" : "neutral"}`}>{ACTION_LABELS[c.action] ?? c.action}</span>
              </td>
              <th scope="row">{c.name}</th>
              <td>{c.email}</td>
              <td className="field-changes">
                {c.fields.map((f) => (
                  <div key={f.field} className="small">
                    <strong>{fieldLabel(f.field)}</strong>: {f.from ? <del>{f.from}</del> : <span className="muted">empty</span>} → {f.to ? <ins>{f.to}</ins> : <span className="muted">empty</span>}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
