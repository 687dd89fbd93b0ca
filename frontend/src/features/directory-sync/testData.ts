import type { ConfigFieldsFragment, RunSummaryFragment } from "../../gql/graphql";

/** A run for tests, overridable. */
export function fakeRun(over: Partial<RunSummaryFragment> = {}): RunSummaryFragment {
  return {
    id: "run1", trigger: "MANUAL", status: "SUCCEEDED", dryRun: false, queuedAt: "2026-01-01T10:00:00Z",
    startedAt: "2026-01-01T10:00:00Z", finishedAt: "2026-01-01T10:00:04Z", fetched: 25, created: 24, updated: 0,
    deactivated: 0, reactivated: 0, unchanged: 0, skipped: 1, progress: 1, error: null, startedBy: null,
    issueCount: 1,
    changeCount: 0,
    waitingFor: null,
    ...over,
  };
}

/** A saved configuration for tests. */
export function fakeConfig(over: Partial<ConfigFieldsFragment> = {}): ConfigFieldsFragment {
  return {
    enabled: true, dailyAt: "03:00", timeZone: "Europe/Berlin", nextRunAt: "2026-01-02T02:00:00Z", autoAssignNewUsers: true,
    maxDeactivationPercent: 5, maxDeactivationCount: 10, updatedAt: null, warnings: [],
    mapping: {
      firstName: "/first_name", lastName: "/last_name", email: "/email", jobTitle: "/custom_attributes/job_title",
      department: "/custom_attributes/department_name", division: "/custom_attributes/division_name", office: null, tags: [], tagFields: [], valueAliases: [],
    },
    groupRules: { allGroupsAsTags: false, tagGroups: [], syncOnlyGroups: [], adminGroups: [], adminRoleSlugs: [] },
    ...over,
  };
}

/** A connected directory for tests. */
export const fakeConnection = {
  id: "conn1", directoryId: "directory_1", provider: "okta scim v2.0", providerName: "Okta", name: "Acme Okta",
  state: "linked", stateLabel: "Linked", stateExplanation: "The directory is linked in WorkOS and syncs normally.", healthy: true,
  stateChangedAt: null as string | null, otherDirectories: [] as { id: string; providerName: string; name: string; state: string }[],
  userCount: 25, quarantined: false, lastError: null as string | null, connectedAt: "2026-01-01T09:00:00Z",
  requestedProvider: null as string | null, requestedProviderName: null as string | null,
};
