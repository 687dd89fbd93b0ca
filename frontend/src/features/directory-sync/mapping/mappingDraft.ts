import type { ConfigFieldsFragment, FieldMappingInput, GroupRefFragment, GroupRulesInput } from "../../../gql/graphql";
import type { Alias, MappingDraft, ScalarField, TargetField } from "./mapUser";

/** Most tag fields a mapping holds (the server's limit). */
export const MAX_TAG_FIELDS = 20;
/** Longest tag field label (the server's limit). */
export const MAX_TAG_LABEL = 80;

/** The editor's targets in order, with their labels. */
export const TARGETS: readonly { field: ScalarField; label: string; required?: boolean }[] = [
  { field: "firstName", label: "First name" },
  { field: "lastName", label: "Last name" },
  { field: "email", label: "Email", required: true },
  { field: "jobTitle", label: "Job title" },
  { field: "department", label: "Department" },
  { field: "division", label: "Division" },
  { field: "office", label: "Office" },
];

/** Labels of every target, tags included, for the alias editor. */
export const FIELD_LABELS: Record<TargetField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  jobTitle: "Job title",
  department: "Department",
  division: "Division",
  office: "Office",
  tags: "Tags",
};

/** A directory group as the pickers show it. */
export type GroupRef = GroupRefFragment;

/** One tag field as the editor holds it. */
export interface TagFieldDraft {
  /** Identifies the row while editing (the saved key, or a new id). */
  id: string;
  /** The saved key; "" for a field added in this draft (its key is made from the label). */
  key: string;
  label: string;
  /** Where the values come from: an attribute pointer or the directory groups. */
  source: "attribute" | "groups";
  /** The attribute's pointer; "" while none is picked. */
  pointer: string;
}

/** Which groups become tags of the groups tag field. */
export type GroupsAsTags = "none" | "all" | "chosen";

/** The group rules as the editor holds them. */
export interface GroupRulesDraft {
  asTags: GroupsAsTags;
  tagGroups: GroupRef[];
  syncOnly: GroupRef[];
  admins: GroupRef[];
  adminRoleSlugs: string[];
}

/** Everything the mapping editor edits: the field mapping with named tag fields, and the group rules. */
export interface EditorDraft extends Omit<MappingDraft, "tags"> {
  tagFields: TagFieldDraft[];
  groupRules: GroupRulesDraft;
}

let newFieldSeq = 0;

/** A new, empty tag field taking its values from an attribute (or the groups). */
export function newTagField(source: TagFieldDraft["source"] = "attribute"): TagFieldDraft {
  newFieldSeq += 1;
  return { id: `new-${newFieldSeq}`, key: "", label: source === "groups" ? "Groups" : "", source, pointer: "" };
}

/**
 * The saved configuration as an editable draft: "" for unmapped. The server gives an old mapping's flat tags as
 * unnamed tag fields tag1, tag2, ...; they keep their keys when named here.
 */
export function draftFromConfig(c: Pick<ConfigFieldsFragment, "mapping" | "groupRules">): EditorDraft {
  const m = c.mapping;
  const g = c.groupRules;
  return {
    firstName: m.firstName ?? "",
    lastName: m.lastName ?? "",
    email: m.email,
    jobTitle: m.jobTitle ?? "",
    department: m.department ?? "",
    division: m.division ?? "",
    office: m.office ?? "",
    tagFields: m.tagFields.map((f) => ({ id: f.key, key: f.key, label: f.label, source: f.fromGroups ? "groups" : "attribute", pointer: f.pointer ?? "" })),
    valueAliases: m.valueAliases.map(({ field, from, to }) => ({ field, from, to })),
    groupRules: {
      asTags: g.allGroupsAsTags ? "all" : g.tagGroups.length > 0 ? "chosen" : "none",
      tagGroups: g.tagGroups.map(groupRef),
      syncOnly: g.syncOnlyGroups.map(groupRef),
      admins: g.adminGroups.map(groupRef),
      adminRoleSlugs: [...g.adminRoleSlugs],
    },
  };
}

const groupRef = ({ id, name, memberCount }: GroupRef): GroupRef => ({ id, name, memberCount });

/** What the app shows for a tag field without a label: "Groups", or "Tag N" for the N-th field. */
export function fieldPlaceholder(f: TagFieldDraft, index: number): string {
  return f.source === "groups" ? "Groups" : `Tag ${index + 1}`;
}

