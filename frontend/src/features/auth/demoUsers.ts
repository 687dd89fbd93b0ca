/** A demo user offered by `dirsync dev` at GET /dev/demo-users. */
export interface DemoUser {
  email: string;
  name: string;
  role: string;
  token: string;
}

/** What the sign-in page can offer: demo users (dev server) or nothing (production). */
export type DemoUsersResult = { kind: "demo"; users: DemoUser[] } | { kind: "none" } | { kind: "error" };

function isDemoUser(v: unknown): v is DemoUser {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return ["email", "name", "role", "token"].every((k) => typeof o[k] === "string");
}

/** Asks the server for demo users; a 404 means this is not a dev server. */
export async function fetchDemoUsers(fetchFn: typeof fetch = fetch): Promise<DemoUsersResult> {
  let res: Response;
  try {
    res = await fetchFn("/dev/demo-users", { headers: { Accept: "application/json" } });
  } catch {
    return { kind: "error" };
  }
  if (res.status === 404) return { kind: "none" };
  if (!res.ok) return { kind: "error" };
  const type = res.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return { kind: "none" };
  const body: unknown = await res.json().catch(() => null);
  if (!Array.isArray(body)) return { kind: "error" };
  return { kind: "demo", users: body.filter(isDemoUser) };
}

