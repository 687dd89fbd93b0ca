import { directoryUserStateLabel } from "../../../lib/labels";
import type { DirectoryUser } from "./DirectoryUsersPanel";

interface Props {
  user: DirectoryUser;
  selected: boolean;
  onSelect: () => void;
  onAssign: (assigned: boolean) => void;
  busy: boolean;
}

/** One directory user with selection, assigned switch and mapped preview. */
export function DirectoryUserRow({ user, selected, onSelect, onAssign, busy }: Props) {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email || user.id;
  const p = user.preview;
  // An unmatched office is already shown next to the office value.
  const issues = p.issues.filter((i) => !(i.kind === "unmatched_office" && p.officeValue && !p.office));
  return (
    <tr data-directory-user={user.email ?? user.id}>
      <td className="dsu-select">
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={onSelect} />
      </td>
      <th scope="row">
        <div>{name}</div>
        <div className="muted small">{user.email ?? "no email"}</div>
      </th>
      <td data-label="State">
        <span className={`badge ${user.state === "active" ? "ok" : "neutral"}`}>{directoryUserStateLabel(user.state)}</span>
      </td>
      <td data-label="Groups" className="small">
        {user.groups.length === 0 ? <span className="muted">—</span> : user.groups.map((g) => g.name).join(", ")}
      </td>
      <td data-label="Assigned">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Assigned: ${name}`}
            checked={user.assigned}
            disabled={busy}
            onChange={(e) => onAssign(e.target.checked)}
          />
          <span aria-hidden="true">{user.assigned ? "Yes" : "No"}</span>
        </label>
      </td>
      <td data-label="Mapped to" className="preview">
        <div>{[p.jobTitle, p.department, p.division].filter(Boolean).join(" · ") || <span className="muted">—</span>}</div>
        <div className="small">
          {p.officeValue && (
            <span className={p.office ? undefined : "warn-text"} title={p.office ? undefined : "No office matches this value"}>
              {p.office?.name ?? `${p.officeValue} (no matching office)`}
            </span>
          )}
          {p.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </div>
        {issues.length > 0 && <div className="warn-text small">{issues.map((i) => i.message).join("; ")}</div>}
      </td>
      <td data-label="OfficeTogether user">{user.user ? `${user.user.name}${user.user.status === "INACTIVE" ? " (inactive)" : ""}` : <span className="muted">Not created yet</span>}</td>
    </tr>
  );
}
