import { describe, expect, it } from "vitest";
import { allState, keepVisible, toggleAll, toggleOne } from "./selection";

describe("selection", () => {
  const visible = ["a", "b", "c"];

  it("toggles one id without touching the old set", () => {
    const s0 = new Set<string>();
    const s1 = toggleOne(s0, "a");
    expect([...s1]).toEqual(["a"]);
    expect(s0.size).toBe(0);
    expect(toggleOne(s1, "a").size).toBe(0);
  });

  it("reports none, some and all", () => {
    expect(allState(new Set(), visible)).toBe("none");
    expect(allState(new Set(["b"]), visible)).toBe("some");
    expect(allState(new Set(visible), visible)).toBe("all");
    expect(allState(new Set(["x"]), visible)).toBe("none");
  });

  it("select-all selects the rest, then clears", () => {
    const all = toggleAll(new Set(["b", "x"]), visible);
    expect([...all].sort()).toEqual(["a", "b", "c", "x"]);
    expect([...toggleAll(all, visible)]).toEqual(["x"]);
  });

  it("keeps only visible ids, returning the same set when nothing changes", () => {
    const s = new Set(["a", "z"]);
    expect([...keepVisible(s, visible)]).toEqual(["a"]);
    const same = new Set(["a"]);
    expect(keepVisible(same, visible)).toBe(same);
  });
});
