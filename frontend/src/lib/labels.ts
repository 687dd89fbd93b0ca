/**
 * Words for the API's field names and states, so the UI never shows raw values such as
 * `jobTitle` or `invalid_credentials`.
 */

const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  name: "Name",
  email: "Email",
  jobTitle: "Job title",
  department: "Department",
  division: "Division",
  office: "Office",
  tags: "Tags",
  tagFields: "Tag fields",
  role: "Role",
  status: "Status",
};

/** Words for a raw name: "cost_center" and "costCenter" read "Cost center". */
export function humanize(raw: string): string {
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return words === "" ? raw : words.charAt(0).toUpperCase() + words.slice(1);
}

/** A user field as the API names it ("jobTitle"), for people ("Job title"). */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? humanize(field);
}

// The same words as the server's DirectorySyncConnection.stateLabel (sync/engine/dirstate_text.go).
const DIRECTORY_STATE_LABELS: Record<string, string> = {
  linked: "Linked",
  active: "Linked",
  validating: "Validating",
  invalid_credentials: "Invalid credentials",
  unlinked: "Inactive",
  inactive: "Inactive",
  deleting: "Being deleted",
  deleted: "Deleted",
};

/** A WorkOS directory state ("invalid_credentials"), for people ("Invalid credentials"). */
export function directoryStateLabel(state: string): string {
  return DIRECTORY_STATE_LABELS[state] ?? (state === "" ? "Unknown" : humanize(state));
}

const DIRECTORY_USER_STATE_LABELS: Record<string, string> = {
  active: "Active",
  inactive: "Inactive",
  suspended: "Suspended",
};

/** A directory user's state ("inactive"), for people ("Inactive"). */
export function directoryUserStateLabel(state: string): string {
  return DIRECTORY_USER_STATE_LABELS[state] ?? (state === "" ? "Unknown" : humanize(state));
}

const ROLE_LABELS: Record<string, string> = {
  COMPANY_ADMIN: "Company administrator",
  MEMBER: "Member",
};

/** A user role for people ("Company administrator"), in any case; unknown roles read as stored. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role.toUpperCase()] ?? role;
}
