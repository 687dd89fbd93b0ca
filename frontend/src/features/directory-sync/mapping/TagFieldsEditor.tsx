import { useLayoutEffect, useRef } from "react";
import { AttributePicker, type Attribute } from "./AttributePicker";
import { fieldPlaceholder, MAX_TAG_FIELDS, MAX_TAG_LABEL, newTagField, type TagFieldDraft } from "./mappingDraft";

interface Props {
  fields: readonly TagFieldDraft[];
  attributes: readonly Attribute[];
  totalUsers: number;
  onChange: (fields: TagFieldDraft[]) => void;
}

/** The named tag fields: name, source (an attribute or the directory groups), order; add and remove. */
export function TagFieldsEditor({ fields, attributes, totalUsers, onChange }: Props) {
  // Elements by "<field id>:<control>", to keep the focus on a control across a move.
  const controls = useRef(new Map<string, HTMLElement>());
  const focusNext = useRef<string | null>(null);
  // In the commit itself: moving a row's element takes the focus away from it.
  useLayoutEffect(() => {
    if (focusNext.current === null) return;
    controls.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const bind = (key: string) => (el: HTMLElement | null) => {
    if (el) controls.current.set(key, el);
    else controls.current.delete(key);
  };

  const groupsField = fields.find((f) => f.source === "groups");
  const full = fields.length >= MAX_TAG_FIELDS;
  const set = (i: number, patch: Partial<TagFieldDraft>) => onChange(fields.map((f, n) => (n === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: -1 | 1) => {
    const to = i + by;
    const next = [...fields];
    [next[i], next[to]] = [next[to]!, next[i]!];
    const id = fields[i]!.id;
    // At an end the button just pressed is disabled: the focus goes to the other one.
    focusNext.current = `${id}:${to === 0 ? "down" : to === fields.length - 1 ? "up" : by < 0 ? "up" : "down"}`;
    onChange(next);
  };
  const add = (source: TagFieldDraft["source"]) => {
    const f = newTagField(source);
    focusNext.current = `${f.id}:name`;
    onChange([...fields, f]);
  };
  const remove = (i: number) => {
    focusNext.current = "add";
    onChange(fields.filter((_, n) => n !== i));
  };

  return (
    <fieldset className="tag-fields">
      <legend>Tag fields</legend>
      <p className="muted small">
        Each tag field is a filter on the People page, in this order. Its values come from a directory attribute (one tag, or one per
        list element) or from the directory groups the group rules below turn into tags.
      </p>
      {fields.length === 0 && <p className="muted">No tag fields yet.</p>}
      <ol className="tag-field-list">
        {fields.map((f, i) => (
          <li key={f.id}>
            <fieldset className="tag-field">
              <legend>Tag field {i + 1}</legend>
              <div className="tag-field-row">
                <div className="picker">
                  <label htmlFor={`${f.id}-name`}>Name</label>
                  <input
                    id={`${f.id}-name`}
                    ref={bind(`${f.id}:name`)}
                    value={f.label}
                    maxLength={MAX_TAG_LABEL}
                    placeholder={fieldPlaceholder(f, i)}
                    onChange={(e) => set(i, { label: e.target.value })}
                  />
                </div>
                <div className="picker">
                  <label htmlFor={`${f.id}-source`}>Values from</label>
                  <select
                    id={`${f.id}-source`}
                    value={f.source}
                    onChange={(e) => set(i, { source: e.target.value === "groups" ? "groups" : "attribute" })}
                  >
                    <option value="attribute">A directory attribute</option>
                    <option value="groups" disabled={groupsField !== undefined && groupsField.id !== f.id}>
                      Directory groups
                    </option>
                  </select>
                </div>
                {f.source === "attribute" ? (
                  <AttributePicker label="Attribute" value={f.pointer} attributes={attributes} totalUsers={totalUsers} onChange={(pointer) => set(i, { pointer })} />
                ) : (
                  <p className="muted small tag-field-groups">The user’s groups that the group rules below make tags.</p>
                )}
              </div>
              <div className="actions compact">
                <button type="button" ref={bind(`${f.id}:up`)} disabled={i === 0} onClick={() => move(i, -1)}>
                  Move up
                </button>
                <button type="button" ref={bind(`${f.id}:down`)} disabled={i === fields.length - 1} onClick={() => move(i, 1)}>
                  Move down
                </button>
                <button type="button" onClick={() => remove(i)}>
                  Remove
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="actions compact">
        <button type="button" ref={bind("add")} disabled={full} onClick={() => add("attribute")}>
          Add tag field
        </button>
        {groupsField === undefined && (
          <button type="button" disabled={full} onClick={() => add("groups")}>
            Add a tag field from groups
          </button>
        )}
        {full && <span className="muted small">At most {MAX_TAG_FIELDS} tag fields.</span>}
      </div>
    </fieldset>
  );
}
