import { useId } from "react";
import { coverageText } from "./mappingDraft";

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

/** Picks the attribute a target comes from, with coverage and sample values. */
export function AttributePicker({ label, value, attributes, totalUsers, required, onChange }: Props) {
  const id = useId();
  const picked = attributes.find((a) => a.path === value);
  const known = value === "" || picked !== undefined;
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-info`} required={required}>
        {!required && <option value="">— not mapped —</option>}
        {!known && <option value={value}>{value} (not in the directory)</option>}
        {attributes.map((a) => (
          <option key={a.path} value={a.path}>
            {a.path}
          </option>
        ))}
      </select>
      <p id={`${id}-info`} className="muted small picker-info">
        {picked ? (
          <>
            {coverageText(picked.userCount, totalUsers)}
            {picked.samples.length > 0 && <> · e.g. {picked.samples.map((s) => `“${s}”`).join(", ")}</>}
          </>
        ) : value === "" ? (
          "Not synced"
        ) : (
          "No directory user has this attribute"
        )}
      </p>
    </div>
  );
}
