import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useClient } from "urql";
import { PageTitle } from "../../app/PageTitle";
import { errorMessage } from "../../lib/errors";
import { useDebouncedValue } from "../../lib/useDebouncedValue";
import { useKeysetPages, type KeysetPage } from "../../lib/useKeysetPages";
import { PeopleSearchQuery } from "./documents";
import { FacetPanel, type Facets } from "./FacetPanel";
import { clearFacets, filterKey, filtersToParams, parseFilters, toggleFacetValue, toggleTagFieldValue, toUserFilter, type FacetName } from "./filterState";
import { PeopleTable, type Person } from "./PeopleTable";

/** Results per page. */
export const PAGE_SIZE = 50;
/** Debounce of the search box. */
export const SEARCH_DEBOUNCE_MS = 250;

interface Meta {
  totalCount: number;
  facets: Facets | null;
}

/** Power Search: search box, facet filters, results; the filters live in the URL. */
export function PeoplePage() {
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const [text, setText] = useState(filters.q);
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);

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
    setParams((prev) => filtersToParams({ ...parseFilters(prev), q }), { replace: true });
  }, [debounced, setParams]);

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
  for (const o of list.meta?.facets?.offices ?? []) officeLabels.current.set(o.value, o.label);

  const toggle = (facet: FacetName, value: string) => setParams(filtersToParams(toggleFacetValue(filters, facet, value)));
  const toggleTagField = (field: string, value: string) => setParams(filtersToParams(toggleTagFieldValue(filters, field, value)));
  const total = list.meta?.totalCount ?? 0;
  const filtered = filters.q !== "" || params.toString() !== "";

  return (
    <section className="people">
      <PageTitle>People</PageTitle>
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
      <div className="people-layout">
        <FacetPanel facets={list.meta?.facets ?? null} filters={filters} onToggle={toggle} onToggleTagField={toggleTagField} onClear={() => setParams(filtersToParams(clearFacets(filters)))} officeLabels={officeLabels.current} />
        <div className="results">
          <p id="people-summary" className="summary" role="status" aria-live="polite">
            {list.loading && !list.meta ? "Searching…" : list.error ? "" : `${total.toLocaleString()} ${total === 1 ? "person" : "people"}`}
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
