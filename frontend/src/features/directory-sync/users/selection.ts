/** A set of selected ids; functions return new sets (React state). */
export type Selection = ReadonlySet<string>;

/** Selects id, or un-selects it when selected. */
export function toggleOne(sel: Selection, id: string): Selection {
  const next = new Set(sel);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The select-all checkbox's state over the visible ids. */
export type AllState = "none" | "some" | "all";

/** Whether none, some or all visible ids are selected. */
export function allState(sel: Selection, visible: readonly string[]): AllState {
  const n = visible.filter((id) => sel.has(id)).length;
  if (n === 0) return "none";
  return n === visible.length ? "all" : "some";
}

/** Select-all: selects every visible id, or clears them all when all are selected already. */
export function toggleAll(sel: Selection, visible: readonly string[]): Selection {
  const next = new Set(sel);
  if (allState(sel, visible) === "all") for (const id of visible) next.delete(id);
  else for (const id of visible) next.add(id);
  return next;
}

/** Drops selected ids that are no longer visible (after a filter change). */
export function keepVisible(sel: Selection, visible: readonly string[]): Selection {
  const v = new Set(visible);
  const next = new Set([...sel].filter((id) => v.has(id)));
  return next.size === sel.size ? sel : next;
}
