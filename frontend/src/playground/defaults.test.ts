import { describe, expect, it } from "vitest";
import { TOKEN_KEY, type TokenStorage } from "../features/auth/token";
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES, initialHeaders } from "./defaults";

function storage(values: Record<string, string>): TokenStorage {
  return {
    getItem: (k) => values[k] ?? null,
    setItem: (k, v) => void (values[k] = v),
    removeItem: (k) => void delete values[k],
  };
}

describe("playground defaults", () => {
  it("prefills the signed-in viewer's token", () => {
    expect(JSON.parse(initialHeaders(storage({ [TOKEN_KEY]: "tok-123" })))).toEqual({ Authorization: "Bearer tok-123" });
  });
  it("starts without headers when signed out", () => {
    expect(initialHeaders(storage({}))).toBe("");
  });
  it("opens with a Power Search example and its variables", () => {
    expect(EXAMPLE_QUERY).toContain("users(filter: $filter");
    expect(EXAMPLE_QUERY).toContain("facets");
    expect(JSON.parse(EXAMPLE_VARIABLES)).toEqual({ filter: { query: "an" } });
  });
});
