import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { CombinedError } from "urql";
import { errorCodes, errorMessage, hasErrorCode } from "./errors";

function gqlError(message: string, code?: string): CombinedError {
  return new CombinedError({
    graphQLErrors: [new GraphQLError(message, { extensions: code ? { code } : {} })],
  });
}

describe("errors", () => {
  it("reads extensions.code", () => {
    const err = gqlError("nope", "FORBIDDEN");
    expect(errorCodes(err)).toEqual(["FORBIDDEN"]);
    expect(hasErrorCode(err, "FORBIDDEN")).toBe(true);
    expect(hasErrorCode(err, "INTERNAL")).toBe(false);
  });

  it("ignores unknown codes", () => {
    expect(errorCodes(gqlError("x", "WHATEVER"))).toEqual([]);
  });

  it("treats HTTP 401 as UNAUTHENTICATED", () => {
    const err = new CombinedError({ networkError: new Error("401"), response: { status: 401 } });
    expect(hasErrorCode(err, "UNAUTHENTICATED")).toBe(true);
  });

  it("shows input errors verbatim and hides internal ones", () => {
    expect(errorMessage(gqlError("mapping.department: invalid JSON pointer", "BAD_USER_INPUT"))).toBe(
      "mapping.department: invalid JSON pointer",
    );
    expect(errorMessage(gqlError("panic: not implemented", "INTERNAL"))).toMatch(/went wrong/);
    expect(errorMessage(new CombinedError({ networkError: new Error("fetch failed") }))).toMatch(/cannot be reached/);
  });

  it("shows the server's words for a WorkOS failure", () => {
    const text =
      "WorkOS does not know the connected directory or organization. Nothing was changed. It may have been deleted in WorkOS, or the server uses the API key of another WorkOS environment: check WORKOS_API_KEY, or reconnect the directory.";
    expect(errorMessage(gqlError(text, "UPSTREAM_UNAVAILABLE"))).toBe(text);
  });
});
