// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useKeysetPages, type KeysetPage } from "./useKeysetPages";

type Deferred = { after: string | null; resolve: (p: KeysetPage<number, string>) => void; reject: (e: unknown) => void };

function controlled() {
  const calls: Deferred[] = [];
  const fetchPage = (after: string | null) =>
    new Promise<KeysetPage<number, string>>((resolve, reject) => calls.push({ after, resolve, reject }));
  return { calls, fetchPage };
}

const page = (nodes: number[], endCursor: string | null, hasNextPage: boolean, meta: string | null = null) => ({ nodes, endCursor, hasNextPage, meta });

describe("useKeysetPages", () => {
  it("loads the first page, then more by cursor", async () => {
    const { calls, fetchPage } = controlled();
    const { result } = renderHook(() => useKeysetPages("k", fetchPage));
    expect(result.current.loading).toBe(true);
    await act(async () => calls[0]!.resolve(page([1, 2], "c2", true, "total 3")));
    expect(result.current).toMatchObject({ nodes: [1, 2], meta: "total 3", loading: false, hasNextPage: true });

    act(() => result.current.loadMore());
    act(() => result.current.loadMore()); // ignored while loading
    expect(calls).toHaveLength(2);
    expect(calls[1]!.after).toBe("c2");
    expect(result.current.loadingMore).toBe(true);
    await act(async () => calls[1]!.resolve(page([3], null, false)));
    expect(result.current).toMatchObject({ nodes: [1, 2, 3], meta: "total 3", hasNextPage: false, loadingMore: false });
    act(() => result.current.loadMore());
    expect(calls).toHaveLength(2);
  });

  it("starts over on a new key and drops answers for the old one", async () => {
    const { calls, fetchPage } = controlled();
    const { result, rerender } = renderHook(({ k }) => useKeysetPages(k, fetchPage), { initialProps: { k: "a" } });
    rerender({ k: "b" });
    await waitFor(() => expect(calls).toHaveLength(2));
    await act(async () => calls[1]!.resolve(page([20], null, false)));
    await act(async () => calls[0]!.resolve(page([10], null, false)));
    expect(result.current.nodes).toEqual([20]);
  });

  it("reports errors and recovers on reload", async () => {
    const { calls, fetchPage } = controlled();
    const { result } = renderHook(() => useKeysetPages("k", fetchPage));
    await act(async () => calls[0]!.reject(new Error("boom")));
    expect(result.current.error?.networkError?.message).toBe("boom");
    act(() => result.current.reload());
    await act(async () => calls[1]!.resolve(page([1], null, false)));
    expect(result.current.error).toBeNull();
    expect(result.current.nodes).toEqual([1]);
  });

  it("updates loaded nodes in place", async () => {
    const { calls, fetchPage } = controlled();
    const { result } = renderHook(() => useKeysetPages("k", fetchPage));
    await act(async () => calls[0]!.resolve(page([1, 2], null, false)));
    act(() => result.current.update((ns) => ns.map((n) => n * 10)));
    expect(result.current.nodes).toEqual([10, 20]);
  });
});
