import type { GroupRulesDraft } from "./mappingDraft";

/** A sample user's directory group, as the preview needs it. */
export interface UserGroup {
  id: string;
  name: string;
}

/**
 * The tags the draft's group rules give a user: the names of its groups that become tags
 * (every group with "all", the chosen ones with "chosen"), as the sync adds them to the
 * groups tag field (sync/engine grouptags.go).
 */
export function groupTags(groups: readonly UserGroup[], rules: GroupRulesDraft): string[] {
  if (rules.asTags === "none") return [];
  const chosen = new Set(rules.tagGroups.map((g) => g.id));
  const names = groups.filter((g) => rules.asTags === "all" || chosen.has(g.id)).map((g) => g.name);
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

/** The WorkOS role slugs of a directory user's JSON: role.slug and roles[].slug. */
export function roleSlugs(attributes: unknown): string[] {
  if (typeof attributes !== "object" || attributes === null) return [];
  const a = attributes as { role?: unknown; roles?: unknown };
  const slugOf = (r: unknown) => (typeof r === "object" && r !== null && typeof (r as { slug?: unknown }).slug === "string" ? [(r as { slug: string }).slug] : []);
  return [...slugOf(a.role), ...(Array.isArray(a.roles) ? a.roles.flatMap(slugOf) : [])];
}

/**
 * The role the draft's rules give a user, as the sync decides it (sync/engine roles.go
 * desiredRole): null when the rules do not manage roles (no admin groups, no role slugs),
 * else COMPANY_ADMIN for a member of an admin group or a holder of a listed slug, MEMBER
 * otherwise. The last-admin rule and the demotion guard apply in the run, not here.
 */
export function draftRole(groups: readonly UserGroup[], attributes: unknown, rules: GroupRulesDraft): "COMPANY_ADMIN" | "MEMBER" | null {
  if (rules.admins.length === 0 && rules.adminRoleSlugs.length === 0) return null;
  const adminGroups = new Set(rules.admins.map((g) => g.id));
  const slugs = new Set(rules.adminRoleSlugs);
  const admin = groups.some((g) => adminGroups.has(g.id)) || roleSlugs(attributes).some((s) => slugs.has(s));
  return admin ? "COMPANY_ADMIN" : "MEMBER";
}
