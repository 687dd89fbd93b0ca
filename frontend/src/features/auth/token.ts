/** localStorage key of the bearer token. */
export const TOKEN_KEY = "dirsync.token";

/** Minimal storage interface so tests can pass their own. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Reads the stored bearer token, or null when signed out. */
export function loadToken(storage: TokenStorage = localStorage): string | null {
  const t = storage.getItem(TOKEN_KEY);
  return t && t.trim() !== "" ? t : null;
}

/** Stores the bearer token (null signs out). */
export function saveToken(token: string | null, storage: TokenStorage = localStorage): void {
  if (token) storage.setItem(TOKEN_KEY, token);
  else storage.removeItem(TOKEN_KEY);
}

/**
 * Splits a platform-supplied `#token=...` off a URL hash. Returns the token (or
 * null) and the hash to keep, without the token, so it never stays in the
 * address bar or the history.
 */
export function takeTokenFromHash(hash: string): { token: string | null; rest: string } {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (raw === "") return { token: null, rest: "" };
  const params = new URLSearchParams(raw);
  const token = params.get("token");
  if (token === null) return { token: null, rest: hash };
  params.delete("token");
  const left = params.toString();
  return { token: token.trim() === "" ? null : token.trim(), rest: left === "" ? "" : `#${left}` };
}

/**
 * Moves a `#token=...` from the current URL into storage and strips it from
 * the address bar. Returns the token found, if any.
 */
export function adoptTokenFromLocation(storage: TokenStorage = localStorage): string | null {
  const { token, rest } = takeTokenFromHash(window.location.hash);
  if (token === null) return null;
  saveToken(token, storage);
  const url = window.location.pathname + window.location.search + rest;
  window.history.replaceState(window.history.state, "", url);
  return token;
}