/** A key for a new field made from its label ("Cost center" -> "cost-center"), unique among taken (lower-cased keys). */
export function keyFromLabel(label: string, taken: Set<string>): string {
  const base = label
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32) || "tag";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** The tag fields as the API's input: trimmed labels, new fields keyed from their labels. */
function tagFieldsInput(fields: readonly TagFieldDraft[]): NonNullable<FieldMappingInput["tagFields"]> {
  const taken = new Set(fields.filter((f) => f.key !== "").map((f) => f.key.toLowerCase()));
  return fields.map((f) => {
    let key = f.key;
    if (key === "") {
      key = keyFromLabel(f.label.trim(), taken);
      taken.add(key);
    }
    const label = f.label.trim();
    return f.source === "groups" ? { key, label, fromGroups: true } : { key, label, pointer: f.pointer.trim() };
  });
}

/** The draft's field mapping as the API's input: null for unmapped, named tag fields, complete aliases. */
export function draftToInput(d: EditorDraft): FieldMappingInput {
  const opt = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    firstName: opt(d.firstName),
    lastName: opt(d.lastName),
    email: d.email.trim(),
    jobTitle: opt(d.jobTitle),
    department: opt(d.department),
    division: opt(d.division),
    office: opt(d.office),
    tagFields: tagFieldsInput(d.tagFields),
    valueAliases: d.valueAliases
      .filter((a) => a.from.trim() !== "" && a.to.trim() !== "")
      .map((a) => ({ field: a.field, from: a.from.trim(), to: a.to.trim() })),
  };
}

/** The draft's group rules as the API's input. */
export function groupRulesToInput(g: GroupRulesDraft): GroupRulesInput {
  return {
    allGroupsAsTags: g.asTags === "all",
    tagGroupIds: g.asTags === "chosen" ? g.tagGroups.map((x) => x.id) : [],
    syncOnlyGroupIds: g.syncOnly.map((x) => x.id),
    adminGroupIds: g.admins.map((x) => x.id),
    adminRoleSlugs: g.adminRoleSlugs,
  };
}

/** The mapping the live preview applies: the attribute tag fields' pointers as tags. */
export function previewMapping(d: EditorDraft): MappingDraft {
  const { tagFields, groupRules, ...rest } = d;
  return {
    ...rest,
    tags: tagFields.filter((f) => f.source === "attribute" && f.pointer.trim() !== "").map((f) => f.pointer.trim()),
  };
}

/** The names of the tag fields that take an attribute, in order: what the server's mapping.tags[i] warnings refer to. */
export function attributeTagNames(d: EditorDraft): string[] {
  return d.tagFields.flatMap((f, i) => (f.source === "attribute" && f.pointer.trim() !== "" ? [f.label.trim() || fieldPlaceholder(f, i)] : []));
}

/** Whether two drafts save the same mapping and group rules. */
export function sameMapping(a: EditorDraft, b: EditorDraft): boolean {
  const saved = (d: EditorDraft) => JSON.stringify([draftToInput(d), groupRulesToInput(d.groupRules)]);
  return saved(a) === saved(b);
}

/** Coverage of an attribute as text: "812 of 1,000 users (81%)". */
export function coverageText(userCount: number, total: number): string {
  if (total <= 0) return `${userCount.toLocaleString()} users`;
  const pct = Math.round((userCount / total) * 100);
  return `${userCount.toLocaleString()} of ${total.toLocaleString()} users (${pct}%)`;
}

/** Problems that would stop a save; empty when the draft can be saved. */
export function draftProblems(d: EditorDraft): string[] {
  const out: string[] = [];
  if (d.email.trim() === "") out.push("Email must be mapped.");
  const name = (f: TagFieldDraft, i: number) => (f.label.trim() !== "" ? `“${f.label.trim()}”` : fieldPlaceholder(f, i));
  const seen = new Map<string, number>();
  d.tagFields.forEach((f, i) => {
    if (f.label.trim().length > MAX_TAG_LABEL) out.push(`The name of tag field ${i + 1} is longer than ${MAX_TAG_LABEL} characters.`);
    if (f.source !== "attribute") return;
    const p = f.pointer.trim();
    if (p === "") {
      out.push(`Tag field ${name(f, i)} needs an attribute (or remove it).`);
    } else if (seen.has(p)) {
      out.push(`Tag fields ${name(d.tagFields[seen.get(p)!]!, seen.get(p)!)} and ${name(f, i)} take the same attribute.`);
    } else {
      seen.set(p, i);
    }
  });
  if (d.tagFields.length > MAX_TAG_FIELDS) out.push(`At most ${MAX_TAG_FIELDS} tag fields can be mapped.`);
  if (d.tagFields.filter((f) => f.source === "groups").length > 1) out.push("Only one tag field can take the directory groups.");
  if (d.groupRules.asTags === "chosen" && d.groupRules.tagGroups.length === 0) out.push("Choose the groups that become tags, or pick another option.");
  d.valueAliases.forEach((a: Alias, i) => {
    const blankFrom = a.from.trim() === "";
    const blankTo = a.to.trim() === "";
    if (blankFrom !== blankTo) out.push(`Alias ${i + 1} needs both a directory value and a value to use.`);
  });
  return out;
}
