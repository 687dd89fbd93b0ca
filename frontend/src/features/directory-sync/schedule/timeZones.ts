/** Time zones the browser knows, plus the current one and UTC, sorted; the picker's options. */
export function timeZoneOptions(current: string, supported: readonly string[] = supportedTimeZones()): string[] {
  const set = new Set(supported);
  set.add("UTC");
  if (current.trim() !== "") set.add(current);
  return [...set].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

/** Intl's list of IANA time zones (empty where the browser has none). */
export function supportedTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

/** The browser's own time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether s is a daily time "HH:MM" (00:00-23:59). */
export function isDailyTime(s: string): boolean {
  return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(s);
}
