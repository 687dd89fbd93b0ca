/** An office as the slug table needs it. */
export interface NamedOffice {
  id: string;
  name: string;
}

/** Both ways between office ids and the slugs the People URL uses for them. */
export interface OfficeSlugs {
  slugById: ReadonlyMap<string, string>;
  idBySlug: ReadonlyMap<string, string>;
}

/** No offices known (yet): ids stay ids in the URL. */
export const NO_SLUGS: OfficeSlugs = { slugById: new Map(), idBySlug: new Map() };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether s is a UUID, as office ids are (old People links carry them). */
export function isUUID(s: string): boolean {
  return UUID.test(s);
}

/**
 * The slug of an office name: lower case, accents dropped, every run of other
 * characters than letters and digits one dash ("São Paulo HQ" -> "sao-paulo-hq");
 * "office" when nothing is left.
 */
export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "office" : s;
}

/**
 * The slugs of a company's offices, unique within it: offices are taken by name
 * (then id, so the table does not depend on the list's order) and a slug already
 * taken gets "-2", "-3"… A slug never looks like a UUID, so old links stay readable.
 */
export function officeSlugs(offices: readonly NamedOffice[]): OfficeSlugs {
  const sorted = [...offices].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const slugById = new Map<string, string>();
  const idBySlug = new Map<string, string>();
  for (const o of sorted) {
    let base = slugify(o.name);
    if (isUUID(base)) base = `office-${base}`;
    let slug = base;
    for (let n = 2; idBySlug.has(slug); n++) slug = `${base}-${n}`;
    slugById.set(o.id, slug);
    idBySlug.set(slug, o.id);
  }
  return { slugById, idBySlug };
}

/** The office id an URL value names: a known slug, else the value itself (an id from an old link). */
export function officeIdOf(value: string, slugs: OfficeSlugs): string {
  return slugs.idBySlug.get(value.toLowerCase()) ?? value;
}

/** The URL value of an office id: its slug when known, else the id. */
export function officeSlugOf(id: string, slugs: OfficeSlugs): string {
  return slugs.slugById.get(id) ?? id;
}

/** Whether the URL has office values that are neither ids nor known slugs (the offices are still loading). */
export function hasUnresolvedOffices(values: readonly string[], slugs: OfficeSlugs): boolean {
  return values.some((v) => !isUUID(v) && !slugs.idBySlug.has(v.toLowerCase()));
}
