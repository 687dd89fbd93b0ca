import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useClient, useQuery } from "urql";
import { PageTitle } from "../../app/PageTitle";
import { errorMessage } from "../../lib/errors";
import { useDebouncedValue } from "../../lib/useDebouncedValue";
import { useKeysetPages, type KeysetPage } from "../../lib/useKeysetPages";
import { useViewer } from "../auth/ViewerContext";
import { ActiveFilters } from "./ActiveFilters";
import { activeChips } from "./chips";
import { PeopleOfficesQuery, PeopleSearchQuery } from "./documents";
import { FacetPanel, type Facets } from "./FacetPanel";
import {
  clearFacets,
  FACET_PARAMS,
  filterKey,
  filtersToParams,
  parseFilters,
  selectedCount,
  toggleFacetValue,
  toggleTagFieldValue,
  toUserFilter,
  type FacetName,
  type PeopleFilters,
} from "./filterState";
import { FilterDrawer } from "./FilterDrawer";
import { PeopleTable, type Person } from "./PeopleTable";
import { hasUnresolvedOffices, isUUID, officeSlugs, type OfficeSlugs } from "./slugs";
import { useMediaQuery } from "./useMediaQuery";

/** Results per page. */
export const PAGE_SIZE = 50;
/** Debounce of the search box. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Below this width the filters move into a drawer and results become cards (as in app.css). */
export const NARROW_QUERY = "(max-width: 699.98px)";

interface Meta {
  totalCount: number;
  facets: Facets | null;
}

/**
 * Power Search: search box, facet filters, results; the filters live in the URL,
 * offices by slug. Waits for the office list only when the URL names an office
 * by a slug it cannot read yet.
 */
export function PeoplePage() {
  const [params] = useSearchParams();
  const [offices] = useQuery({ query: PeopleOfficesQuery, requestPolicy: "cache-and-network" });
  const list = offices.data?.offices;
  const slugs = useMemo(() => officeSlugs(list ?? []), [list]);
  const officeNames = useMemo(() => new Map((list ?? []).map((o) => [o.id, o.name])), [list]);
  const waiting = !offices.data && !offices.error && hasUnresolvedOffices(params.getAll(FACET_PARAMS.offices), slugs);
  if (waiting) {
    return (
      <section className="people">
        <PageTitle>People</PageTitle>
        <p id="people-summary" className="summary" role="status" aria-live="polite">
          Searching…
        </p>
      </section>
    );
  }
  return <PeopleSearch slugs={slugs} officesLoaded={list !== undefined} officeNames={officeNames} />;
}

interface SearchProps {
  slugs: OfficeSlugs;
  officesLoaded: boolean;
  officeNames: ReadonlyMap<string, string>;
}

