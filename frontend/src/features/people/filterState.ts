import type { UserFilter, UserStatusFilter } from "../../gql/graphql";
import { NO_SLUGS, officeIdOf, officeSlugOf, type OfficeSlugs } from "./slugs";

/** Which people by status; only administrators may ask for more than the active ones. */
export type StatusChoice = "active" | "inactive" | "all";

/** The status choices in the order the panel offers them. */
export const STATUSES: readonly StatusChoice[] = ["active", "inactive", "all"];

/** The People filters, as kept in the URL. */
export interface PeopleFilters {
  /** Search text. */
  q: string;
  /** Selected departments. */
  departments: string[];
  /** Selected divisions. */
  divisions: string[];
  /** Selected office ids. */
  offices: string[];
  /** Selected tags (any tag field). */
  tags: string[];
  /** Selected values per tag field key. */
  tagFields: Record<string, string[]>;
  /** Status filter (?status=inactive|all); active when absent. */
  status: StatusChoice;
}

/** A facet of the filter panel. */
export type FacetName = "departments" | "divisions" | "offices" | "tags";

/** URL parameter of each facet; repeated for several values (?department=A&department=B). */
export const FACET_PARAMS: Record<FacetName, string> = {
  departments: "department",
  divisions: "division",
  offices: "office",
  tags: "tag",
};

/** The title of each facet, in the panel and on the active-filter chips. */
export const FACET_TITLES: Record<FacetName, string> = {
  departments: "Department",
  divisions: "Division",
  offices: "Office",
  tags: "Tag",
};

/** URL parameter prefix of a tag field's values (?tf.cost=40100). */
export const TAG_FIELD_PARAM = "tf.";

/** The facets in panel order. */
export const FACETS: readonly FacetName[] = ["departments", "divisions", "offices", "tags"];

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];

/** URL parameter of the status filter. */
export const STATUS_PARAM = "status";

/**
 * Reads the filters from URL search parameters. Offices are named by slug
 * (?office=oslo-hq); an office id (links from before slugs) is read as well.
 */
export function parseFilters(params: URLSearchParams, slugs: OfficeSlugs = NO_SLUGS): PeopleFilters {
  const status = (params.get(STATUS_PARAM) ?? "").trim().toLowerCase();
  return {
    q: (params.get("q") ?? "").trim(),
    departments: unique(params.getAll(FACET_PARAMS.departments)),
    divisions: unique(params.getAll(FACET_PARAMS.divisions)),
    offices: unique(unique(params.getAll(FACET_PARAMS.offices)).map((v) => officeIdOf(v, slugs))),
    tags: unique(params.getAll(FACET_PARAMS.tags)),
    tagFields: parseTagFields(params),
    status: status === "inactive" || status === "all" ? status : "active",
  };
}

function parseTagFields(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of new Set(params.keys())) {
    if (!key.startsWith(TAG_FIELD_PARAM) || key.length === TAG_FIELD_PARAM.length) continue;
    const values = unique(params.getAll(key));
    if (values.length > 0) out[key.slice(TAG_FIELD_PARAM.length)] = values;
  }
  return out;
}

/** Writes the filters as URL search parameters, leaving out empty ones; offices by slug when known. */
export function filtersToParams(f: PeopleFilters, slugs: OfficeSlugs = NO_SLUGS): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim() !== "") p.set("q", f.q.trim());
  for (const facet of FACETS) {
    for (const v of unique(f[facet])) p.append(FACET_PARAMS[facet], facet === "offices" ? officeSlugOf(v, slugs) : v);
  }
  for (const [field, values] of Object.entries(f.tagFields)) for (const v of unique(values)) p.append(TAG_FIELD_PARAM + field, v);
  if (f.status !== "active") p.set(STATUS_PARAM, f.status);
  return p;
}

const API_STATUS: Record<StatusChoice, UserStatusFilter> = { active: "ACTIVE", inactive: "INACTIVE", all: "ALL" };

/** The API filter for the People query; status only when it is not the default. */
export function toUserFilter(f: PeopleFilters): UserFilter {
  const list = (v: string[]) => (v.length > 0 ? v : null);
  return {
    query: f.q.trim() === "" ? null : f.q.trim(),
    departments: list(f.departments),
    divisions: list(f.divisions),
    officeIds: list(f.offices),
    tags: list(f.tags),
    tagFields: tagFieldList(f.tagFields),
    ...(f.status === "active" ? {} : { status: API_STATUS[f.status] }),
  };
}

function tagFieldList(tf: Record<string, string[]>) {
  const out = Object.entries(tf)
    .filter(([, values]) => values.length > 0)
    .map(([field, values]) => ({ field, values }));
  return out.length > 0 ? out : null;
}

/** Adds value to a tag field's selection, or removes it when selected. */
export function toggleTagFieldValue(f: PeopleFilters, field: string, value: string): PeopleFilters {
  const cur = f.tagFields[field] ?? [];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  const tagFields = { ...f.tagFields, [field]: next };
  if (next.length === 0) delete tagFields[field];
  return { ...f, tagFields };
}

/** Adds value to a facet's selection, or removes it when selected. */
export function toggleFacetValue(f: PeopleFilters, facet: FacetName, value: string): PeopleFilters {
  const cur = f[facet];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  return { ...f, [facet]: next };
}

/** The filters with every facet cleared and the status back to active (search text kept). */
export function clearFacets(f: PeopleFilters): PeopleFilters {
  return { q: f.q, departments: [], divisions: [], offices: [], tags: [], tagFields: {}, status: "active" };
}

/** How many filters are set: facet values, plus one for a status other than active. */
export function selectedCount(f: PeopleFilters): number {
  const tagFieldValues = Object.values(f.tagFields).reduce((n, v) => n + v.length, 0);
  return FACETS.reduce((n, facet) => n + f[facet].length, tagFieldValues + (f.status === "active" ? 0 : 1));
}

/** A stable key of the filters: equal filters give equal keys whatever the order of values. */
export function filterKey(f: PeopleFilters): string {
  const sorted = { ...f, q: f.q.trim().toLowerCase() };
  for (const facet of FACETS) sorted[facet] = [...f[facet]].sort();
  sorted.tagFields = Object.fromEntries(
    Object.entries(f.tagFields)
      .filter(([, v]) => v.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, [...v].sort()]),
  );
  return JSON.stringify(sorted);
}
