import { useState } from "react";
import { plural } from "../../../lib/format";
import { OfficeFix } from "../../offices/OfficeFix";

/** An office value of the preview that matches no office, and how many previewed people have it. */
export interface UnmatchedOffice {
  value: string;
  count: number;
}

/** The distinct unmatched office values of mapped users, most frequent first. */
export function unmatchedOffices(mapped: readonly { officeValue: string | null; office: unknown }[]): UnmatchedOffice[] {
  const counts = new Map<string, UnmatchedOffice>();
  for (const m of mapped) {
    if (!m.officeValue || m.office) continue;
    const key = m.officeValue.trim().toLowerCase();
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { value: m.officeValue, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * Offers the one-step fix (create the office, or map the value to an existing office) for
 * each office value of the live preview that matches no office. The preview reads the
 * offices again after a fix, so the value then shows as matched.
 */
export function UnmatchedOffices({ values }: { values: readonly UnmatchedOffice[] }) {
  const [note, setNote] = useState("");
  if (!note && values.length === 0) return null;
  return (
    <div className="preview-fixes">
      {note && (
        <p role="status" className="success">
          {note} The preview, the next dry run and the next sync use it.
        </p>
      )}
      {values.length > 0 && (
        <ul className="issue-groups" aria-label="Office values that match no office">
          {values.map((u) => (
            <li key={u.value}>
              <p className="issue-group-title">
                <strong>{u.value}</strong> matches no office · {plural(u.count, "previewed person", "previewed people")}
              </p>
              <OfficeFix value={u.value} onFixed={setNote} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
