import { afterEach, describe, expect, it, vi } from "vitest";
import { ViewerQuery as Q } from "../features/auth/viewer";
import { createClient } from "./client";

const viewer = { __typename: "Viewer", isCompanyAdmin: true, user: { __typename: "User", id: "u1", name: "Ada", email: "a@x" }, company: { __typename: "Company", id: "c1", name: "Acme" } };

function stubFetch(body: unknown, status = 200) {
  const fn = vi.fn((_url: string, _init?: RequestInit) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } })),
  );
  vi.stubGlobal("fetch", fn);
  return fn;
}

describe("createClient", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends the bearer token", async () => {
    const fetchFn = stubFetch({ data: { viewer } });
    const onUnauthenticated = vi.fn();
    const client = createClient({ token: "tok", onUnauthenticated, url: "http://x/graphql" });
    const res = await client.query(Q, {}).toPromise();
    expect(res.data?.viewer.isCompanyAdmin).toBe(true);
    const headers = new Headers(fetchFn.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Authorization")).toBe("Bearer tok");
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("signals an expired token", async () => {
    stubFetch({ data: null, errors: [{ message: "token expired", extensions: { code: "UNAUTHENTICATED" } }] });
    const onUnauthenticated = vi.fn();
    const client = createClient({ token: "old", onUnauthenticated, url: "http://x/graphql" });
    await client.query(Q, {}).toPromise();
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it("leaves other errors to the page", async () => {
    stubFetch({ data: null, errors: [{ message: "no", extensions: { code: "FORBIDDEN" } }] });
    const onUnauthenticated = vi.fn();
    const client = createClient({ token: "t", onUnauthenticated, url: "http://x/graphql" });
    const res = await client.query(Q, {}).toPromise();
    expect(res.error?.graphQLErrors[0]?.extensions.code).toBe("FORBIDDEN");
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
