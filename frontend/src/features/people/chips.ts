import { FACETS, FACET_TITLES, type PeopleFilters, type StatusChoice } from "./filterState";

/** One active filter as a removable chip above the results. */
export interface FilterChip {
  /** Stable React key. */
  key: string;
  /** What the filter is about ("Department", a tag field's label, "Status"). */
  title: string;
  /** The selected value as shown. */
  value: string;
  /** The filters without this one. */
  without: PeopleFilters;
}

/** Status names as the panel and the chips show them. */
export const STATUS_LABELS: Record<StatusChoice, string> = { active: "Active", inactive: "Inactive", all: "All" };

/**
 * The chips of the active filters, in panel order: one per selected facet value,
 * tag field value, and the status when it is not "active". The search text is
 * not a chip (it is in the search box).
 */
export function activeChips(f: PeopleFilters, officeLabels: ReadonlyMap<string, string>, tagFieldLabels: ReadonlyMap<string, string>): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.status !== "active") chips.push({ key: "status", title: "Status", value: STATUS_LABELS[f.status], without: { ...f, status: "active" } });
  for (const facet of FACETS) {
    for (const v of f[facet]) {
      chips.push({
        key: `${facet}:${v}`,
        title: FACET_TITLES[facet],
        value: facet === "offices" ? (officeLabels.get(v) ?? v) : v,
        without: { ...f, [facet]: f[facet].filter((x) => x !== v) },
      });
    }
  }
  for (const [field, values] of Object.entries(f.tagFields)) {
    for (const v of values) {
      const rest = values.filter((x) => x !== v);
      const tagFields = { ...f.tagFields, [field]: rest };
      if (rest.length === 0) delete tagFields[field];
      chips.push({ key: `tf:${field}:${v}`, title: tagFieldLabels.get(field) ?? field, value: v, without: { ...f, tagFields } });
    }
  }
  return chips;
}
