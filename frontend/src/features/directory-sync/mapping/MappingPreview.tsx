import { useMemo } from "react";
import { useQuery } from "urql";
import type { UserRole } from "../../../gql/graphql";
import { fieldLabel } from "../../../lib/labels";
import { OFFICE_TYPENAMES } from "../../offices/OfficeFix";
import { OfficesQuery } from "../../offices/documents";
import { roleLabel } from "../runs/runFormat";
import { mapUser, type MappingDraft, type OfficeRef } from "./mapUser";
import { UnmatchedOffices, unmatchedOffices } from "./UnmatchedOffices";

/**
 * A sample directory user with its full WorkOS object and, from the server, the role the
 * saved group rules give it (null when roles are not managed).
 */
export interface SampleUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  attributes: unknown;
  preview?: { role?: UserRole | null } | null;
}

/**
 * The live preview: what the draft mapping makes of real directory users, computed in the
 * browser. An office value that matches no office is fixed in place; the offices are read
 * again after any office change, so the preview then shows the value matched.
 */
export function MappingPreview({ users, mapping, offices: given }: { users: readonly SampleUser[]; mapping: MappingDraft; offices: readonly OfficeRef[] }) {
  const [{ data: latest }] = useQuery({ query: OfficesQuery, context: OFFICE_TYPENAMES });
  const offices = latest?.offices ?? given;
  const rows = useMemo(() => users.map((u) => ({ u, m: mapUser(u.attributes, mapping, offices) })), [users, mapping, offices]);
  const roles = users.some((u) => u.preview?.role);
  const unmatched = useMemo(() => unmatchedOffices(rows.map((r) => r.m)), [rows]);
  if (users.length === 0) return <p className="muted">No directory users to preview yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table compact cards-narrow" aria-label="Mapping preview">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Job title</th>
            <th scope="col">Department</th>
            <th scope="col">Division</th>
            <th scope="col">Office</th>
            <th scope="col">Tags</th>
            {roles && <th scope="col">Role</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ u, m }) => (
            <tr key={u.id}>
              <th scope="row">{[m.firstName, m.lastName].filter(Boolean).join(" ") || <span className="muted">—</span>}</th>
              <td data-label="Email">{m.email ?? <span className="warn-text">missing</span>}</td>
              <td data-label="Job title">{m.jobTitle}</td>
              <td data-label="Department">{m.department}</td>
              <td data-label="Division">{m.division}</td>
              <td data-label="Office">
                {m.office ? m.office.name : m.officeValue ? <span className="warn-text">{m.officeValue} (no match)</span> : null}
              </td>
              <td data-label="Tags">
                {m.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
                {m.problems.filter((p) => !p.startsWith(`${fieldLabel("office")}:`)).length > 0 && (
                  <div className="warn-text small">{m.problems.filter((p) => !p.startsWith(`${fieldLabel("office")}:`)).join("; ")}</div>
                )}
              </td>
              {roles && <td data-label="Role">{u.preview?.role ? roleLabel(u.preview.role) : null}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <UnmatchedOffices values={unmatched} />
    </div>
  );
}
