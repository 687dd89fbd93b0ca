import type { Alias, TargetField } from "./mapUser";
import { FIELD_LABELS } from "./mappingDraft";

const FIELDS = Object.keys(FIELD_LABELS) as TargetField[];

/** Value aliases: a directory spelling and the value to use instead. */
export function AliasEditor({ aliases, onChange }: { aliases: Alias[]; onChange: (a: Alias[]) => void }) {
  const set = (i: number, patch: Partial<Alias>) => onChange(aliases.map((a, n) => (n === i ? { ...a, ...patch } : a)));
  return (
    <fieldset className="aliases">
      <legend>Value aliases</legend>
      <p className="muted small">Normalise spellings before they are saved, e.g. Department “Eng” becomes “Engineering”.</p>
      {aliases.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Directory value</th>
              <th scope="col">Use instead</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {aliases.map((a, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={`Alias ${i + 1} field`} value={a.field} onChange={(e) => set(i, { field: e.target.value })}>
                    {FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={`Alias ${i + 1} directory value`} value={a.from} onChange={(e) => set(i, { from: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Alias ${i + 1} value to use`} value={a.to} onChange={(e) => set(i, { to: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="link-button" aria-label={`Remove alias ${i + 1}`} onClick={() => onChange(aliases.filter((_, n) => n !== i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => onChange([...aliases, { field: "department", from: "", to: "" }])}>
        Add alias
      </button>
    </fieldset>
  );
}
