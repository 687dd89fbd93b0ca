import { useMemo } from "react";
import { useQuery } from "urql";
import { fieldLabel, roleLabel } from "../../../lib/labels";
import { OFFICE_TYPENAMES } from "../../offices/OfficeFix";
import { OfficesQuery } from "../../offices/documents";
import { draftRole, groupTags, type UserGroup } from "./groupPreview";
import { aliasTable, applyAlias, mapUser, type MappingDraft, type OfficeRef } from "./mapUser";
import type { GroupRulesDraft } from "./mappingDraft";
import { UnmatchedOffices, unmatchedOffices } from "./UnmatchedOffices";

/** A sample directory user with its full WorkOS object and its directory groups. */
export interface SampleUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  attributes: unknown;
  groups?: readonly UserGroup[];
}

interface Props {
  users: readonly SampleUser[];
  mapping: MappingDraft;
  offices: readonly OfficeRef[];
  /** The draft's group rules: group tags and roles are previewed from them. */
  groupRules?: GroupRulesDraft;
}

/**
 * The live preview: what the draft mapping makes of real directory users, computed in the
 * browser. An office value that matches no office is fixed in place; the offices are read
 * again after any office change, so the preview then shows the value matched.
 */
export function MappingPreview({ users, mapping, offices: given, groupRules }: Props) {
  const [{ data: latest }] = useQuery({ query: OfficesQuery, context: OFFICE_TYPENAMES });
  const offices = latest?.offices ?? given;
  const rows = useMemo(() => {
    const tagAliases = aliasTable(mapping.valueAliases).get("tags");
    return users.map((u) => {
      const groups = u.groups ?? [];
      return {
        u,
        m: mapUser(u.attributes, mapping, offices),
        groupTags: groupRules ? groupTags(groups, groupRules).map((name) => applyAlias(tagAliases, name)) : [],
        role: groupRules ? draftRole(groups, u.attributes, groupRules) : null,
      };
    });
  }, [users, mapping, offices, groupRules]);
  const roles = rows.some((r) => r.role !== null);
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
          {rows.map(({ u, m, groupTags: fromGroups, role }) => (
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
                {fromGroups.map((t) => (
                  <span key={`group:${t}`} className="tag group-tag" title="From a directory group">
                    {t}
                  </span>
                ))}
                {m.problems.filter((p) => !p.startsWith(`${fieldLabel("office")}:`)).length > 0 && (
                  <div className="warn-text small">{m.problems.filter((p) => !p.startsWith(`${fieldLabel("office")}:`)).join("; ")}</div>
                )}
              </td>
              {roles && <td data-label="Role">{role ? roleLabel(role) : null}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <UnmatchedOffices values={unmatched} />
    </div>
  );
}
