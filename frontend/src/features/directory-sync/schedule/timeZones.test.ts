import { describe, expect, it } from "vitest";
import { isDailyTime, supportedTimeZones, timeZoneOptions } from "./timeZones";

describe("timeZoneOptions", () => {
  it("puts UTC first, keeps the current zone and sorts the rest", () => {
    expect(timeZoneOptions("Mars/Base", ["Europe/Berlin", "America/New_York"])).toEqual(["UTC", "America/New_York", "Europe/Berlin", "Mars/Base"]);
  });

  it("does not duplicate", () => {
    expect(timeZoneOptions("Europe/Berlin", ["Europe/Berlin", "UTC"])).toEqual(["UTC", "Europe/Berlin"]);
  });

  it("uses Intl's list", () => {
    expect(supportedTimeZones()).toContain("Europe/Berlin");
  });
});

describe("isDailyTime", () => {
  it.each([
    ["00:00", true],
    ["23:59", true],
    ["09:30", true],
    ["24:00", false],
    ["9:30", false],
    ["12:60", false],
    ["", false],
  ])("%s -> %s", (s, ok) => {
    expect(isDailyTime(s)).toBe(ok);
  });
});
