import { useEffect, useRef, useState } from "react";
import { STATUS_LABELS } from "./chips";
import { facetOptions, matchingOptions, visibleOptions, type FacetCount, type FacetOption } from "./facets";
import { FACETS, FACET_TITLES, STATUSES, type FacetName, type PeopleFilters, type StatusChoice } from "./filterState";

/** Values shown per facet until "Show more"; a facet with more values also gets a search box. */
export const COLLAPSED_LIMIT = 8;

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
  /** Offers the status filter (administrators only). */
  onStatus?: (status: StatusChoice) => void;
  /** Inside the narrow-screen drawer, which has its own heading. */
  inDrawer?: boolean;
}

/**
 * The filter panel: one group of checkboxes with counts per facet, and one per tag field.
 * The flat Tag facet shows only when there are no tag fields (tags without a field) or a
 * tag is selected. Administrators also get the status filter.
 */
export function FacetPanel({ facets, filters, onToggle, onToggleTagField, onClear, officeLabels, onStatus, inDrawer = false }: Props) {
  const anySelected = FACETS.some((f) => filters[f].length > 0) || Object.keys(filters.tagFields).length > 0 || filters.status !== "active";
  const tagFields = withSelectedTagFields(facets?.tagFields ?? [], filters.tagFields);
  const shown = FACETS.filter((f) => f !== "tags" || tagFields.length === 0 || filters.tags.length > 0);
  const clear = anySelected && (
    <button type="button" className="link-button" onClick={onClear}>
      Clear filters
    </button>
  );
  const body = (
    <>
      {onStatus && (
        <fieldset className="facet" id="facet-status">
          <legend>Status</legend>
          <ul>
            {STATUSES.map((s) => (
              <li key={s}>
                <label>
                  <input type="radio" name="people-status" value={s} checked={filters.status === s} onChange={() => onStatus(s)} />
                  <span className="facet-label">{STATUS_LABELS[s]}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {shown.map((facet) => (
        <FacetGroup
          key={facet}
          id={`facet-${facet}`}
          title={FACET_TITLES[facet]}
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
    </>
  );
  if (inDrawer) {
    return (
      <div className="facets in-drawer">
        {clear && <div className="facets-head">{clear}</div>}
        {body}
      </div>
    );
  }
  return (
    <aside className="facets" aria-label="Filters">
      <div className="facets-head">
        <h2>Filters</h2>
        {clear}
      </div>
      {body}
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

/**
 * One facet. Past COLLAPSED_LIMIT values it gets a search box (filtering its
 * values here, in the browser) and "Show more"; expanding moves focus to the
 * first value it revealed, so Tab goes on through the list in reading order.
 */
function FacetGroup({ id, title, counts, selected, labels, onToggle }: GroupProps) {
  const [expanded, setExpanded] = useState(false);
  const [find, setFind] = useState("");
  const [focusValue, setFocusValue] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const options = facetOptions(counts, selected, labels);
  const searchable = options.length > COLLAPSED_LIMIT;
  const matching = matchingOptions(options, searchable ? find : "");
  const { shown, hidden } = visibleOptions(matching, expanded, COLLAPSED_LIMIT);

  useEffect(() => {
    if (focusValue === null) return;
    const box = [...(list.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]") ?? [])].find((el) => el.value === focusValue);
    box?.focus();
    setFocusValue(null);
  }, [focusValue]);

  const toggleExpanded = () => {
    if (!expanded) {
      const before = new Set(shown.map((o) => o.value));
      const revealed = visibleOptions(matching, true, COLLAPSED_LIMIT).shown.find((o: FacetOption) => !before.has(o.value));
      if (revealed) setFocusValue(revealed.value);
    }
    setExpanded(!expanded);
  };

  return (
    <fieldset className="facet" id={id}>
      <legend>{title}</legend>
      {options.length === 0 && <p className="muted small">No values</p>}
      {searchable && (
        <input
          type="search"
          className="facet-search"
          aria-label={`Search ${title}`}
          placeholder={`Search ${options.length} values`}
          value={find}
          onChange={(e) => setFind(e.target.value)}
        />
      )}
      {searchable && find.trim() !== "" && matching.length === 0 && <p className="muted small">No {title} matches “{find.trim()}”.</p>}
      <ul ref={list} id={`${id}-values`}>
        {shown.map((o) => (
          <li key={o.value}>
            <label className={o.count === 0 && !o.selected ? "muted" : undefined}>
              <input type="checkbox" value={o.value} checked={o.selected} onChange={() => onToggle(o.value)} />
              <span className="facet-label">{o.label}</span>
              <span className="count" aria-label={`${o.count} people`}>
                {o.count}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {(hidden > 0 || expanded) && matching.length > COLLAPSED_LIMIT && (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={`${id}-values`} onClick={toggleExpanded}>
          {expanded ? "Show fewer" : `Show ${hidden} more`}
        </button>
      )}
    </fieldset>
  );
}
