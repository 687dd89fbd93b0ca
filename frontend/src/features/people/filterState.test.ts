import { describe, expect, it } from "vitest";
import {
  clearFacets,
  filterKey,
  filtersToParams,
  parseFilters,
  selectedCount,
  toggleFacetValue,
  toggleTagFieldValue,
  toUserFilter,
  type PeopleFilters,
} from "./filterState";

const empty: PeopleFilters = { q: "", departments: [], divisions: [], offices: [], tags: [], tagFields: {}, status: "active" };

describe("URL filter state", () => {
  it("parses repeated parameters, trimming and deduplicating", () => {
    const f = parseFilters(new URLSearchParams("q=+ann+&department=Eng&department=Sales&department=Eng&office=o1&tag=&tag=remote"));
    expect(f).toEqual({ q: "ann", departments: ["Eng", "Sales"], divisions: [], offices: ["o1"], tags: ["remote"], tagFields: {}, status: "active" });
  });

  it("round-trips through the URL", () => {
    const f: PeopleFilters = { q: "ann sm", departments: ["R&D", "Sales"], divisions: ["EMEA"], offices: ["o1"], tags: ["a b"], tagFields: { cost: ["40100 Eng"] }, status: "active" };
    const params = filtersToParams(f);
    expect(params.toString()).toBe("q=ann+sm&department=R%26D&department=Sales&division=EMEA&office=o1&tag=a+b&tf.cost=40100+Eng");
    expect(parseFilters(new URLSearchParams(params.toString()))).toEqual(f);
  });

  it("writes nothing for empty filters", () => {
    expect(filtersToParams(empty).toString()).toBe("");
    expect(parseFilters(new URLSearchParams(""))).toEqual(empty);
  });

  it("builds the API filter, nulls for unused parts", () => {
    expect(toUserFilter(empty)).toEqual({ query: null, departments: null, divisions: null, officeIds: null, tags: null, tagFields: null });
    expect(toUserFilter({ ...empty, tagFields: { cost: ["a"], type: ["b", "c"] } }).tagFields).toEqual([
      { field: "cost", values: ["a"] },
      { field: "type", values: ["b", "c"] },
    ]);
    expect(toUserFilter({ ...empty, q: " x ", offices: ["o2"] })).toMatchObject({ query: "x", officeIds: ["o2"] });
  });
});

describe("facet selection", () => {
  it("toggles values on and off", () => {
    const a = toggleFacetValue(empty, "departments", "Eng");
    expect(a.departments).toEqual(["Eng"]);
    const b = toggleFacetValue(a, "departments", "Sales");
    expect(b.departments).toEqual(["Eng", "Sales"]);
    expect(toggleFacetValue(b, "departments", "Eng").departments).toEqual(["Sales"]);
    expect(a.departments).toEqual(["Eng"]);
  });

  it("counts and clears selections, keeping the search text", () => {
    const f: PeopleFilters = { q: "x", departments: ["a"], divisions: ["b", "c"], offices: [], tags: ["d"], tagFields: { cost: ["e"] }, status: "active" };
    expect(selectedCount(f)).toBe(5);
    expect(clearFacets(f)).toEqual({ ...empty, q: "x" });
  });

  it("keys filters independently of value order and case of the query", () => {
    const a: PeopleFilters = { ...empty, q: "Ann", tags: ["x", "y"] };
    const b: PeopleFilters = { ...empty, q: "ann ", tags: ["y", "x"] };
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey(a)).not.toBe(filterKey({ ...a, tags: ["x"] }));
  });
});

describe("tag field selection", () => {
  it("parses tf.<key> parameters per field", () => {
    const f = parseFilters(new URLSearchParams("tf.cost=A&tf.cost=B&tf.cost=A&tf.type=FT&tf.=x&tf.empty="));
    expect(f.tagFields).toEqual({ cost: ["A", "B"], type: ["FT"] });
  });

  it("toggles values per field, dropping a field left empty", () => {
    const a = toggleTagFieldValue(empty, "cost", "A");
    expect(a.tagFields).toEqual({ cost: ["A"] });
    const b = toggleTagFieldValue(a, "type", "FT");
    expect(b.tagFields).toEqual({ cost: ["A"], type: ["FT"] });
    expect(toggleTagFieldValue(b, "cost", "A").tagFields).toEqual({ type: ["FT"] });
    expect(clearFacets(b).tagFields).toEqual({});
  });

  it("keys tag fields independently of order", () => {
    const a: PeopleFilters = { ...empty, tagFields: { cost: ["x", "y"], type: ["z"] } };
    const b: PeopleFilters = { ...empty, tagFields: { type: ["z"], cost: ["y", "x"] } };
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey(a)).not.toBe(filterKey({ ...a, tagFields: { cost: ["x"] } }));
  });
});
