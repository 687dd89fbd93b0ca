import { useState } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../lib/errors";
import { DeleteOfficeMutation, UpdateOfficeMutation } from "./documents";
import { formatAliases, parseAliases } from "./aliases";

/** An office as the page lists it. */
export interface OfficeItem {
  id: string;
  name: string;
  aliases: string[];
  userCount: number;
}

/** One office: its name and aliases edited in place, delete when nobody is in it. */
export function OfficeRow({ office, onChanged }: { office: OfficeItem; onChanged: (message: string) => void }) {
  const [name, setName] = useState(office.name);
  const [aliases, setAliases] = useState(formatAliases(office.aliases));
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: saving }, update] = useMutation(UpdateOfficeMutation);
  const [{ fetching: deleting }, remove] = useMutation(DeleteOfficeMutation);
  const dirty = name.trim() !== office.name || formatAliases(parseAliases(aliases)) !== formatAliases(office.aliases);
  const nameId = `office-name-${office.id}`;
  const aliasesId = `office-aliases-${office.id}`;

  async function save() {
    setError(null);
    const res = await update({ input: { id: office.id, name: name.trim(), aliases: parseAliases(aliases) } });
    if (res.error) setError(errorMessage(res.error));
    else onChanged(`Saved ${name.trim()}.`);
  }
  async function del() {
    if (!window.confirm(`Delete the office ${office.name}?`)) return;
    setError(null);
    const res = await remove({ id: office.id });
    if (res.error) setError(errorMessage(res.error));
    else onChanged(`Deleted ${office.name}.`);
  }

  return (
    <li className="office-row" aria-label={office.name}>
      <div className="office-fields">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <label htmlFor={aliasesId}>Directory values (aliases, comma-separated)</label>
        <input id={aliasesId} value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </div>
      <p className="office-usage">{office.userCount === 1 ? "1 person" : `${office.userCount.toLocaleString()} people`}</p>
      <div className="office-actions">
        <button type="button" onClick={save} disabled={!dirty || saving || name.trim() === ""}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="danger"
          onClick={del}
          disabled={office.userCount > 0 || deleting}
          title={office.userCount > 0 ? "Only an office nobody is in can be deleted" : undefined}
        >
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </li>
  );
}
