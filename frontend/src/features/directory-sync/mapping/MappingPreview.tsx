import { useMemo } from "react";
import { mapUser, type MappingDraft, type OfficeRef } from "./mapUser";

/** A sample directory user with its full WorkOS object. */
export interface SampleUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  attributes: unknown;
}

/** The live preview: what the draft mapping makes of real directory users, computed in the browser. */
export function MappingPreview({ users, mapping, offices }: { users: readonly SampleUser[]; mapping: MappingDraft; offices: readonly OfficeRef[] }) {
  const rows = useMemo(() => users.map((u) => ({ u, m: mapUser(u.attributes, mapping, offices) })), [users, mapping, offices]);
  if (users.length === 0) return <p className="muted">No directory users to preview yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table compact" aria-label="Mapping preview">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Job title</th>
            <th scope="col">Department</th>
            <th scope="col">Division</th>
            <th scope="col">Office</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ u, m }) => (
            <tr key={u.id}>
              <th scope="row">{[m.firstName, m.lastName].filter(Boolean).join(" ") || <span className="muted">—</span>}</th>
              <td>{m.email ?? <span className="warn-text">missing</span>}</td>
              <td>{m.jobTitle}</td>
              <td>{m.department}</td>
              <td>{m.division}</td>
              <td>
                {m.office ? m.office.name : m.officeValue ? <span className="warn-text">{m.officeValue} (no match)</span> : null}
              </td>
              <td>
                {m.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
                {m.problems.filter((p) => !p.startsWith("office:")).length > 0 && (
                  <div className="warn-text small">{m.problems.filter((p) => !p.startsWith("office:")).join("; ")}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
