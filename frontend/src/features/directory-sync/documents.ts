import { graphql } from "../../gql";

/** Everything a run summary shows. */
export const RunSummaryFragment = graphql(`
  fragment RunSummary on SyncRun {
    id
    trigger
    status
    dryRun
    queuedAt
    startedAt
    finishedAt
    fetched
    created
    updated
    deactivated
    reactivated
    unchanged
    skipped
    progress
    error
    startedBy {
      id
      name
    }
    issueCount
    changeCount
    waitingFor {
      id
      trigger
    }
  }
`);

/** A run's issues grouped by kind and value, for the run page and the result panel. */
export const SyncRunIssueGroupsQuery = graphql(`
  query SyncRunIssueGroups($id: ID!) {
    directorySync {
      run(id: $id) {
        id
        issueGroups {
          key
          kind
          value
          message
          count
        }
      }
    }
  }
`);

/** One page of the issues of one group. */
export const SyncRunGroupIssuesQuery = graphql(`
  query SyncRunGroupIssues($id: ID!, $group: String!, $after: String) {
    directorySync {
      run(id: $id) {
        id
        groupIssues(group: $group, first: 50, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              directoryUserId
              email
              message
            }
          }
        }
      }
    }
  }
`);

/** A directory group as the group pickers show it. */
export const GroupRefFragment = graphql(`
  fragment GroupRef on DirectoryGroup {
    id
    name
    memberCount
  }
`);

/** One page of the directory's groups whose names contain query, for the group pickers. */
export const GroupPickerQuery = graphql(`
  query GroupPicker($query: String, $after: String) {
    directorySync {
      groups(filter: { query: $query }, first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...GroupRef
          }
        }
      }
    }
  }
`);

/** The saved sync configuration. */
export const ConfigFieldsFragment = graphql(`
  fragment ConfigFields on SyncConfiguration {
    enabled
    dailyAt
    timeZone
    nextRunAt
    autoAssignNewUsers
    maxDeactivationPercent
    maxDeactivationCount
    updatedAt
    warnings {
      field
      pointer
      message
    }
    mapping {
      firstName
      lastName
      email
      jobTitle
      department
      division
      office
      tags
      tagFields {
        key
        label
        pointer
        fromGroups
      }
      valueAliases {
        field
        from
        to
      }
    }
    groupRules {
      allGroupsAsTags
      tagGroups {
        ...GroupRef
      }
      syncOnlyGroups {
        ...GroupRef
      }
      adminGroups {
        ...GroupRef
      }
      adminRoleSlugs
    }
  }
`);

/** What the mapping makes of a directory user. */
export const MappedPreviewFragment = graphql(`
  fragment MappedPreview on MappedUser {
    firstName
    lastName
    email
    jobTitle
    department
    division
    officeValue
    office {
      id
      name
    }
    tags
    issues {
      kind
      message
    }
  }
`);

/** The Directory Sync landing page: connection, schedule and the last run. */
export const DirectorySyncOverviewQuery = graphql(`
  query DirectorySyncOverview {
    directorySync {
      connection {
        id
        directoryId
        provider
        providerName
        name
        state
        stateLabel
        stateExplanation
        healthy
        stateChangedAt
        otherDirectories {
          id
          providerName
          name
          state
        }
        userCount
        quarantined
        lastError
        connectedAt
        requestedProvider
        requestedProviderName
      }
      disconnected {
        directoryId
        providerName
        name
        disconnectedAt
      }
      configuration {
        enabled
        nextRunAt
        dailyAt
        timeZone
      }
      lastRun {
        ...RunSummary
      }
    }
  }
`);

/** Whom a sync would inactivate, planned from the mirror (asked before Sync now). */
export const PendingDeactivationsQuery = graphql(`
  query PendingDeactivations {
    directorySync {
      pendingDeactivations {
        count
        sample
      }
    }
  }
`);

/** The providers the setup wizard offers. */
export const DirectoryProvidersQuery = graphql(`
  query DirectoryProviders {
    directorySync {
      providers {
        type
        name
        setupMinutes
      }
    }
  }
`);

/** Starts setup: returns the Admin Portal link. */
export const StartDirectorySetupMutation = graphql(`
  mutation StartDirectorySetup($provider: String) {
    startDirectorySetup(input: { provider: $provider }) {
      url
      expiresAt
      provider
      providerName
    }
  }
`);

/** Stops syncing the connected directory (nobody is inactivated). */
export const DisconnectDirectoryMutation = graphql(`
  mutation DisconnectDirectory {
    disconnectDirectory
  }
`);

