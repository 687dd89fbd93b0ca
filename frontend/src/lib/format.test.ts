import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, plural } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [12_400, "12 s"],
    [60_000, "1 min"],
    [185_000, "3 min 5 s"],
    [3_600_000, "1 h"],
    [3_720_000, "1 h 2 min"],
    [-1, ""],
    [Number.NaN, ""],
  ])("%d ms is %s", (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe("formatDateTime", () => {
  it("formats times and tolerates missing ones", () => {
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("not a date")).toBe("");
    expect(formatDateTime("2026-03-12T14:05:00Z", "UTC")).toMatch(/2026/);
  });
});

describe("plural", () => {
  it("picks the form", () => {
    expect(plural(1, "user", "users")).toBe("1 user");
    expect(plural(1200, "user", "users")).toMatch(/^1[,.\s]?200 users$/);
  });
});
