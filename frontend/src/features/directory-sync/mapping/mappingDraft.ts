import type { ConfigFieldsFragment, FieldMappingInput } from "../../../gql/graphql";
import type { MappingDraft, ScalarField, TargetField } from "./mapUser";

/** Tag slots the editor offers. */
export const TAG_SLOTS = 3;

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

/** The saved mapping as an editable draft: "" for unmapped, TAG_SLOTS tag slots. */
export function draftFromConfig(m: ConfigFieldsFragment["mapping"]): MappingDraft {
  const tags = [...m.tags];
  while (tags.length < TAG_SLOTS) tags.push("");
  return {
    firstName: m.firstName ?? "",
    lastName: m.lastName ?? "",
    email: m.email,
    jobTitle: m.jobTitle ?? "",
    department: m.department ?? "",
    division: m.division ?? "",
    office: m.office ?? "",
    tags,
    valueAliases: m.valueAliases.map(({ field, from, to }) => ({ field, from, to })),
  };
}

/** The draft as the API's mapping input: null for unmapped, only used tag slots, complete aliases. */
export function draftToInput(d: MappingDraft): FieldMappingInput {
  const opt = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    firstName: opt(d.firstName),
    lastName: opt(d.lastName),
    email: d.email.trim(),
    jobTitle: opt(d.jobTitle),
    department: opt(d.department),
    division: opt(d.division),
    office: opt(d.office),
    tags: [...new Set(d.tags.map((t) => t.trim()).filter((t) => t !== ""))],
    valueAliases: d.valueAliases
      .filter((a) => a.from.trim() !== "" && a.to.trim() !== "")
      .map((a) => ({ field: a.field, from: a.from.trim(), to: a.to.trim() })),
  };
}

/** Whether two drafts save the same mapping. */
export function sameMapping(a: MappingDraft, b: MappingDraft): boolean {
  return JSON.stringify(draftToInput(a)) === JSON.stringify(draftToInput(b));
}

/** Coverage of an attribute as text: "812 of 1,000 users (81%)". */
export function coverageText(userCount: number, total: number): string {
  if (total <= 0) return `${userCount.toLocaleString()} users`;
  const pct = Math.round((userCount / total) * 100);
  return `${userCount.toLocaleString()} of ${total.toLocaleString()} users (${pct}%)`;
}

/** Problems that would stop a save, per target; empty when the draft can be saved. */
export function draftProblems(d: MappingDraft): string[] {
  const out: string[] = [];
  if (d.email.trim() === "") out.push("Email must be mapped.");
  const tags = d.tags.filter((t) => t.trim() !== "");
  if (new Set(tags).size !== tags.length) out.push("The same attribute is picked for two tags.");
  d.valueAliases.forEach((a, i) => {
    const blankFrom = a.from.trim() === "";
    const blankTo = a.to.trim() === "";
    if (blankFrom !== blankTo) out.push(`Alias ${i + 1} needs both a directory value and a value to use.`);
  });
  return out;
}
