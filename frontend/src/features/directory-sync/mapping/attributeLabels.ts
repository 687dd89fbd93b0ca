import { humanize } from "../../../lib/labels";
import { parsePointer, PointerError } from "./jsonPointer";

/**
 * Friendly names for directory attributes, so an admin picks "Department name"
 * instead of "/custom_attributes/department". The pointer stays the value.
 */

/** Where an attribute comes from, in the order the picker lists the groups. */
export type AttributeGroup = "standard" | "custom" | "provider";

/** The picker's heading of each group. */
export const groupHeadings: Record<AttributeGroup, string> = {
  standard: "Standard fields",
  custom: "Custom attributes",
  provider: "Provider attributes (as the identity provider sends them)",
};

/** Names of WorkOS's standard fields and of the usual custom attributes. */
const knownNames: Record<string, string> = {
  first_name: "First name",
  last_name: "Last name",
  email: "Email",
  emails: "Emails",
  job_title: "Job title",
  title: "Job title",
  username: "Username",
  user_name: "Username",
  state: "Account state",
  department: "Department name",
  department_name: "Department name",
  division: "Division name",
  cost_center: "Cost center",
  cost_center_name: "Cost center name",
  employee_id: "Employee ID",
  employee_type: "Employment type",
  employment_type: "Employment type",
  manager_email: "Manager's email",
  manager_id: "Manager ID",
  office: "Office",
  office_name: "Office name",
  location: "Location",
  work_location: "Work location",
  city: "City",
  country: "Country",
  locality: "City",
  region: "Region",
  postal_code: "Postal code",
  street_address: "Street address",
  addresses: "Addresses",
  phone_numbers: "Phone numbers",
  idp_id: "Identity provider ID",
  groups: "Groups",
  role: "Role",
  roles: "Roles",
  slug: "slug",
  value: "value",
  primary: "primary",
  type: "type",
  tags: "Tags",
};

/** The group an attribute's pointer belongs to. */
export function attributeGroup(path: string): AttributeGroup {
  if (path.startsWith("/custom_attributes/")) return "custom";
  if (path.startsWith("/raw_attributes/")) return "provider";
  return "standard";
}

/** A pointer token for people: a known name, else humanized ("costCenter" -> "Cost center"). */
function tokenLabel(token: string): string {
  return knownNames[token] ?? knownNames[token.toLowerCase()] ?? humanize(token);
}

function tokensOf(path: string): string[] | null {
  try {
    return parsePointer(path);
  } catch (e) {
    if (e instanceof PointerError) return null;
    throw e;
  }
}

/**
 * The friendly label of a pointer: "/custom_attributes/cost_center_name" -> "Cost center name",
 * "/emails/0/value" -> "Emails (first) › value", "/raw_attributes/urn:…:User/department" ->
 * "Department". Array indexes read as ordinals; unknown names are humanized.
 */
export function attributeLabel(path: string): string {
  const tokens = tokensOf(path);
  if (tokens === null || tokens.length === 0) return path;
  const body = attributeGroup(path) === "standard" ? tokens : tokens.slice(1);
  if (body.length === 0) return path;
  const parts: string[] = [];
  for (const t of body) {
    if (/^(0|[1-9]\d*)$/.test(t) && parts.length > 0) {
      parts[parts.length - 1] += ` (${ordinal(Number(t))})`;
    } else if (t.includes(":")) {
      // SCIM schema URNs ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"): keep the last word.
      parts.push(tokenLabel(t.slice(t.lastIndexOf(":") + 1)));
    } else {
      parts.push(tokenLabel(t));
    }
  }
  return parts.join(" › ");
}

function ordinal(i: number): string {
  const names = ["first", "second", "third", "fourth", "fifth"];
  return names[i] ?? `#${i + 1}`;
}

/**
 * The pointer with every array index set to 0, which names its "array-index variants":
 * "/emails/1/value" and "/emails/0/value" fold into "/emails/0/value".
 */
export function foldedPath(path: string): string {
  return path.replace(/\/(0|[1-9]\d*)(?=\/|$)/g, "/0");
}

/** An attribute as the picker lists it. */
export interface PickerAttribute {
  path: string;
  label: string;
  group: AttributeGroup;
  userCount: number;
  samples: string[];
}

/**
 * Lists attributes for the picker: labelled, grouped, array-index variants folded into
 * their first one (a variant stays listed when it is the current value or has no first).
 */
export function pickerAttributes(
  attributes: readonly { path: string; userCount: number; samples: string[] }[],
  current: string,
): PickerAttribute[] {
  const paths = new Set(attributes.map((a) => a.path));
  const out: PickerAttribute[] = [];
  for (const a of attributes) {
    const first = foldedPath(a.path);
    if (first !== a.path && paths.has(first) && a.path !== current) continue;
    out.push({ path: a.path, label: attributeLabel(a.path), group: attributeGroup(a.path), userCount: a.userCount, samples: a.samples });
  }
  const order: AttributeGroup[] = ["standard", "custom", "provider"];
  return out.sort((x, y) => order.indexOf(x.group) - order.indexOf(y.group) || y.userCount - x.userCount || x.label.localeCompare(y.label));
}

/** Whether an attribute matches a search: its label, pointer or sample values. */
export function matchesSearch(a: PickerAttribute, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return a.label.toLowerCase().includes(q) || a.path.toLowerCase().includes(q) || a.samples.some((s) => s.toLowerCase().includes(q));
}
