import type { FilterChip } from "./chips";
import type { PeopleFilters } from "./filterState";

interface Props {
  chips: FilterChip[];
  onChange: (next: PeopleFilters) => void;
  onClearAll: () => void;
}

/** The active filters above the results, each with a remove button, and "Clear all". */
export function ActiveFilters({ chips, onChange, onClearAll }: Props) {
  if (chips.length === 0) return null;
  return (
    <div className="active-filters" role="group" aria-label="Active filters">
      <ul>
        {chips.map((c) => (
          <li key={c.key} className="chip">
            <span>
              <span className="chip-title">{c.title}:</span> {c.value}
            </span>
            <button type="button" className="chip-remove" aria-label={`Remove filter ${c.title}: ${c.value}`} onClick={() => onChange(c.without)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onClearAll}>
        Clear all
      </button>
    </div>
  );
}
