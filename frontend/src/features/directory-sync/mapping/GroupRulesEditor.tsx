import { useId, useState } from "react";
import { GroupPicker } from "./GroupPicker";
import type { GroupRulesDraft, GroupsAsTags } from "./mappingDraft";

const AS_TAGS: readonly { value: GroupsAsTags; label: string }[] = [
  { value: "none", label: "No groups" },
  { value: "all", label: "All groups" },
  { value: "chosen", label: "Only the groups I choose" },
];

interface Props {
  rules: GroupRulesDraft;
  /** Whether the mapping has a tag field taking the directory groups. */
  hasGroupsField: boolean;
  onChange: (rules: GroupRulesDraft) => void;
}

/** The Groups section: which groups become tags, whose members alone are synced, whose members administer the company. */
export function GroupRulesEditor({ rules, hasGroupsField, onChange }: Props) {
  const id = useId();
  const set = (patch: Partial<GroupRulesDraft>) => onChange({ ...rules, ...patch });
  return (
    <fieldset className="group-rules">
      <legend>Groups</legend>
      <p className="muted small">What your directory’s groups do in OfficeTogether. With no rules, groups change nothing.</p>
      <fieldset className="as-tags">
        <legend>Groups as tags</legend>
        {AS_TAGS.map((o) => (
          <label key={o.value} className="check">
            <input type="radio" name={`${id}-as-tags`} value={o.value} checked={rules.asTags === o.value} onChange={() => set({ asTags: o.value })} />
            {o.label}
          </label>
        ))}
        {rules.asTags === "chosen" && (
          <GroupPicker label="Groups that become tags" emptyText="No group chosen yet." chosen={rules.tagGroups} onChange={(tagGroups) => set({ tagGroups })} />
        )}
        {rules.asTags !== "none" && !hasGroupsField && (
          <p className="warn-text small">Add a tag field from groups above: the groups become its values.</p>
        )}
        {rules.asTags === "none" && hasGroupsField && (
          <p className="warn-text small">The tag field from groups stays empty until groups become tags here.</p>
        )}
      </fieldset>
      <GroupPicker
        label="Sync only members of"
        emptyText="No group chosen: everyone assigned is synced."
        chosen={rules.syncOnly}
        onChange={(syncOnly) => set({ syncOnly })}
      />
      <GroupPicker
        label="Company administrators are members of"
        emptyText="No group chosen: roles are not changed by groups."
        chosen={rules.admins}
        onChange={(admins) => set({ admins })}
      />
      <RoleSlugs slugs={rules.adminRoleSlugs} onChange={(adminRoleSlugs) => set({ adminRoleSlugs })} />
    </fieldset>
  );
}

/** WorkOS role slugs whose users are company administrators, as chips; Enter or a comma adds the typed slug. */
function RoleSlugs({ slugs, onChange }: { slugs: readonly string[]; onChange: (s: string[]) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const commit = (raw: string) => {
    const add = raw.split(",").map((s) => s.trim()).filter((s) => s !== "" && !slugs.includes(s));
    if (add.length > 0) onChange([...slugs, ...new Set(add)]);
    setText("");
  };
  return (
    <div className="role-slugs">
      <label htmlFor={id}>WorkOS role slugs of company administrators</label>
      {slugs.length > 0 && (
        <ul className="chips" aria-label="WorkOS role slugs">
          {slugs.map((s) => (
            <li key={s} className="chip">
              <code>{s}</code>
              <button type="button" className="chip-remove" aria-label={`Remove role ${s}`} onClick={() => onChange(slugs.filter((x) => x !== s))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        value={text}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        onChange={(e) => {
          const v = e.target.value;
          if (v.includes(",")) commit(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit(text);
          }
        }}
        onBlur={() => commit(text)}
      />
      <span id={`${id}-hint`} className="muted small">
        WorkOS role slugs, e.g. <code>admin</code>; press Enter or type a comma after each.
      </span>
    </div>
  );
}
