import { describe, expect, it } from "vitest";
import { filtersToParams, parseFilters } from "./filterState";
import { hasUnresolvedOffices, isUUID, NO_SLUGS, officeSlugs, slugify } from "./slugs";

const A = "0b0e0000-0000-4000-8000-00000000000a";
const B = "0b0e0000-0000-4000-8000-00000000000b";
const C = "0b0e0000-0000-4000-8000-00000000000c";
const D = "0b0e0000-0000-4000-8000-00000000000d";

describe("slugify", () => {
  it.each([
    ["Oslo HQ", "oslo-hq"],
    ["  São Paulo / Centro  ", "sao-paulo-centro"],
    ["R&D (2nd floor)", "r-d-2nd-floor"],
    ["東京", "東京"],
    ["---", "office"],
    ["", "office"],
  ])("%j -> %j", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("officeSlugs", () => {
  it("makes slugs unique within the company, whatever the list's order", () => {
    const offices = [
      { id: B, name: "Oslo hq" },
      { id: A, name: "Oslo HQ" },
      { id: C, name: "Oslo HQ 2" },
      { id: D, name: "Bergen" },
    ];
    const one = officeSlugs(offices);
    const other = officeSlugs([...offices].reverse());
    expect([...one.slugById]).toEqual([...other.slugById]);
    const slugs = [A, B, C, D].map((id) => one.slugById.get(id));
    expect(new Set(slugs).size).toBe(4);
    expect(one.slugById.get(D)).toBe("bergen");
    expect(slugs.filter((s) => s?.startsWith("oslo-hq"))).toHaveLength(3);
    for (const [id, slug] of one.slugById) expect(one.idBySlug.get(slug)).toBe(id);
  });

  it("never gives a slug that reads as an office id", () => {
    const s = officeSlugs([{ id: A, name: B }]);
    expect(isUUID(s.slugById.get(A) ?? "")).toBe(false);
  });
});

describe("offices in the URL", () => {
  const slugs = officeSlugs([
    { id: A, name: "Oslo HQ" },
    { id: D, name: "Bergen" },
  ]);

  it("writes slugs and reads them back as ids", () => {
    const f = { ...parseFilters(new URLSearchParams()), offices: [A, D] };
    const params = filtersToParams(f, slugs);
    expect(params.toString()).toBe("office=oslo-hq&office=bergen");
    expect(parseFilters(params, slugs).offices).toEqual([A, D]);
  });

  it("reads old links with office ids, and slugs in any case", () => {
    expect(parseFilters(new URLSearchParams(`office=${A}&office=Bergen&office=${A}`), slugs).offices).toEqual([A, D]);
  });

  it("keeps ids of offices it has no slug for", () => {
    const f = { ...parseFilters(new URLSearchParams()), offices: [B] };
    expect(filtersToParams(f, slugs).toString()).toBe(`office=${B}`);
    expect(filtersToParams(f, NO_SLUGS).toString()).toBe(`office=${B}`);
  });

  it("tells when a slug waits for the office list", () => {
    expect(hasUnresolvedOffices(["oslo-hq"], NO_SLUGS)).toBe(true);
    expect(hasUnresolvedOffices([A], NO_SLUGS)).toBe(false);
    expect(hasUnresolvedOffices(["oslo-hq", A], slugs)).toBe(false);
  });
});
