/** A facet value as the server counts it. */
export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** A facet value as the panel shows it. */
export interface FacetOption extends FacetCount {
  selected: boolean;
}

/**
 * The options of one facet: the server's counts, plus any selected value the
 * counts no longer mention (with count 0) so it can still be un-ticked.
 * Ordered by count (highest first), then label.
 */
export function facetOptions(counts: readonly FacetCount[], selected: readonly string[], labels: ReadonlyMap<string, string> = new Map()): FacetOption[] {
  const sel = new Set(selected);
  const out: FacetOption[] = counts.map((c) => ({ ...c, selected: sel.has(c.value) }));
  for (const v of selected) {
    if (!counts.some((c) => c.value === v)) out.push({ value: v, label: labels.get(v) ?? v, count: 0, selected: true });
  }
  return out.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * The options to show while a facet is collapsed: the first `limit`, plus
 * every selected one. Returns the options and how many stay hidden.
 */
export function visibleOptions(options: readonly FacetOption[], expanded: boolean, limit = 8): { shown: FacetOption[]; hidden: number } {
  if (expanded || options.length <= limit) return { shown: [...options], hidden: 0 };
  const shown = options.filter((o, i) => i < limit || o.selected);
  return { shown, hidden: options.length - shown.length };
}

/** The options whose label contains every word of the text, ignoring case and accents; all of them for empty text. */
export function matchingOptions(options: readonly FacetOption[], text: string): FacetOption[] {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const words = fold(text).split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const label = fold(o.label);
    return words.every((w) => label.includes(w));
  });
}
