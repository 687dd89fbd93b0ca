import { useState } from "react";
import { facetOptions, visibleOptions, type FacetCount } from "./facets";
import { FACETS, type FacetName, type PeopleFilters } from "./filterState";

const TITLES: Record<FacetName, string> = {
  departments: "Department",
  divisions: "Division",
  offices: "Office",
  tags: "Tag",
};

/** Values shown per facet until "Show more". */
const COLLAPSED_LIMIT = 8;

/** Facet counts for every facet. */
export type Facets = Record<FacetName, FacetCount[]>;

interface Props {
  facets: Facets | null;
  filters: PeopleFilters;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
  officeLabels: ReadonlyMap<string, string>;
}

/** The filter panel: one group of checkboxes with counts per facet. */
export function FacetPanel({ facets, filters, onToggle, onClear, officeLabels }: Props) {
  const anySelected = FACETS.some((f) => filters[f].length > 0);
  return (
    <aside className="facets" aria-label="Filters">
      <div className="facets-head">
        <h2>Filters</h2>
        {anySelected && (
          <button type="button" className="link-button" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
      {FACETS.map((facet) => (
        <FacetGroup
          key={facet}
          facet={facet}
          counts={facets?.[facet] ?? []}
          selected={filters[facet]}
          labels={facet === "offices" ? officeLabels : undefined}
          onToggle={(v) => onToggle(facet, v)}
        />
      ))}
    </aside>
  );
}

interface GroupProps {
  facet: FacetName;
  counts: FacetCount[];
  selected: string[];
  labels?: ReadonlyMap<string, string>;
  onToggle: (value: string) => void;
}

function FacetGroup({ facet, counts, selected, labels, onToggle }: GroupProps) {
  const [expanded, setExpanded] = useState(false);
  const options = facetOptions(counts, selected, labels);
  const { shown, hidden } = visibleOptions(options, expanded, COLLAPSED_LIMIT);
  const id = `facet-${facet}`;
  return (
    <fieldset className="facet" id={id}>
      <legend>{TITLES[facet]}</legend>
      {options.length === 0 && <p className="muted small">No values</p>}
      <ul>
        {shown.map((o) => (
          <li key={o.value}>
            <label className={o.count === 0 && !o.selected ? "muted" : undefined}>
              <input type="checkbox" checked={o.selected} onChange={() => onToggle(o.value)} />
              <span className="facet-label">{o.label}</span>
              <span className="count" aria-label={`${o.count} people`}>
                {o.count}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {(hidden > 0 || expanded) && options.length > COLLAPSED_LIMIT && (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
          {expanded ? "Show fewer" : `Show ${hidden} more`}
        </button>
      )}
    </fieldset>
  );
}