/** Finishes setup after the Admin Portal. */
export const CompleteDirectorySetupMutation = graphql(`
  mutation CompleteDirectorySetup($directoryId: ID) {
    completeDirectorySetup(directoryId: $directoryId) {
      id
      providerName
      name
      state
      userCount
    }
  }
`);

/** Starts a run (or returns the running one). */
export const RunDirectorySyncMutation = graphql(`
  mutation RunDirectorySync($dryRun: Boolean!) {
    runDirectorySync(input: { dryRun: $dryRun }) {
      ...RunSummary
    }
  }
`);

/** One run, polled while it runs. */
export const SyncRunQuery = graphql(`
  query SyncRun($id: ID!) {
    directorySync {
      run(id: $id) {
        ...RunSummary
      }
    }
  }
`);

/** The planned changes of a run (dry runs and runs held for review). */
export const SyncRunChangesQuery = graphql(`
  query SyncRunChanges($id: ID!) {
    directorySync {
      run(id: $id) {
        id
        changes {
          action
          userId
          directoryUserId
          email
          name
          fields {
            field
            from
            to
          }
        }
      }
    }
  }
`);

/** Sync history, newest first. */
export const SyncRunsQuery = graphql(`
  query SyncRuns($first: Int!, $after: String) {
    directorySync {
      runs(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RunSummary
          }
        }
      }
    }
  }
`);

/** Applies a run held for review. */
export const ApproveSyncRunMutation = graphql(`
  mutation ApproveSyncRun($id: ID!) {
    approveSyncRun(id: $id) {
      ...RunSummary
    }
  }
`);

/** Drops a run held for review. */
export const RejectSyncRunMutation = graphql(`
  mutation RejectSyncRun($id: ID!) {
    rejectSyncRun(id: $id) {
      ...RunSummary
    }
  }
`);

/** A page of directory users with assignment and mapped preview. */
export const DirectoryUsersQuery = graphql(`
  query DirectoryUsers($filter: DirectoryUserFilter, $first: Int!, $after: String) {
    directorySync {
      directoryUsers(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            email
            firstName
            lastName
            state
            assigned
            groups {
              id
              name
            }
            user {
              id
              name
              status
            }
            preview {
              ...MappedPreview
            }
          }
        }
      }
    }
  }
`);

/** The directory's groups by name with member counts (the first 100 matching). */
export const DirectoryGroupsQuery = graphql(`
  query DirectoryGroups($filter: DirectoryGroupFilter) {
    directorySync {
      groups(filter: $filter, first: 100) {
        totalCount
        edges {
          node {
            id
            name
            memberCount
          }
        }
      }
    }
  }
`);

/** Assigns or un-assigns directory users. */
export const SetDirectoryUserAssignmentMutation = graphql(`
  mutation SetDirectoryUserAssignment($ids: [ID!]!, $assigned: Boolean!) {
    setDirectoryUserAssignment(ids: $ids, assigned: $assigned) {
      id
      assigned
      preview {
        ...MappedPreview
      }
    }
  }
`);

/** What the mapping editor needs: mapping, attributes, sample users, offices. */
export const MappingEditorQuery = graphql(`
  query MappingEditor($samples: Int!) {
    directorySync {
      configuration {
        ...ConfigFields
      }
      attributes {
        path
        userCount
        samples
      }
      connection {
        id
        userCount
      }
      directoryUsers(first: $samples) {
        edges {
          node {
            id
            email
            firstName
            lastName
            attributes
            groups {
              id
              name
            }
          }
        }
      }
    }
    offices {
      id
      name
      aliases
    }
  }
`);

/** Warnings about a draft mapping (sources no directory user fills), before saving. */
export const MappingWarningsQuery = graphql(`
  query MappingWarnings($mapping: FieldMappingInput!) {
    directorySync {
      mappingWarnings(mapping: $mapping) {
        field
        pointer
        message
      }
    }
  }
`);

/** The schedule and safety settings. */
export const SyncConfigurationQuery = graphql(`
  query SyncConfiguration {
    directorySync {
      configuration {
        ...ConfigFields
      }
    }
  }
`);

/** Saves sync settings. */
export const UpdateSyncConfigurationMutation = graphql(`
  mutation UpdateSyncConfiguration($input: SyncConfigurationInput!) {
    updateSyncConfiguration(input: $input) {
      ...ConfigFields
    }
  }
`);

/** Who changed what in directory sync, newest first. */
export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int!) {
    directorySync {
      auditEvents(first: $first) {
        edges {
          node {
            id
            action
            details
            createdAt
            actor {
              id
              name
            }
          }
        }
      }
    }
  }
`);
