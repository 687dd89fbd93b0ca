import { describe, expect, it } from "vitest";
import {
  changeFieldLabel,
  changeValueLabel,
  countsSummary,
  heldReasons,
  isFinished,
  issueKindLabel,
  progressPercent,
  progressText,
  runDuration,
  statusLabel,
  triggerLabel,
} from "./runFormat";

const counts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 0, skipped: 0, dryRun: false };

describe("run progress formatting", () => {
  it("knows finished states", () => {
    expect(isFinished("QUEUED")).toBe(false);
    expect(isFinished("RUNNING")).toBe(false);
    for (const s of ["SUCCEEDED", "FAILED", "NEEDS_REVIEW", "REJECTED", "SUPERSEDED"] as const) expect(isFinished(s)).toBe(true);
  });

  it.each([
    ["RUNNING", 0.456, 46],
    ["RUNNING", -1, 0],
    ["RUNNING", 7, 100],
    ["RUNNING", Number.NaN, 0],
    ["QUEUED", 0, 0],
    ["FAILED", 0.2, 100],
  ] as const)("%s at %d is %d%%", (status, progress, want) => {
    expect(progressPercent({ status, progress })).toBe(want);
  });

  it("describes the run", () => {
    expect(progressText({ status: "QUEUED", progress: 0, fetched: 0, dryRun: false })).toBe("Sync queued…");
    expect(progressText({ status: "RUNNING", progress: 0.5, fetched: 1200, dryRun: false })).toMatch(/^Sync running: 50%, 1[,.\s]?200 directory users read$/);
    expect(progressText({ status: "NEEDS_REVIEW", progress: 1, fetched: 5, dryRun: true })).toBe("Dry run needs review");
    expect(statusLabel("SUCCEEDED")).toBe("Succeeded");
    expect(triggerLabel("MANUAL")).toBe("Sync now");
    expect(triggerLabel("DRY_RUN")).toBe("Dry run");
  });

  it("says what a waiting sync waits for", () => {
    expect(isFinished("WAITING")).toBe(false);
    expect(statusLabel("WAITING")).toBe("Queued");
    const waiting = { status: "WAITING", progress: 0, fetched: 0, dryRun: false } as const;
    expect(progressText({ ...waiting, waitingFor: { id: "e1", trigger: "EVENTS" } })).toBe("Queued: starts after the current directory-events run");
    expect(progressText({ ...waiting, waitingFor: { id: "d1", trigger: "DRY_RUN" } })).toBe("Queued: starts after the current dry run");
    expect(progressText({ ...waiting, waitingFor: null })).toBe("Queued: starts in a moment");
  });

  it("measures duration", () => {
    expect(runDuration({ startedAt: null, finishedAt: null })).toBe("");
    expect(runDuration({ startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:01:05Z" })).toBe("1 min 5 s");
    expect(runDuration({ startedAt: "2026-01-01T00:00:00Z", finishedAt: null }, Date.parse("2026-01-01T00:00:03Z"))).toBe("3 s");
  });

  it("summarises counts, in the conditional for dry runs", () => {
    expect(countsSummary({ ...counts, created: 3, deactivated: 1, unchanged: 10 })).toBe("3 created, 1 inactivated, 10 unchanged");
    expect(countsSummary({ ...counts, updated: 2, skipped: 1, dryRun: true })).toBe("2 to update, 0 unchanged, 1 skipped");
  });

  it("reads the guard's reasons of a held run", () => {
    const issues = [
      { directoryUserId: null, email: null, kind: "field_guard", message: "the run would clear job title for all 3 users who have one" },
      { directoryUserId: "du1", email: "a@x.example", kind: "missing_email", message: "no email" },
      { directoryUserId: null, email: null, kind: "deactivation_guard", message: "the run would inactivate 3 of 3 active synced users, all of them" },
      { directoryUserId: null, email: null, kind: "admin_guard", message: "the run would demote 4 of 6 company administrators to member (admin demotions)" },
    ];
    expect(heldReasons(issues)).toEqual({
      inactivates: ["the run would inactivate 3 of 3 active synced users, all of them"],
      clears: ["the run would clear job title for all 3 users who have one"],
      demotes: ["the run would demote 4 of 6 company administrators to member (admin demotions)"],
    });
    expect(statusLabel("SUPERSEDED")).toBe("Superseded");
  });

  it("labels role changes", () => {
    expect(changeFieldLabel("role")).toBe("Role");
    expect(changeFieldLabel("jobTitle")).toBe("Job title");
    expect(changeValueLabel("role", "COMPANY_ADMIN")).toBe("Company administrator");
    expect(changeValueLabel("role", "MEMBER")).toBe("Member");
    expect(changeValueLabel("department", "MEMBER")).toBe("MEMBER");
    expect(issueKindLabel("admin_guard")).toBe("admin demotion guard");
  });
});
