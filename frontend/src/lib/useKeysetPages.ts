import { useCallback, useEffect, useRef, useState } from "react";
import { CombinedError } from "urql";

/** One page of a keyset-paginated list; meta comes with the first page (totals, facets). */
export interface KeysetPage<N, M> {
  nodes: N[];
  endCursor: string | null;
  hasNextPage: boolean;
  meta: M | null;
}

/** Fetches the page after the cursor (null for the first page). */
export type FetchPage<N, M> = (after: string | null) => Promise<KeysetPage<N, M>>;

/** The state and controls of a "load more" list. */
export interface KeysetPages<N, M> {
  nodes: N[];
  meta: M | null;
  /** True until the first page of the current key arrives. */
  loading: boolean;
  loadingMore: boolean;
  hasNextPage: boolean;
  error: CombinedError | null;
  loadMore: () => void;
  /** Fetches the first page again, dropping later ones. */
  reload: () => void;
  /** Changes loaded nodes in place (after a mutation). */
  update: (fn: (nodes: N[]) => N[]) => void;
}

function asCombined(e: unknown): CombinedError {
  if (e instanceof CombinedError) return e;
  return new CombinedError({ networkError: e instanceof Error ? e : new Error(String(e)) });
}

/**
 * A list that loads page after page by keyset cursor. A new key (the filters)
 * starts over from the first page; answers to an older key are dropped.
 */
export function useKeysetPages<N, M>(key: string, fetchPage: FetchPage<N, M>): KeysetPages<N, M> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);
  const [state, setState] = useState<{
    nodes: N[];
    meta: M | null;
    cursor: string | null;
    hasNextPage: boolean;
    loading: boolean;
    loadingMore: boolean;
    error: CombinedError | null;
  }>({ nodes: [], meta: null, cursor: null, hasNextPage: false, loading: true, loadingMore: false, error: null });

  const loadFirst = useCallback(() => {
    const gen = ++generation.current;
    setState((s) => ({ ...s, loading: true, loadingMore: false, error: null }));
    fetchRef.current(null).then(
      (page) => {
        if (gen !== generation.current) return;
        setState({ nodes: page.nodes, meta: page.meta, cursor: page.endCursor, hasNextPage: page.hasNextPage, loading: false, loadingMore: false, error: null });
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setState((s) => ({ ...s, nodes: [], meta: null, hasNextPage: false, loading: false, error: asCombined(e) }));
      },
    );
  }, []);

  useEffect(() => {
    loadFirst();
  }, [key, loadFirst]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (s.loading || s.loadingMore || !s.hasNextPage) return;
    const gen = generation.current;
    stateRef.current = { ...s, loadingMore: true, error: null };
    setState(stateRef.current);
    fetchRef.current(s.cursor).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((t) => ({ ...t, nodes: [...t.nodes, ...page.nodes], cursor: page.endCursor, hasNextPage: page.hasNextPage, loadingMore: false }));
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setState((t) => ({ ...t, loadingMore: false, error: asCombined(e) }));
      },
    );
  }, []);

  const update = useCallback((fn: (nodes: N[]) => N[]) => setState((s) => ({ ...s, nodes: fn(s.nodes) })), []);

  return {
    nodes: state.nodes,
    meta: state.meta,
    loading: state.loading,
    loadingMore: state.loadingMore,
    hasNextPage: state.hasNextPage,
    error: state.error,
    loadMore,
    reload: loadFirst,
    update,
  };
}
