import { useId, useState } from "react";
import { coverageText } from "./mappingDraft";
import { attributeLabel, groupHeadings, matchesSearch, pickerAttributes, type AttributeGroup } from "./attributeLabels";
import { parsePointer, PointerError } from "./jsonPointer";

/** A discovered directory attribute. */
export interface Attribute {
  path: string;
  userCount: number;
  samples: string[];
}

interface Props {
  label: string;
  value: string;
  attributes: readonly Attribute[];
  totalUsers: number;
  required?: boolean;
  onChange: (path: string) => void;
}

/** Lists longer than this get a search box. */
const searchFrom = 8;

/**
 * Picks the attribute a target comes from: friendly names grouped into standard, custom
 * and provider attributes, with coverage and sample values, a search for long lists, and
 * the raw JSON Pointer as secondary text and in an "Advanced" input.
 */
export function AttributePicker({ label, value, attributes, totalUsers, required, onChange }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const listed = pickerAttributes(attributes, value);
  const shown = listed.filter((a) => a.path === value || matchesSearch(a, query));
  const picked = attributes.find((a) => a.path === value);
  const known = value === "" || picked !== undefined;
  const groups = (["standard", "custom", "provider"] as AttributeGroup[])
    .map((g) => ({ group: g, items: shown.filter((a) => a.group === g) }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      {listed.length > searchFrom && (
        <input
          type="search"
          className="picker-search"
          aria-label={`Search attributes for ${label}`}
          placeholder="Search attributes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-info`} required={required}>
        {!required && <option value="">— not mapped —</option>}
        {!known && <option value={value}>{attributeLabel(value)} (not in the directory)</option>}
        {groups.map((g) => (
          <optgroup key={g.group} label={groupHeadings[g.group]}>
            {g.items.map((a) => (
              <option key={a.path} value={a.path}>
                {a.label} · {percent(a.userCount, totalUsers)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {query !== "" && !listed.some((a) => matchesSearch(a, query)) && (
        <p className="muted small" role="status">
          No attribute matches “{query}”.
        </p>
      )}
      <p id={`${id}-info`} className="muted small picker-info">
        {picked ? (
          <>
            <code>{picked.path}</code> · {coverageText(picked.userCount, totalUsers)}
            {picked.samples.length > 0 && <> · e.g. {picked.samples.map((s) => `“${s}”`).join(", ")}</>}
          </>
        ) : value === "" ? (
          "Not synced"
        ) : (
          <>
            <code>{value}</code> · No directory user has this attribute
          </>
        )}
      </p>
      <AdvancedPointer label={label} value={value} onChange={onChange} />
    </div>
  );
}

function percent(count: number, total: number): string {
  if (total <= 0) return `${count.toLocaleString()} users`;
  return `${Math.round((count / total) * 100)}%`;
}

/** The raw JSON Pointer, for an attribute discovery did not list. */
function AdvancedPointer({ label, value, onChange }: { label: string; value: string; onChange: (path: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  let problem = "";
  try {
    parsePointer(text);
  } catch (e) {
    if (!(e instanceof PointerError)) throw e;
    problem = e.reason;
  }
  const apply = () => {
    if (problem === "" && draft !== null) onChange(draft);
    if (problem === "") setDraft(null);
  };
  return (
    <details className="picker-advanced">
      <summary>Advanced</summary>
      <label htmlFor={id}>{label}: JSON Pointer</label>
      <input
        id={id}
        value={text}
        spellCheck={false}
        aria-invalid={problem !== ""}
        aria-describedby={`${id}-problem`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
      />
      <p id={`${id}-problem`} className={problem ? "error small" : "muted small"}>
        {problem ? `Not a JSON Pointer: ${problem}` : "For example /custom_attributes/department. Applied when you leave the field."}
      </p>
    </details>
  );
}
