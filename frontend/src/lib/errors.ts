import type { CombinedError } from "urql";

/** The error codes the server puts in `extensions.code`. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE"
  | "INTERNAL";

const KNOWN: ReadonlySet<string> = new Set<ErrorCode>([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "UPSTREAM_UNAVAILABLE",
  "INTERNAL",
]);

/** The error shape this module reads: urql's CombinedError or anything like it. */
export type ErrorLike = Pick<CombinedError, "graphQLErrors" | "networkError" | "response">;

/** The codes of every GraphQL error in err, in order; an HTTP 401 counts as UNAUTHENTICATED. */
export function errorCodes(err: ErrorLike | null | undefined): ErrorCode[] {
  if (!err) return [];
  const codes: ErrorCode[] = [];
  for (const e of err.graphQLErrors) {
    const code = e.extensions?.code;
    if (typeof code === "string" && KNOWN.has(code)) codes.push(code as ErrorCode);
  }
  const status = responseStatus(err.response);
  if (status === 401 && !codes.includes("UNAUTHENTICATED")) codes.push("UNAUTHENTICATED");
  return codes;
}

/** Whether err carries the given code. */
export function hasErrorCode(err: ErrorLike | null | undefined, code: ErrorCode): boolean {
  return errorCodes(err).includes(code);
}

function responseStatus(response: unknown): number | undefined {
  if (typeof response === "object" && response !== null && "status" in response) {
    const s = (response as { status: unknown }).status;
    return typeof s === "number" ? s : undefined;
  }
  return undefined;
}

/** A sentence for people: the server's message for input and WorkOS errors, a generic one otherwise. */
export function errorMessage(err: ErrorLike | null | undefined): string {
  if (!err) return "";
  const codes = errorCodes(err);
  if (err.networkError && codes.length === 0) return "The server cannot be reached. Check your connection and try again.";
  if (codes.includes("FORBIDDEN")) return "You are not allowed to do this.";
  // The server tells WorkOS failures in words (what happened, what to do); input errors name the field.
  const input = err.graphQLErrors.find((e) => {
    const c = e.extensions?.code;
    return c === "BAD_USER_INPUT" || c === "CONFLICT" || c === "NOT_FOUND" || c === "UPSTREAM_UNAVAILABLE";
  });
  if (input) return input.message;
  return "Something went wrong on the server. Try again; if it keeps happening, tell your administrator.";
}
