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

/** The counts of one tag field's values. */
export interface TagFieldFacet {
  field: string;
  label: string;
  values: FacetCount[];
}

/** Facet counts for every facet. */
export type Facets = Record<FacetName, FacetCount[]> & { tagFields: TagFieldFacet[] };

interface Props {
  facets: Facets | null;
  filters: PeopleFilters;
  onToggle: (facet: FacetName, value: string) => void;
  onToggleTagField: (field: string, value: string) => void;
  onClear: () => void;
  officeLabels: ReadonlyMap<string, string>;
}

/**
 * The filter panel: one group of checkboxes with counts per facet, and one per tag field.
 * The flat Tag facet shows only when there are no tag fields (tags without a field) or a
 * tag is selected.
 */
export function FacetPanel({ facets, filters, onToggle, onToggleTagField, onClear, officeLabels }: Props) {
  const anySelected = FACETS.some((f) => filters[f].length > 0) || Object.keys(filters.tagFields).length > 0;
  const tagFields = withSelectedTagFields(facets?.tagFields ?? [], filters.tagFields);
  const shown = FACETS.filter((f) => f !== "tags" || tagFields.length === 0 || filters.tags.length > 0);
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
      {shown.map((facet) => (
        <FacetGroup
          key={facet}
          id={`facet-${facet}`}
          title={TITLES[facet]}
          counts={facets?.[facet] ?? []}
          selected={filters[facet]}
          labels={facet === "offices" ? officeLabels : undefined}
          onToggle={(v) => onToggle(facet, v)}
        />
      ))}
      {tagFields.map((tf, i) => (
        <FacetGroup
          key={`tf-${tf.field}`}
          id={`facet-tag-field-${i}`}
          title={tf.label}
          counts={tf.values}
          selected={filters.tagFields[tf.field] ?? []}
          onToggle={(v) => onToggleTagField(tf.field, v)}
        />
      ))}
    </aside>
  );
}

/** The tag field facets, plus a group for each selected field the counts do not list. */
function withSelectedTagFields(facets: TagFieldFacet[], selected: Record<string, string[]>): TagFieldFacet[] {
  const missing = Object.keys(selected).filter((field) => !facets.some((f) => f.field === field));
  return [...facets, ...missing.map((field) => ({ field, label: field, values: [] }))];
}

interface GroupProps {
  id: string;
  title: string;
  counts: FacetCount[];
  selected: string[];
  labels?: ReadonlyMap<string, string>;
  onToggle: (value: string) => void;
}

function FacetGroup({ id, title, counts, selected, labels, onToggle }: GroupProps) {
  const [expanded, setExpanded] = useState(false);
  const options = facetOptions(counts, selected, labels);
  const { shown, hidden } = visibleOptions(options, expanded, COLLAPSED_LIMIT);
  return (
    <fieldset className="facet" id={id}>
      <legend>{title}</legend>
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
