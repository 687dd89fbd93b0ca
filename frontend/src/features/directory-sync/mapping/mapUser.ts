import { fieldLabel } from "../../../lib/labels";
import { resolvePointer } from "./jsonPointer";

/** Target fields of a mapping, as the API names them. */
export const SCALAR_FIELDS = ["firstName", "lastName", "email", "jobTitle", "department", "division", "office"] as const;
/** A single-valued target field. */
export type ScalarField = (typeof SCALAR_FIELDS)[number];
/** Any target field, including tags. */
export type TargetField = ScalarField | "tags";

/** Most tags a user keeps (the server's limit). */
export const MAX_TAG_VALUES = 50;

/** A value alias: a directory spelling and what to use instead. */
export interface Alias {
  field: string;
  from: string;
  to: string;
}

/** A mapping as the editor holds it: pointers ("" = not mapped), tag pointers and aliases. */
export interface MappingDraft {
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  department: string;
  division: string;
  office: string;
  tags: string[];
  valueAliases: Alias[];
}

/** An office the office value may match. */
export interface OfficeRef {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** What a mapping makes of one directory user, computed in the browser. */
export interface MappedPreview {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  jobTitle: string | null;
  department: string | null;
  division: string | null;
  officeValue: string | null;
  office: OfficeRef | null;
  tags: string[];
  problems: string[];
}

/** Text of a JSON scalar, or null for objects and arrays (null itself gives ""). */
export function scalarString(v: unknown): string | null {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

function singleValue(v: unknown): string | null {
  if (!Array.isArray(v)) return scalarString(v);
  if (v.length === 0) return "";
  return v.length === 1 ? scalarString(v[0]) : null;
}

function shape(v: unknown): string {
  if (Array.isArray(v)) return v.length === 1 ? "an array holding an object or array" : `an array of ${v.length} values`;
  return typeof v === "object" && v !== null ? "an object" : "a value";
}

const fold = (s: string) => s.trim().toLowerCase();

/** Indexes aliases by field, then by case-folded directory value. */
export function aliasTable(aliases: readonly Alias[]): Map<string, Map<string, string>> {
  const table = new Map<string, Map<string, string>>();
  for (const a of aliases) {
    if (a.from.trim() === "" || a.to.trim() === "") continue;
    let byValue = table.get(a.field);
    if (!byValue) table.set(a.field, (byValue = new Map()));
    if (!byValue.has(fold(a.from))) byValue.set(fold(a.from), a.to.trim());
  }
  return table;
}

/** A value with its alias of one field's table, if any. */
export function applyAlias(table: Map<string, string> | undefined, s: string): string {
  if (!table || s === "") return s;
  return table.get(fold(s)) ?? s;
}

/** Finds the office whose name or alias equals value, case-insensitively. */
export function matchOffice(value: string, offices: readonly OfficeRef[]): OfficeRef | null {
  const v = fold(value);
  return offices.find((o) => fold(o.name) === v || o.aliases.some((a) => fold(a) === v)) ?? null;
}

/**
 * Maps one directory user object (the `attributes` JSON of a DirectoryUser)
 * like the server does: values trimmed, empty gives no value, a single-valued
 * field takes a scalar or a one-element array, email lower-cased, aliases
 * matched case-insensitively, tags one per array element, deduplicated.
 */
export function mapUser(doc: unknown, mapping: MappingDraft, offices: readonly OfficeRef[]): MappedPreview {
  const aliases = aliasTable(mapping.valueAliases);
  const out: MappedPreview = {
    firstName: null, lastName: null, email: null, jobTitle: null, department: null, division: null,
    officeValue: null, office: null, tags: [], problems: [],
  };
  for (const field of SCALAR_FIELDS) {
    const pointer = mapping[field];
    if (pointer === "") continue;
    const r = resolvePointer(doc, pointer);
    if (!r.found) continue;
    const s = singleValue(r.value);
    if (s === null) {
      out.problems.push(`${fieldLabel(field)}: ${pointer} holds ${shape(r.value)}; a single text value is needed`);
      continue;
    }
    let v = applyAlias(aliases.get(field), s.trim());
    if (field === "email") v = v.toLowerCase();
    if (v === "") continue;
    if (field === "office") {
      out.officeValue = v;
      out.office = matchOffice(v, offices);
      if (!out.office) out.problems.push(`${fieldLabel("office")}: "${v}" matches no office`);
    } else {
      out[field] = v;
    }
  }
  out.tags = mapTags(doc, mapping.tags, aliases.get("tags"), out.problems);
  return out;
}

function mapTags(doc: unknown, pointers: readonly string[], aliases: Map<string, string> | undefined, problems: string[]): string[] {
  const tags: string[] = [];
  const add = (raw: string) => {
    const s = applyAlias(aliases, raw.trim());
    if (s === "" || tags.some((t) => fold(t) === fold(s)) || tags.length >= MAX_TAG_VALUES) return;
    tags.push(s);
  };
  for (const pointer of pointers) {
    if (pointer === "") continue;
    const r = resolvePointer(doc, pointer);
    if (!r.found) continue;
    const v = r.value;
    if (Array.isArray(v)) {
      for (const el of v) {
        const s = scalarString(el);
        if (s !== null) add(s);
      }
    } else if (typeof v === "object" && v !== null) {
      problems.push(`${fieldLabel("tags")}: ${pointer} holds an object; a text value or an array of them is needed`);
    } else {
      add(scalarString(v) ?? "");
    }
  }
  return tags;
}
