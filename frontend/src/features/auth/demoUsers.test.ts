import { describe, expect, it } from "vitest";
import { fetchDemoUsers } from "./demoUsers";

function respond(status: number, body: string, type = "application/json"): typeof fetch {
  return () => Promise.resolve(new Response(body, { status, headers: { "Content-Type": type } }));
}

describe("fetchDemoUsers", () => {
  it("lists demo users, dropping malformed entries", async () => {
    const body = JSON.stringify([
      { email: "a@x", name: "A", role: "COMPANY_ADMIN", token: "t" },
      { email: "b@x", name: 3 },
    ]);
    expect(await fetchDemoUsers(respond(200, body))).toEqual({
      kind: "demo",
      users: [{ email: "a@x", name: "A", role: "COMPANY_ADMIN", token: "t" }],
    });
  });

  it("treats 404 and an HTML fallback as production", async () => {
    expect(await fetchDemoUsers(respond(404, "not found", "text/plain"))).toEqual({ kind: "none" });
    expect(await fetchDemoUsers(respond(200, "<!doctype html>", "text/html"))).toEqual({ kind: "none" });
  });

  it("reports server and network errors", async () => {
    expect(await fetchDemoUsers(respond(500, "{}"))).toEqual({ kind: "error" });
    expect(await fetchDemoUsers(() => Promise.reject(new Error("down")))).toEqual({ kind: "error" });
  });
});
