import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../lib/errors";
import { CreateOfficeMutation, OfficesQuery, UpdateOfficeMutation } from "./documents";

/**
 * The urql context of office queries and mutations: a query with it is read again after
 * any office mutation, even when its last answer held no office to learn the type from.
 */
export const OFFICE_TYPENAMES = { additionalTypenames: ["Office"] };

/**
 * Fixes a directory office value that matches no office, in one step: create an office of
 * that name, or add the value as an alias of an existing office. onFixed runs after either.
 */
export function OfficeFix({ value, onFixed }: { value: string; onFixed: (message: string) => void }) {
  const [{ data }] = useQuery({ query: OfficesQuery, requestPolicy: "cache-and-network", context: OFFICE_TYPENAMES });
  const [{ fetching: creating }, create] = useMutation(CreateOfficeMutation);
  const [{ fetching: mapping }, update] = useMutation(UpdateOfficeMutation);
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const selectId = `office-fix-${value.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  async function createOffice() {
    setError(null);
    const res = await create({ input: { name: value, aliases: [] } }, OFFICE_TYPENAMES);
    if (res.error) setError(errorMessage(res.error));
    else onFixed(`Created the office ${value}.`);
  }
  async function mapToOffice() {
    const office = data?.offices.find((o) => o.id === target);
    if (!office) return;
    setError(null);
    const res = await update({ input: { id: office.id, aliases: [...office.aliases, value] } }, OFFICE_TYPENAMES);
    if (res.error) setError(errorMessage(res.error));
    else onFixed(`${value} now means ${office.name}.`);
  }

  return (
    <div className="office-fix">
      <button type="button" onClick={createOffice} disabled={creating}>
        Create office {value}
      </button>
      <span className="muted">or</span>
      <label htmlFor={selectId}>Map to an existing office</label>
      <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">Choose an office…</option>
        {(data?.offices ?? []).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={mapToOffice} disabled={target === "" || mapping}>
        Map
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
