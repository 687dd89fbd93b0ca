import { describe, expect, it } from "vitest";
import { buildPointer, escapeToken, isValidPointer, parsePointer, PointerError, resolvePointer } from "./jsonPointer";

// The RFC 6901 section 5 example document.
const rfc = {
  foo: ["bar", "baz"],
  "": 0,
  "a/b": 1,
  "c%d": 2,
  "e^f": 3,
  "g|h": 4,
  "i\\j": 5,
  'k"l': 6,
  " ": 7,
  "m~n": 8,
};

describe("resolvePointer", () => {
  it.each<[string, unknown]>([
    ["", rfc],
    ["/foo", ["bar", "baz"]],
    ["/foo/0", "bar"],
    ["/", 0],
    ["/a~1b", 1],
    ["/c%d", 2],
    ["/e^f", 3],
    ["/g|h", 4],
    ["/i\\j", 5],
    ['/k"l', 6],
    ["/ ", 7],
    ["/m~0n", 8],
  ])("RFC 6901 example %j", (pointer, want) => {
    expect(resolvePointer(rfc, pointer)).toEqual({ found: true, value: want });
  });

  const user = {
    custom_attributes: { department_name: "Eng", tags: ["a", "b"], "urn:x:y": { division: "R&D" } },
    raw_attributes: { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { division: "Sales" } },
    nothing: null,
  };

  it.each<[string, unknown]>([
    ["/custom_attributes/department_name", "Eng"],
    ["/custom_attributes/tags/1", "b"],
    ["/custom_attributes/urn:x:y/division", "R&D"],
    ["/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/division", "Sales"],
    ["/nothing", null],
  ])("finds %s", (pointer, want) => {
    expect(resolvePointer(user, pointer)).toEqual({ found: true, value: want });
  });

  it.each([
    "/custom_attributes/missing",
    "/custom_attributes/tags/2",
    "/custom_attributes/tags/-",
    "/custom_attributes/tags/01",
    "/custom_attributes/tags/+1",
    "/custom_attributes/department_name/x",
    "/nothing/x",
    "/toString",
    "/custom_attributes/constructor",
    "no-slash",
    "/bad~2",
  ])("does not find %s", (pointer) => {
    expect(resolvePointer(user, pointer)).toEqual({ found: false });
  });
});

describe("parsePointer", () => {
  it("unescapes ~1 before ~0 so ~01 is ~1", () => {
    expect(parsePointer("/~01")).toEqual(["~1"]);
    expect(parsePointer("/a/~1~0")).toEqual(["a", "/~"]);
  });

  it("rejects malformed pointers", () => {
    expect(() => parsePointer("a")).toThrow(PointerError);
    expect(() => parsePointer("/a~")).toThrow(/followed by 0 or 1/);
    expect(isValidPointer("/ok")).toBe(true);
    expect(isValidPointer("/bad~x")).toBe(false);
  });

  it("round-trips with buildPointer", () => {
    const tokens = ["raw_attributes", "urn:a/b", "~tilde"];
    expect(buildPointer(...tokens)).toBe("/raw_attributes/urn:a~1b/~0tilde");
    expect(parsePointer(buildPointer(...tokens))).toEqual(tokens);
    expect(escapeToken("a~/b")).toBe("a~0~1b");
  });
});
