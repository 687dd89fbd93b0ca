import type { UserFilter } from "../../gql/graphql";

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
  /** Selected tags. */
  tags: string[];
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

/** The facets in panel order. */
export const FACETS: readonly FacetName[] = ["departments", "divisions", "offices", "tags"];

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];

/** Reads the filters from URL search parameters. */
export function parseFilters(params: URLSearchParams): PeopleFilters {
  return {
    q: (params.get("q") ?? "").trim(),
    departments: unique(params.getAll(FACET_PARAMS.departments)),
    divisions: unique(params.getAll(FACET_PARAMS.divisions)),
    offices: unique(params.getAll(FACET_PARAMS.offices)),
    tags: unique(params.getAll(FACET_PARAMS.tags)),
  };
}

/** Writes the filters as URL search parameters, leaving out empty ones. */
export function filtersToParams(f: PeopleFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim() !== "") p.set("q", f.q.trim());
  for (const facet of FACETS) for (const v of unique(f[facet])) p.append(FACET_PARAMS[facet], v);
  return p;
}

/** The API filter for the People query. */
export function toUserFilter(f: PeopleFilters): UserFilter {
  const list = (v: string[]) => (v.length > 0 ? v : null);
  return {
    query: f.q.trim() === "" ? null : f.q.trim(),
    departments: list(f.departments),
    divisions: list(f.divisions),
    officeIds: list(f.offices),
    tags: list(f.tags),
  };
}

/** Adds value to a facet's selection, or removes it when selected. */
export function toggleFacetValue(f: PeopleFilters, facet: FacetName, value: string): PeopleFilters {
  const cur = f[facet];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  return { ...f, [facet]: next };
}

/** The filters with every facet cleared (search text kept). */
export function clearFacets(f: PeopleFilters): PeopleFilters {
  return { q: f.q, departments: [], divisions: [], offices: [], tags: [] };
}

/** How many facet values are selected. */
export function selectedCount(f: PeopleFilters): number {
  return FACETS.reduce((n, facet) => n + f[facet].length, 0);
}

/** A stable key of the filters: equal filters give equal keys whatever the order of values. */
export function filterKey(f: PeopleFilters): string {
  const sorted = { ...f, q: f.q.trim().toLowerCase() };
  for (const facet of FACETS) sorted[facet] = [...f[facet]].sort();
  return JSON.stringify(sorted);
}
