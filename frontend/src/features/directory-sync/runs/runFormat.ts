import type { RunSummaryFragment, SyncRunStatus, SyncTrigger } from "../../../gql/graphql";
import { formatDuration } from "../../../lib/format";
import { fieldLabel, roleLabel } from "../../../lib/labels";

/** A run as the pages show it. */
export type Run = RunSummaryFragment;

/** Whether a run has stopped moving (nothing left to poll for). */
export function isFinished(status: SyncRunStatus): boolean {
  return status !== "WAITING" && status !== "QUEUED" && status !== "RUNNING";
}

const STATUS_LABELS: Record<SyncRunStatus, string> = {
  WAITING: "Queued",
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  NEEDS_REVIEW: "Needs review",
  REJECTED: "Rejected",
  SUPERSEDED: "Superseded",
};

/** A run status for people. */
export function statusLabel(status: SyncRunStatus): string {
  return STATUS_LABELS[status];
}

const TRIGGER_LABELS: Record<SyncTrigger, string> = {
  SCHEDULE: "Schedule",
  MANUAL: "Sync now",
  EVENTS: "Directory events",
  SETUP: "Setup",
  DRY_RUN: "Dry run",
};

/** A run's kind inside a sentence ("the current directory-events run"). */
const RUN_NOUNS: Record<SyncTrigger, string> = {
  SCHEDULE: "scheduled",
  MANUAL: "Sync now",
  EVENTS: "directory-events",
  SETUP: "setup",
  DRY_RUN: "dry",
};

/** What started a run, for people. */
export function triggerLabel(trigger: SyncTrigger): string {
  return TRIGGER_LABELS[trigger];
}

/** Progress 0..100, whole percent; 100 once finished. */
export function progressPercent(run: Pick<Run, "status" | "progress">): number {
  if (isFinished(run.status)) return 100;
  const p = Number.isFinite(run.progress) ? run.progress : 0;
  return Math.round(Math.min(1, Math.max(0, p)) * 100);
}

/** A line under the progress bar. */
export function progressText(run: Pick<Run, "status" | "progress" | "fetched" | "dryRun"> & { waitingFor?: Run["waitingFor"] }): string {
  const what = run.dryRun ? "Dry run" : "Sync";
  switch (run.status) {
    case "WAITING":
      return run.waitingFor
        ? `Queued: starts after the current ${RUN_NOUNS[run.waitingFor.trigger]} run`
        : "Queued: starts in a moment";
    case "QUEUED":
      return `${what} queued…`;
    case "RUNNING":
      return `${what} running: ${progressPercent(run)}%${run.fetched > 0 ? `, ${run.fetched.toLocaleString()} directory users read` : ""}`;
    default:
      return `${what} ${statusLabel(run.status).toLowerCase()}`;
  }
}

/** How long a run took (or has been running, given now); "" before it started. */
export function runDuration(run: Pick<Run, "startedAt" | "finishedAt">, now: number = Date.now()): string {
  if (!run.startedAt) return "";
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return formatDuration(end - start);
}

/** The counts of a run, skipping zeros except "unchanged": "12 created, 3 updated, 1 inactivated, 40 unchanged". */
export function countsSummary(run: Pick<Run, "created" | "updated" | "deactivated" | "reactivated" | "unchanged" | "skipped" | "dryRun">): string {
  const verb = (past: string, would: string) => (run.dryRun ? would : past);
  const parts: string[] = [];
  if (run.created) parts.push(`${run.created.toLocaleString()} ${verb("created", "to create")}`);
  if (run.updated) parts.push(`${run.updated.toLocaleString()} ${verb("updated", "to update")}`);
  if (run.deactivated) parts.push(`${run.deactivated.toLocaleString()} ${verb("inactivated", "to inactivate")}`);
  if (run.reactivated) parts.push(`${run.reactivated.toLocaleString()} ${verb("reactivated", "to reactivate")}`);
  parts.push(`${run.unchanged.toLocaleString()} unchanged`);
  if (run.skipped) parts.push(`${run.skipped.toLocaleString()} skipped`);
  return parts.join(", ");
}

/** Issue kinds of the guard's reasons for holding a run. */
export const GUARD_KINDS = { deactivation: "deactivation_guard", fields: "field_guard", demotions: "admin_guard" } as const;

/** Why the guard held a run, by reason: inactivations, cleared fields, admin demotions. */
export interface HeldReasons {
  inactivates: string[];
  clears: string[];
  demotes: string[];
}

/** Why the guard held a run: its guard issues' messages by reason. */
export function heldReasons(issues: readonly { kind: string; message: string }[]): HeldReasons {
  const of = (kind: string) => issues.filter((i) => i.kind === kind).map((i) => i.message);
  return { inactivates: of(GUARD_KINDS.deactivation), clears: of(GUARD_KINDS.fields), demotes: of(GUARD_KINDS.demotions) };
}


/** The name of a changed field as a run's changes list it ("Role", "Job title"). */
export function changeFieldLabel(field: string): string {
  return fieldLabel(field);
}

/** A changed field's value for people: roles by their labels, other values as they are. */
export function changeValueLabel(field: string, value: string): string {
  return field === "role" ? roleLabel(value) : value;
}

const ISSUE_KIND_LABELS: Record<string, string> = {
  unmatched_office: "unmatched office",
  missing_email: "missing email",
  invalid_email: "invalid email",
  duplicate_email: "duplicate email",
  wrong_type: "value of the wrong type",
  too_many_values: "too many values",
  last_admin: "last administrator kept",
  deactivation_guard: "deactivation guard",
  field_guard: "field guard",
  admin_guard: "admin demotion guard",
};

/** An issue kind for people ("unmatched office"); unknown kinds read with spaces. */
export function issueKindLabel(kind: string): string {
  return ISSUE_KIND_LABELS[kind] ?? kind.replace(/_/g, " ");
}