function PeopleSearch({ slugs, officesLoaded, officeNames }: SearchProps) {
  const client = useClient();
  const viewer = useViewer();
  const isAdmin = viewer.isCompanyAdmin;
  const narrow = useMediaQuery(NARROW_QUERY);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f = parseFilters(params, slugs);
    // Only administrators may list inactive people; members always see the active ones.
    return isAdmin ? f : { ...f, status: "active" as const };
  }, [params, slugs, isAdmin]);
  const [text, setText] = useState(filters.q);
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);

  const write = useCallback((f: PeopleFilters, opts?: { replace: boolean }) => setParams(filtersToParams(f, slugs), opts), [setParams, slugs]);

  // URL -> box (back/forward, shared links).
  const lastQ = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== lastQ.current) {
      lastQ.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);
  // Box -> URL once typing settles; replace, so each keystroke is not a history entry.
  useEffect(() => {
    const q = debounced.trim();
    if (q === lastQ.current) return;
    lastQ.current = q;
    setParams((prev) => filtersToParams({ ...parseFilters(prev, slugs), q }, slugs), { replace: true });
  }, [debounced, setParams, slugs]);
  // An old link naming offices by id: show it with slugs, in place.
  useEffect(() => {
    if (!officesLoaded || !params.getAll(FACET_PARAMS.offices).some(isUUID)) return;
    const canonical = filtersToParams(filters, slugs);
    if (canonical.toString() !== params.toString()) setParams(canonical, { replace: true });
  }, [officesLoaded, params, filters, slugs, setParams]);

  const fetchPage = useCallback(
    async (after: string | null): Promise<KeysetPage<Person, Meta>> => {
      const res = await client
        .query(PeopleSearchQuery, { filter: toUserFilter(filters), first: PAGE_SIZE, after, withFacets: after === null }, { requestPolicy: "network-only" })
        .toPromise();
      if (res.error || !res.data) throw res.error ?? new Error("no data");
      const u = res.data.users;
      return {
        nodes: u.edges.map((e) => e.node),
        endCursor: u.pageInfo.endCursor,
        hasNextPage: u.pageInfo.hasNextPage,
        meta: { totalCount: u.totalCount, facets: u.facets ?? null },
      };
    },
    [client, filters],
  );
  const list = useKeysetPages(filterKey(filters), fetchPage);

  const officeLabels = useRef(new Map<string, string>());
  for (const [id, name] of officeNames) officeLabels.current.set(id, name);
  for (const o of list.meta?.facets?.offices ?? []) officeLabels.current.set(o.value, o.label);
  const tagFieldLabels = useRef(new Map<string, string>());
  for (const tf of list.meta?.facets?.tagFields ?? []) tagFieldLabels.current.set(tf.field, tf.label);

  const toggle = (facet: FacetName, value: string) => write(toggleFacetValue(filters, facet, value));
  const toggleTagField = (field: string, value: string) => write(toggleTagFieldValue(filters, field, value));
  const clear = () => write(clearFacets(filters));
  const total = list.meta?.totalCount ?? 0;
  const filtered = filters.q !== "" || selectedCount(filters) > 0;
  const count = `${total.toLocaleString()} ${total === 1 ? "person" : "people"}`;
  const chips = activeChips(filters, officeLabels.current, tagFieldLabels.current);
  const closeDrawer = () => {
    setDrawerOpen(false);
    opener.current?.focus();
  };

  const panel = (
    <FacetPanel
      facets={list.meta?.facets ?? null}
      filters={filters}
      onToggle={toggle}
      onToggleTagField={toggleTagField}
      onClear={clear}
      officeLabels={officeLabels.current}
      onStatus={isAdmin ? (status) => write({ ...filters, status }) : undefined}
      inDrawer={narrow}
    />
  );

  return (
    <section className="people">
      <PageTitle>People</PageTitle>
      <div className="people-bar">
        <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="people-search">Search people</label>
          <input
            id="people-search"
            type="search"
            value={text}
            placeholder="Name or email"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </form>
        {narrow && (
          <button ref={opener} type="button" className="filters-button" aria-haspopup="dialog" aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)}>
            Filters{chips.length > 0 ? ` (${chips.length})` : ""}
          </button>
        )}
      </div>
      {narrow && drawerOpen && (
        <FilterDrawer onClose={closeDrawer} showLabel={list.loading && !list.meta ? "Show results" : `Show ${count}`}>
          {panel}
        </FilterDrawer>
      )}
      <div className="people-layout">
        {!narrow && panel}
        <div className="results">
          <ActiveFilters chips={chips} onChange={(f) => write(f)} onClearAll={clear} />
          <p id="people-summary" className="summary" role="status" aria-live="polite">
            {list.loading && !list.meta ? "Searching…" : list.error ? "" : count}
          </p>
          {list.error && (
            <div role="alert" className="error-box">
              <p>Search failed. {errorMessage(list.error)}</p>
              <button type="button" onClick={list.reload}>
                Try again
              </button>
            </div>
          )}
          {!list.loading && !list.error && list.nodes.length === 0 && (
            <div className="empty">
              <p>{filtered ? "No one matches these filters." : "No people yet."}</p>
              {filtered && (
                <button type="button" onClick={() => { setText(""); setParams(new URLSearchParams()); }}>
                  Clear search and filters
                </button>
              )}
            </div>
          )}
          {list.nodes.length > 0 && <PeopleTable people={list.nodes} busy={list.loading} />}
          {list.hasNextPage && !list.loading && (
            <button type="button" className="load-more" onClick={list.loadMore} disabled={list.loadingMore}>
              {list.loadingMore ? "Loading…" : `Load more (${list.nodes.length} of ${total.toLocaleString()} shown)`}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
