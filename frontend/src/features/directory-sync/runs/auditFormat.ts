import { roleLabel } from "../../../lib/labels";

/** One audit entry in words: what was done, and the changes it made (settings field by field). */
export interface AuditText {
  summary: string;
  changes: { label: string; from: string; to: string }[];
}

const ACTIONS: Record<string, string> = {
  "setup.started": "Started setup",
  "setup.completed": "Connected the directory",
  "directory.disconnected": "Disconnected the directory",
  "configuration.updated": "Changed the sync settings",
  "assignment.changed": "Changed who is assigned",
  "run.started": "Started a sync",
  "run.approved": "Approved a held run",
  "run.rejected": "Rejected a held run",
  "user.role_changed": "Changed a user's role from the directory",
};

const FIELDS: Record<string, string> = {
  enabled: "Daily sync",
  dailyAt: "Daily sync time",
  timeZone: "Time zone",
  autoAssignNewUsers: "Assign new directory users",
  maxDeactivationPercent: "Review above this share inactivated (%)",
  maxDeactivationCount: "Review above this many inactivated",
  notifyAdmins: "Alerts to administrators",
  notificationEmails: "Further alert addresses",
  weeklyDigest: "Weekly digest",
  "mapping.firstName": "First name from",
  "mapping.lastName": "Last name from",
  "mapping.email": "Email from",
  "mapping.jobTitle": "Job title from",
  "mapping.department": "Department from",
  "mapping.division": "Division from",
  "mapping.office": "Office from",
  "mapping.valueAliases": "Value aliases",
  "groupRules.allGroupsAsTags": "All groups as tags",
  "groupRules.tagGroups": "Groups as tags",
  "groupRules.syncOnlyGroups": "Sync only members of",
  "groupRules.adminGroups": "Company administrators are members of",
  "groupRules.adminRoleSlugs": "Company administrators have the WorkOS role",
};

/** An audit action for people; unknown ones as they are. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** A settings field of configuration.updated details for people. */
export function settingLabel(field: string): string {
  if (field.startsWith("mapping.tagFields.")) return `Tag field ${field.slice("mapping.tagFields.".length)}`;
  return FIELDS[field] ?? field;
}

type Details = Record<string, unknown>;

function asDetails(v: unknown): Details {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Details) : {};
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function people(n: number): string {
  return n === 1 ? "1 person" : `${n.toLocaleString()} people`;
}

/** The changes of configuration.updated details; null for entries written before they were recorded. */
function settingsChanges(d: Details): AuditText["changes"] | null {
  if (!Array.isArray(d.changes)) return null;
  return d.changes.map((c) => {
    const ch = asDetails(c);
    return { label: settingLabel(str(ch.field) ?? "?"), from: str(ch.from) ?? "not set", to: str(ch.to) ?? "not set" };
  });
}

function assignmentSummary(d: Details): string {
  const verb = d.assigned === false ? "Un-assigned" : "Assigned";
  const count = typeof d.count === "number" ? d.count : null;
  const names = Array.isArray(d.names) ? d.names.filter((n): n is string => typeof n === "string") : [];
  if (count === null) return actionLabel("assignment.changed");
  if (names.length === 0) return `${verb} ${people(count)}`;
  const more = typeof d.more === "number" && d.more > 0 ? ` and ${d.more.toLocaleString()} more` : "";
  const who = names.join(", ") + more;
  return count === 1 ? `${verb} ${who}` : `${verb} ${people(count)}: ${who}`;
}

/** An audit entry in words, from its action and details. */
export function describeAudit(action: string, details: unknown): AuditText {
  const d = asDetails(details);
  const named = (label: string) => (str(d.name) ? `${label} ${str(d.name)}` : label);
  switch (action) {
    case "configuration.updated": {
      const changes = settingsChanges(d);
      if (changes === null) return { summary: actionLabel(action), changes: [] };
      return { summary: changes.length === 0 ? "Saved the sync settings (nothing changed)" : actionLabel(action), changes };
    }
    case "assignment.changed":
      return { summary: assignmentSummary(d), changes: [] };
    case "run.started":
      return { summary: d.dryRun === true ? "Ran a dry run" : actionLabel(action), changes: [] };
    case "setup.completed":
      return { summary: named("Connected the directory"), changes: [] };
    case "directory.disconnected":
      return { summary: named("Disconnected the directory"), changes: [] };
    case "user.role_changed": {
      const who = str(d.email) ?? "a user";
      const from = str(d.from);
      const to = str(d.to);
      if (to === null) return { summary: actionLabel(action), changes: [] };
      return { summary: from === null ? `Created ${who} as ${roleLabel(to)}` : `Changed the role of ${who} from the directory`, changes: from === null ? [] : [{ label: "Role", from: roleLabel(from), to: roleLabel(to) }] };
    }
  }
  return { summary: actionLabel(action), changes: [] };
}
