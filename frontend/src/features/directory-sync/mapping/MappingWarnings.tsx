import { useQuery } from "urql";
import type { FieldMappingInput } from "../../../gql/graphql";
import { MappingWarningsQuery } from "../documents";
import { FIELD_LABELS } from "./mappingDraft";
import type { TargetField } from "./mapUser";

/** A mapping warning as the server sends it. */
export interface MappingWarning {
  field: string;
  pointer: string;
  message: string;
}

/**
 * The people-facing name of a warning's input field: "mapping.tags[1]" is the second tag field with an
 * attribute, named by tagNames when given, else "Tag 2".
 */
export function warningLabel(field: string, tagNames: readonly string[] = []): string {
  const tag = /^mapping\.tags\[(\d+)\]$/.exec(field);
  if (tag) return tagNames[Number(tag[1])] ?? `Tag ${Number(tag[1]) + 1}`;
  const name = field.replace(/^mapping\./, "");
  return name in FIELD_LABELS ? FIELD_LABELS[name as TargetField] : name;
}

/** Lists mapping warnings: sources the directory no longer fills. */
export function WarningList({ warnings, tagNames }: { warnings: readonly MappingWarning[]; tagNames?: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div role="status" className="warning-box" aria-label="Mapping warnings">
      <p>
        <strong>Some mapped attributes are empty in your directory.</strong> Saving is allowed, but these fields would be
        cleared for everyone (a sync that clears them waits for your review).
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w.field}>
            <strong>{warningLabel(w.field, tagNames)}</strong> (<code>{w.pointer}</code>): {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The warnings of the draft mapping, checked by the server against the directory while the
 * draft differs from the saved mapping; the saved mapping's warnings otherwise.
 */
export function DraftWarnings({ draft, check, saved, tagNames }: { draft: FieldMappingInput; check: boolean; saved: readonly MappingWarning[]; tagNames?: readonly string[] }) {
  const [{ data }] = useQuery({ query: MappingWarningsQuery, variables: { mapping: draft }, pause: !check });
  const warnings = check ? (data?.directorySync.mappingWarnings ?? []) : saved;
  return <WarningList warnings={warnings} tagNames={tagNames} />;
}
