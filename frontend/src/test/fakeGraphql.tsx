import { render } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { Provider } from "urql";
import { vi } from "vitest";
import { createClient } from "../lib/client";

/** What a fake operation answers: data, or an error code. */
export type FakeAnswer = { data: unknown } | { error: string; message?: string };
/** Answers one operation given its variables. */
export type FakeHandler = (vars: Record<string, unknown>) => FakeAnswer;

/** A recorded request. */
export interface FakeCall {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * Replaces fetch with a fake GraphQL server answering by operation name, and
 * records every call. Unknown operations answer INTERNAL. rest answers other
 * paths (e.g. /dev/demo-users).
 */
export function fakeGraphql(handlers: Record<string, FakeHandler>, rest: Record<string, () => Response> = {}): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((url: string, init?: RequestInit) => {
      const path = Object.keys(rest).find((p) => String(url).endsWith(p));
      if (path) return Promise.resolve(rest[path]!());
      const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
      const call = { operationName: body.operationName, variables: body.variables ?? {} };
      calls.push(call);
      const h = handlers[call.operationName];
      const answer: FakeAnswer = h ? h(call.variables) : { error: "INTERNAL", message: `no fake for ${call.operationName}` };
      const json = "data" in answer ? { data: answer.data } : { data: null, errors: [{ message: answer.message ?? answer.error, extensions: { code: answer.error } }] };
      return Promise.resolve(Response.json(json));
    }),
  );
  return calls;
}

/** The current location, for assertions. */
export const current = { pathname: "", search: "" };
function LocationSpy() {
  const loc = useLocation();
  current.pathname = loc.pathname;
  current.search = loc.search;
  return null;
}

/** Renders ui in StrictMode with a router at url and a client talking to the fake server. */
export function renderWithClient(ui: ReactNode, url = "/") {
  const client = createClient({ token: "t", onUnauthenticated: () => undefined, url: "http://test/graphql" });
  return render(
    <StrictMode>
      <Provider value={client}>
        <MemoryRouter initialEntries={[url]}>
          <LocationSpy />
          {ui}
        </MemoryRouter>
      </Provider>
    </StrictMode>,
  );
}

/** The calls of one operation. */
export function callsOf(calls: FakeCall[], operationName: string): FakeCall[] {
  return calls.filter((c) => c.operationName === operationName);
}
