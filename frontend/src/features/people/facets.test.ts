import { describe, expect, it } from "vitest";
import { facetOptions, matchingOptions, visibleOptions } from "./facets";

const counts = [
  { value: "b", label: "Bravo", count: 5 },
  { value: "a", label: "Alpha", count: 5 },
  { value: "c", label: "Charlie", count: 9 },
];

describe("facetOptions", () => {
  it("orders by count then label and marks selections", () => {
    expect(facetOptions(counts, ["a"]).map((o) => [o.value, o.selected])).toEqual([
      ["c", false],
      ["a", true],
      ["b", false],
    ]);
  });

  it("keeps selected values the counts no longer mention", () => {
    const opts = facetOptions(counts, ["gone"], new Map([["gone", "Gone office"]]));
    expect(opts.at(-1)).toEqual({ value: "gone", label: "Gone office", count: 0, selected: true });
  });
});

describe("visibleOptions", () => {
  const many = facetOptions(
    Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, label: `V${i}`, count: 100 - i })),
    ["v11"],
  );

  it("shows the first few plus selected values while collapsed", () => {
    const { shown, hidden } = visibleOptions(many, false, 8);
    expect(shown.map((o) => o.value)).toEqual(["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v11"]);
    expect(hidden).toBe(3);
  });

  it("shows all when expanded or short", () => {
    expect(visibleOptions(many, true).hidden).toBe(0);
    expect(visibleOptions(many.slice(0, 3), false).shown).toHaveLength(3);
  });
});

describe("matchingOptions", () => {
  const opts = facetOptions(
    [
      { value: "1", label: "Zürich Office", count: 3 },
      { value: "2", label: "Oslo HQ", count: 2 },
      { value: "3", label: "Oslo Annex", count: 1 },
    ],
    [],
  );

  it.each([
    ["", ["1", "2", "3"]],
    ["oslo", ["2", "3"]],
    ["zurich", ["1"]],
    ["OSLO hq", ["2"]],
    ["nowhere", []],
  ])("%j matches %j", (text, values) => expect(matchingOptions(opts, text).map((o) => o.value)).toEqual(values));
});
