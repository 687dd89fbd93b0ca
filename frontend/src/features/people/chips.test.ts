import { describe, expect, it } from "vitest";
import { activeChips } from "./chips";
import { parseFilters, type PeopleFilters } from "./filterState";

const base = parseFilters(new URLSearchParams());

describe("activeChips", () => {
  const f: PeopleFilters = { ...base, q: "ann", departments: ["Eng"], offices: ["o1"], tagFields: { cost: ["100", "200"] }, status: "inactive" };
  const chips = activeChips(f, new Map([["o1", "Oslo HQ"]]), new Map([["cost", "Cost center"]]));

  it("has one chip per filter value, labelled, in panel order, without the search text", () => {
    expect(chips.map((c) => `${c.title}: ${c.value}`)).toEqual(["Status: Inactive", "Department: Eng", "Office: Oslo HQ", "Cost center: 100", "Cost center: 200"]);
  });

  it("removes just its own value", () => {
    const byKey = new Map(chips.map((c) => [c.key, c.without]));
    expect(byKey.get("status")).toEqual({ ...f, status: "active" });
    expect(byKey.get("departments:Eng")).toEqual({ ...f, departments: [] });
    expect(byKey.get("tf:cost:100")?.tagFields).toEqual({ cost: ["200"] });
    const lastCost = activeChips({ ...base, tagFields: { cost: ["100"] } }, new Map(), new Map())[0];
    expect(lastCost?.without.tagFields).toEqual({});
    expect(lastCost?.title).toBe("cost");
  });

  it("has no chips without filters", () => {
    expect(activeChips({ ...base, q: "x" }, new Map(), new Map())).toEqual([]);
  });
});
