/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Attention {\n    directorySync {\n      attention {\n        kind\n        message\n        actionLabel\n        path\n        since\n        runId\n      }\n    }\n  }\n": typeof types.AttentionDocument,
    "\n  query NotificationSettings {\n    viewer {\n      directorySyncAlerts\n    }\n    directorySync {\n      mailEnabled\n      configuration {\n        notifyAdmins\n        notificationEmails\n        weeklyDigest\n      }\n      notifications(first: 20) {\n        id\n        kind\n        subject\n        email\n        status\n        attempts\n        lastError\n        createdAt\n        sentAt\n      }\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      notifyAdmins\n      notificationEmails\n      weeklyDigest\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  mutation SetDirectorySyncAlerts($enabled: Boolean!) {\n    setDirectorySyncAlerts(enabled: $enabled) {\n      directorySyncAlerts\n    }\n  }\n": typeof types.SetDirectorySyncAlertsDocument,
    "\n  query Viewer {\n    viewer {\n      isCompanyAdmin\n      user {\n        id\n        name\n        email\n      }\n      company {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment RunSummary on SyncRun {\n    id\n    trigger\n    status\n    dryRun\n    queuedAt\n    startedAt\n    finishedAt\n    fetched\n    created\n    updated\n    deactivated\n    reactivated\n    unchanged\n    skipped\n    progress\n    error\n    startedBy {\n      id\n      name\n    }\n    issueCount\n    changeCount\n    waitingFor {\n      id\n      trigger\n    }\n  }\n": typeof types.RunSummaryFragmentDoc,
    "\n  query SyncRunIssueGroups($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        issueGroups {\n          key\n          kind\n          value\n          message\n          count\n        }\n      }\n    }\n  }\n": typeof types.SyncRunIssueGroupsDocument,
    "\n  query SyncRunGroupIssues($id: ID!, $group: String!, $after: String) {\n    directorySync {\n      run(id: $id) {\n        id\n        groupIssues(group: $group, first: 50, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              directoryUserId\n              email\n              message\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SyncRunGroupIssuesDocument,
    "\n  fragment ConfigFields on SyncConfiguration {\n    enabled\n    dailyAt\n    timeZone\n    nextRunAt\n    autoAssignNewUsers\n    maxDeactivationPercent\n    maxDeactivationCount\n    updatedAt\n    warnings {\n      field\n      pointer\n      message\n    }\n    mapping {\n      firstName\n      lastName\n      email\n      jobTitle\n      department\n      division\n      office\n      tags\n      valueAliases {\n        field\n        from\n        to\n      }\n    }\n  }\n": typeof types.ConfigFieldsFragmentDoc,
    "\n  fragment MappedPreview on MappedUser {\n    firstName\n    lastName\n    email\n    jobTitle\n    department\n    division\n    officeValue\n    office {\n      id\n      name\n    }\n    tags\n    issues {\n      kind\n      message\n    }\n  }\n": typeof types.MappedPreviewFragmentDoc,
    "\n  query DirectorySyncOverview {\n    directorySync {\n      connection {\n        id\n        directoryId\n        provider\n        providerName\n        name\n        state\n        stateLabel\n        stateExplanation\n        healthy\n        stateChangedAt\n        otherDirectories {\n          id\n          providerName\n          name\n          state\n        }\n        userCount\n        quarantined\n        lastError\n        connectedAt\n        requestedProvider\n        requestedProviderName\n      }\n      disconnected {\n        directoryId\n        providerName\n        name\n        disconnectedAt\n      }\n      configuration {\n        enabled\n        nextRunAt\n        dailyAt\n        timeZone\n      }\n      lastRun {\n        ...RunSummary\n      }\n    }\n  }\n": typeof types.DirectorySyncOverviewDocument,
    "\n  query PendingDeactivations {\n    directorySync {\n      pendingDeactivations {\n        count\n        sample\n      }\n    }\n  }\n": typeof types.PendingDeactivationsDocument,
    "\n  query DirectoryProviders {\n    directorySync {\n      providers {\n        type\n        name\n        setupMinutes\n      }\n    }\n  }\n": typeof types.DirectoryProvidersDocument,
    "\n  mutation StartDirectorySetup($provider: String) {\n    startDirectorySetup(input: { provider: $provider }) {\n      url\n      expiresAt\n      provider\n      providerName\n    }\n  }\n": typeof types.StartDirectorySetupDocument,
    "\n  mutation DisconnectDirectory {\n    disconnectDirectory\n  }\n": typeof types.DisconnectDirectoryDocument,
    "\n  mutation CompleteDirectorySetup($directoryId: ID) {\n    completeDirectorySetup(directoryId: $directoryId) {\n      id\n      providerName\n      name\n      state\n      userCount\n    }\n  }\n": typeof types.CompleteDirectorySetupDocument,
    "\n  mutation RunDirectorySync($dryRun: Boolean!) {\n    runDirectorySync(input: { dryRun: $dryRun }) {\n      ...RunSummary\n    }\n  }\n": typeof types.RunDirectorySyncDocument,
    "\n  query SyncRun($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        ...RunSummary\n      }\n    }\n  }\n": typeof types.SyncRunDocument,
    "\n  query SyncRunChanges($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        changes {\n          action\n          userId\n          directoryUserId\n          email\n          name\n          fields {\n            field\n            from\n            to\n          }\n        }\n      }\n    }\n  }\n": typeof types.SyncRunChangesDocument,
    "\n  query SyncRuns($first: Int!, $after: String) {\n    directorySync {\n      runs(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n": typeof types.SyncRunsDocument,
    "\n  mutation ApproveSyncRun($id: ID!) {\n    approveSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n": typeof types.ApproveSyncRunDocument,
    "\n  mutation RejectSyncRun($id: ID!) {\n    rejectSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n": typeof types.RejectSyncRunDocument,
    "\n  query DirectoryUsers($filter: DirectoryUserFilter, $first: Int!, $after: String) {\n    directorySync {\n      directoryUsers(filter: $filter, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            state\n            assigned\n            groups {\n              id\n              name\n            }\n            user {\n              id\n              name\n              status\n            }\n            preview {\n              ...MappedPreview\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DirectoryUsersDocument,
    "\n  query DirectoryGroups($filter: DirectoryGroupFilter) {\n    directorySync {\n      groups(filter: $filter, first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.DirectoryGroupsDocument,
    "\n  mutation SetDirectoryUserAssignment($ids: [ID!]!, $assigned: Boolean!) {\n    setDirectoryUserAssignment(ids: $ids, assigned: $assigned) {\n      id\n      assigned\n      preview {\n        ...MappedPreview\n      }\n    }\n  }\n": typeof types.SetDirectoryUserAssignmentDocument,
    "\n  query MappingEditor($samples: Int!) {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n      attributes {\n        path\n        userCount\n        samples\n      }\n      connection {\n        id\n        userCount\n      }\n      directoryUsers(first: $samples) {\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            attributes\n            preview {\n              role\n            }\n          }\n        }\n      }\n    }\n    offices {\n      id\n      name\n      aliases\n    }\n  }\n": typeof types.MappingEditorDocument,
    "\n  query MappingWarnings($mapping: FieldMappingInput!) {\n    directorySync {\n      mappingWarnings(mapping: $mapping) {\n        field\n        pointer\n        message\n      }\n    }\n  }\n": typeof types.MappingWarningsDocument,
    "\n  query SyncConfiguration {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n    }\n  }\n": typeof types.SyncConfigurationDocument,
    "\n  mutation UpdateSyncConfiguration($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      ...ConfigFields\n    }\n  }\n": typeof types.UpdateSyncConfigurationDocument,
    "\n  query AuditEvents($first: Int!) {\n    directorySync {\n      auditEvents(first: $first) {\n        edges {\n          node {\n            id\n            action\n            details\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query Offices {\n    offices {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": typeof types.OfficesDocument,
    "\n  mutation CreateOffice($input: CreateOfficeInput!) {\n    createOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": typeof types.CreateOfficeDocument,
    "\n  mutation UpdateOffice($input: UpdateOfficeInput!) {\n    updateOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": typeof types.UpdateOfficeDocument,
    "\n  mutation DeleteOffice($id: ID!) {\n    deleteOffice(id: $id)\n  }\n": typeof types.DeleteOfficeDocument,
    "\n  query PeopleSearch($filter: UserFilter, $first: Int!, $after: String, $withFacets: Boolean!) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          jobTitle\n          department\n          division\n          office {\n            id\n            name\n          }\n          status\n          tags\n          tagValues {\n            field\n            label\n            value\n          }\n        }\n      }\n      facets @include(if: $withFacets) {\n        departments {\n          value\n          label\n          count\n        }\n        divisions {\n          value\n          label\n          count\n        }\n        offices {\n          value\n          label\n          count\n        }\n        tags {\n          value\n          label\n          count\n        }\n        tagFields {\n          field\n          label\n          values {\n            value\n            label\n            count\n          }\n        }\n      }\n    }\n  }\n": typeof types.PeopleSearchDocument,
    "\n  query PeopleOffices {\n    offices {\n      id\n      name\n    }\n  }\n": typeof types.PeopleOfficesDocument,
};
const documents: Documents = {
    "\n  query Attention {\n    directorySync {\n      attention {\n        kind\n        message\n        actionLabel\n        path\n        since\n        runId\n      }\n    }\n  }\n": types.AttentionDocument,
    "\n  query NotificationSettings {\n    viewer {\n      directorySyncAlerts\n    }\n    directorySync {\n      mailEnabled\n      configuration {\n        notifyAdmins\n        notificationEmails\n        weeklyDigest\n      }\n      notifications(first: 20) {\n        id\n        kind\n        subject\n        email\n        status\n        attempts\n        lastError\n        createdAt\n        sentAt\n      }\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      notifyAdmins\n      notificationEmails\n      weeklyDigest\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  mutation SetDirectorySyncAlerts($enabled: Boolean!) {\n    setDirectorySyncAlerts(enabled: $enabled) {\n      directorySyncAlerts\n    }\n  }\n": types.SetDirectorySyncAlertsDocument,
    "\n  query Viewer {\n    viewer {\n      isCompanyAdmin\n      user {\n        id\n        name\n        email\n      }\n      company {\n        id\n        name\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment RunSummary on SyncRun {\n    id\n    trigger\n    status\n    dryRun\n    queuedAt\n    startedAt\n    finishedAt\n    fetched\n    created\n    updated\n    deactivated\n    reactivated\n    unchanged\n    skipped\n    progress\n    error\n    startedBy {\n      id\n      name\n    }\n    issueCount\n    changeCount\n    waitingFor {\n      id\n      trigger\n    }\n  }\n": types.RunSummaryFragmentDoc,
    "\n  query SyncRunIssueGroups($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        issueGroups {\n          key\n          kind\n          value\n          message\n          count\n        }\n      }\n    }\n  }\n": types.SyncRunIssueGroupsDocument,
    "\n  query SyncRunGroupIssues($id: ID!, $group: String!, $after: String) {\n    directorySync {\n      run(id: $id) {\n        id\n        groupIssues(group: $group, first: 50, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              directoryUserId\n              email\n              message\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SyncRunGroupIssuesDocument,
    "\n  fragment ConfigFields on SyncConfiguration {\n    enabled\n    dailyAt\n    timeZone\n    nextRunAt\n    autoAssignNewUsers\n    maxDeactivationPercent\n    maxDeactivationCount\n    updatedAt\n    warnings {\n      field\n      pointer\n      message\n    }\n    mapping {\n      firstName\n      lastName\n      email\n      jobTitle\n      department\n      division\n      office\n      tags\n      valueAliases {\n        field\n        from\n        to\n      }\n    }\n  }\n": types.ConfigFieldsFragmentDoc,
    "\n  fragment MappedPreview on MappedUser {\n    firstName\n    lastName\n    email\n    jobTitle\n    department\n    division\n    officeValue\n    office {\n      id\n      name\n    }\n    tags\n    issues {\n      kind\n      message\n    }\n  }\n": types.MappedPreviewFragmentDoc,
    "\n  query DirectorySyncOverview {\n    directorySync {\n      connection {\n        id\n        directoryId\n        provider\n        providerName\n        name\n        state\n        stateLabel\n        stateExplanation\n        healthy\n        stateChangedAt\n        otherDirectories {\n          id\n          providerName\n          name\n          state\n        }\n        userCount\n        quarantined\n        lastError\n        connectedAt\n        requestedProvider\n        requestedProviderName\n      }\n      disconnected {\n        directoryId\n        providerName\n        name\n        disconnectedAt\n      }\n      configuration {\n        enabled\n        nextRunAt\n        dailyAt\n        timeZone\n      }\n      lastRun {\n        ...RunSummary\n      }\n    }\n  }\n": types.DirectorySyncOverviewDocument,
    "\n  query PendingDeactivations {\n    directorySync {\n      pendingDeactivations {\n        count\n        sample\n      }\n    }\n  }\n": types.PendingDeactivationsDocument,
    "\n  query DirectoryProviders {\n    directorySync {\n      providers {\n        type\n        name\n        setupMinutes\n      }\n    }\n  }\n": types.DirectoryProvidersDocument,
    "\n  mutation StartDirectorySetup($provider: String) {\n    startDirectorySetup(input: { provider: $provider }) {\n      url\n      expiresAt\n      provider\n      providerName\n    }\n  }\n": types.StartDirectorySetupDocument,
    "\n  mutation DisconnectDirectory {\n    disconnectDirectory\n  }\n": types.DisconnectDirectoryDocument,
    "\n  mutation CompleteDirectorySetup($directoryId: ID) {\n    completeDirectorySetup(directoryId: $directoryId) {\n      id\n      providerName\n      name\n      state\n      userCount\n    }\n  }\n": types.CompleteDirectorySetupDocument,
    "\n  mutation RunDirectorySync($dryRun: Boolean!) {\n    runDirectorySync(input: { dryRun: $dryRun }) {\n      ...RunSummary\n    }\n  }\n": types.RunDirectorySyncDocument,
    "\n  query SyncRun($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        ...RunSummary\n      }\n    }\n  }\n": types.SyncRunDocument,
    "\n  query SyncRunChanges($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        changes {\n          action\n          userId\n          directoryUserId\n          email\n          name\n          fields {\n            field\n            from\n            to\n          }\n        }\n      }\n    }\n  }\n": types.SyncRunChangesDocument,
    "\n  query SyncRuns($first: Int!, $after: String) {\n    directorySync {\n      runs(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n": types.SyncRunsDocument,
    "\n  mutation ApproveSyncRun($id: ID!) {\n    approveSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n": types.ApproveSyncRunDocument,
    "\n  mutation RejectSyncRun($id: ID!) {\n    rejectSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n": types.RejectSyncRunDocument,
    "\n  query DirectoryUsers($filter: DirectoryUserFilter, $first: Int!, $after: String) {\n    directorySync {\n      directoryUsers(filter: $filter, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            state\n            assigned\n            groups {\n              id\n              name\n            }\n            user {\n              id\n              name\n              status\n            }\n            preview {\n              ...MappedPreview\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DirectoryUsersDocument,
    "\n  query DirectoryGroups($filter: DirectoryGroupFilter) {\n    directorySync {\n      groups(filter: $filter, first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n": types.DirectoryGroupsDocument,
    "\n  mutation SetDirectoryUserAssignment($ids: [ID!]!, $assigned: Boolean!) {\n    setDirectoryUserAssignment(ids: $ids, assigned: $assigned) {\n      id\n      assigned\n      preview {\n        ...MappedPreview\n      }\n    }\n  }\n": types.SetDirectoryUserAssignmentDocument,
    "\n  query MappingEditor($samples: Int!) {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n      attributes {\n        path\n        userCount\n        samples\n      }\n      connection {\n        id\n        userCount\n      }\n      directoryUsers(first: $samples) {\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            attributes\n            preview {\n              role\n            }\n          }\n        }\n      }\n    }\n    offices {\n      id\n      name\n      aliases\n    }\n  }\n": types.MappingEditorDocument,
    "\n  query MappingWarnings($mapping: FieldMappingInput!) {\n    directorySync {\n      mappingWarnings(mapping: $mapping) {\n        field\n        pointer\n        message\n      }\n    }\n  }\n": types.MappingWarningsDocument,
    "\n  query SyncConfiguration {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n    }\n  }\n": types.SyncConfigurationDocument,
    "\n  mutation UpdateSyncConfiguration($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      ...ConfigFields\n    }\n  }\n": types.UpdateSyncConfigurationDocument,
    "\n  query AuditEvents($first: Int!) {\n    directorySync {\n      auditEvents(first: $first) {\n        edges {\n          node {\n            id\n            action\n            details\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query Offices {\n    offices {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": types.OfficesDocument,
    "\n  mutation CreateOffice($input: CreateOfficeInput!) {\n    createOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": types.CreateOfficeDocument,
    "\n  mutation UpdateOffice($input: UpdateOfficeInput!) {\n    updateOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n": types.UpdateOfficeDocument,
    "\n  mutation DeleteOffice($id: ID!) {\n    deleteOffice(id: $id)\n  }\n": types.DeleteOfficeDocument,
    "\n  query PeopleSearch($filter: UserFilter, $first: Int!, $after: String, $withFacets: Boolean!) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          jobTitle\n          department\n          division\n          office {\n            id\n            name\n          }\n          status\n          tags\n          tagValues {\n            field\n            label\n            value\n          }\n        }\n      }\n      facets @include(if: $withFacets) {\n        departments {\n          value\n          label\n          count\n        }\n        divisions {\n          value\n          label\n          count\n        }\n        offices {\n          value\n          label\n          count\n        }\n        tags {\n          value\n          label\n          count\n        }\n        tagFields {\n          field\n          label\n          values {\n            value\n            label\n            count\n          }\n        }\n      }\n    }\n  }\n": types.PeopleSearchDocument,
    "\n  query PeopleOffices {\n    offices {\n      id\n      name\n    }\n  }\n": types.PeopleOfficesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Attention {\n    directorySync {\n      attention {\n        kind\n        message\n        actionLabel\n        path\n        since\n        runId\n      }\n    }\n  }\n"): (typeof documents)["\n  query Attention {\n    directorySync {\n      attention {\n        kind\n        message\n        actionLabel\n        path\n        since\n        runId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    viewer {\n      directorySyncAlerts\n    }\n    directorySync {\n      mailEnabled\n      configuration {\n        notifyAdmins\n        notificationEmails\n        weeklyDigest\n      }\n      notifications(first: 20) {\n        id\n        kind\n        subject\n        email\n        status\n        attempts\n        lastError\n        createdAt\n        sentAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettings {\n    viewer {\n      directorySyncAlerts\n    }\n    directorySync {\n      mailEnabled\n      configuration {\n        notifyAdmins\n        notificationEmails\n        weeklyDigest\n      }\n      notifications(first: 20) {\n        id\n        kind\n        subject\n        email\n        status\n        attempts\n        lastError\n        createdAt\n        sentAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      notifyAdmins\n      notificationEmails\n      weeklyDigest\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationSettings($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      notifyAdmins\n      notificationEmails\n      weeklyDigest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDirectorySyncAlerts($enabled: Boolean!) {\n    setDirectorySyncAlerts(enabled: $enabled) {\n      directorySyncAlerts\n    }\n  }\n"): (typeof documents)["\n  mutation SetDirectorySyncAlerts($enabled: Boolean!) {\n    setDirectorySyncAlerts(enabled: $enabled) {\n      directorySyncAlerts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      isCompanyAdmin\n      user {\n        id\n        name\n        email\n      }\n      company {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      isCompanyAdmin\n      user {\n        id\n        name\n        email\n      }\n      company {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunSummary on SyncRun {\n    id\n    trigger\n    status\n    dryRun\n    queuedAt\n    startedAt\n    finishedAt\n    fetched\n    created\n    updated\n    deactivated\n    reactivated\n    unchanged\n    skipped\n    progress\n    error\n    startedBy {\n      id\n      name\n    }\n    issueCount\n    changeCount\n    waitingFor {\n      id\n      trigger\n    }\n  }\n"): (typeof documents)["\n  fragment RunSummary on SyncRun {\n    id\n    trigger\n    status\n    dryRun\n    queuedAt\n    startedAt\n    finishedAt\n    fetched\n    created\n    updated\n    deactivated\n    reactivated\n    unchanged\n    skipped\n    progress\n    error\n    startedBy {\n      id\n      name\n    }\n    issueCount\n    changeCount\n    waitingFor {\n      id\n      trigger\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRunIssueGroups($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        issueGroups {\n          key\n          kind\n          value\n          message\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRunIssueGroups($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        issueGroups {\n          key\n          kind\n          value\n          message\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRunGroupIssues($id: ID!, $group: String!, $after: String) {\n    directorySync {\n      run(id: $id) {\n        id\n        groupIssues(group: $group, first: 50, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              directoryUserId\n              email\n              message\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRunGroupIssues($id: ID!, $group: String!, $after: String) {\n    directorySync {\n      run(id: $id) {\n        id\n        groupIssues(group: $group, first: 50, after: $after) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            cursor\n            node {\n              directoryUserId\n              email\n              message\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConfigFields on SyncConfiguration {\n    enabled\n    dailyAt\n    timeZone\n    nextRunAt\n    autoAssignNewUsers\n    maxDeactivationPercent\n    maxDeactivationCount\n    updatedAt\n    warnings {\n      field\n      pointer\n      message\n    }\n    mapping {\n      firstName\n      lastName\n      email\n      jobTitle\n      department\n      division\n      office\n      tags\n      valueAliases {\n        field\n        from\n        to\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConfigFields on SyncConfiguration {\n    enabled\n    dailyAt\n    timeZone\n    nextRunAt\n    autoAssignNewUsers\n    maxDeactivationPercent\n    maxDeactivationCount\n    updatedAt\n    warnings {\n      field\n      pointer\n      message\n    }\n    mapping {\n      firstName\n      lastName\n      email\n      jobTitle\n      department\n      division\n      office\n      tags\n      valueAliases {\n        field\n        from\n        to\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MappedPreview on MappedUser {\n    firstName\n    lastName\n    email\n    jobTitle\n    department\n    division\n    officeValue\n    office {\n      id\n      name\n    }\n    tags\n    issues {\n      kind\n      message\n    }\n  }\n"): (typeof documents)["\n  fragment MappedPreview on MappedUser {\n    firstName\n    lastName\n    email\n    jobTitle\n    department\n    division\n    officeValue\n    office {\n      id\n      name\n    }\n    tags\n    issues {\n      kind\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectorySyncOverview {\n    directorySync {\n      connection {\n        id\n        directoryId\n        provider\n        providerName\n        name\n        state\n        stateLabel\n        stateExplanation\n        healthy\n        stateChangedAt\n        otherDirectories {\n          id\n          providerName\n          name\n          state\n        }\n        userCount\n        quarantined\n        lastError\n        connectedAt\n        requestedProvider\n        requestedProviderName\n      }\n      disconnected {\n        directoryId\n        providerName\n        name\n        disconnectedAt\n      }\n      configuration {\n        enabled\n        nextRunAt\n        dailyAt\n        timeZone\n      }\n      lastRun {\n        ...RunSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query DirectorySyncOverview {\n    directorySync {\n      connection {\n        id\n        directoryId\n        provider\n        providerName\n        name\n        state\n        stateLabel\n        stateExplanation\n        healthy\n        stateChangedAt\n        otherDirectories {\n          id\n          providerName\n          name\n          state\n        }\n        userCount\n        quarantined\n        lastError\n        connectedAt\n        requestedProvider\n        requestedProviderName\n      }\n      disconnected {\n        directoryId\n        providerName\n        name\n        disconnectedAt\n      }\n      configuration {\n        enabled\n        nextRunAt\n        dailyAt\n        timeZone\n      }\n      lastRun {\n        ...RunSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingDeactivations {\n    directorySync {\n      pendingDeactivations {\n        count\n        sample\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingDeactivations {\n    directorySync {\n      pendingDeactivations {\n        count\n        sample\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryProviders {\n    directorySync {\n      providers {\n        type\n        name\n        setupMinutes\n      }\n    }\n  }\n"): (typeof documents)["\n  query DirectoryProviders {\n    directorySync {\n      providers {\n        type\n        name\n        setupMinutes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartDirectorySetup($provider: String) {\n    startDirectorySetup(input: { provider: $provider }) {\n      url\n      expiresAt\n      provider\n      providerName\n    }\n  }\n"): (typeof documents)["\n  mutation StartDirectorySetup($provider: String) {\n    startDirectorySetup(input: { provider: $provider }) {\n      url\n      expiresAt\n      provider\n      providerName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisconnectDirectory {\n    disconnectDirectory\n  }\n"): (typeof documents)["\n  mutation DisconnectDirectory {\n    disconnectDirectory\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteDirectorySetup($directoryId: ID) {\n    completeDirectorySetup(directoryId: $directoryId) {\n      id\n      providerName\n      name\n      state\n      userCount\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteDirectorySetup($directoryId: ID) {\n    completeDirectorySetup(directoryId: $directoryId) {\n      id\n      providerName\n      name\n      state\n      userCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunDirectorySync($dryRun: Boolean!) {\n    runDirectorySync(input: { dryRun: $dryRun }) {\n      ...RunSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RunDirectorySync($dryRun: Boolean!) {\n    runDirectorySync(input: { dryRun: $dryRun }) {\n      ...RunSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRun($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        ...RunSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRun($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        ...RunSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRunChanges($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        changes {\n          action\n          userId\n          directoryUserId\n          email\n          name\n          fields {\n            field\n            from\n            to\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRunChanges($id: ID!) {\n    directorySync {\n      run(id: $id) {\n        id\n        changes {\n          action\n          userId\n          directoryUserId\n          email\n          name\n          fields {\n            field\n            from\n            to\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncRuns($first: Int!, $after: String) {\n    directorySync {\n      runs(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncRuns($first: Int!, $after: String) {\n    directorySync {\n      runs(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveSyncRun($id: ID!) {\n    approveSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveSyncRun($id: ID!) {\n    approveSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectSyncRun($id: ID!) {\n    rejectSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RejectSyncRun($id: ID!) {\n    rejectSyncRun(id: $id) {\n      ...RunSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryUsers($filter: DirectoryUserFilter, $first: Int!, $after: String) {\n    directorySync {\n      directoryUsers(filter: $filter, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            state\n            assigned\n            groups {\n              id\n              name\n            }\n            user {\n              id\n              name\n              status\n            }\n            preview {\n              ...MappedPreview\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DirectoryUsers($filter: DirectoryUserFilter, $first: Int!, $after: String) {\n    directorySync {\n      directoryUsers(filter: $filter, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            state\n            assigned\n            groups {\n              id\n              name\n            }\n            user {\n              id\n              name\n              status\n            }\n            preview {\n              ...MappedPreview\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryGroups($filter: DirectoryGroupFilter) {\n    directorySync {\n      groups(filter: $filter, first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DirectoryGroups($filter: DirectoryGroupFilter) {\n    directorySync {\n      groups(filter: $filter, first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            memberCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDirectoryUserAssignment($ids: [ID!]!, $assigned: Boolean!) {\n    setDirectoryUserAssignment(ids: $ids, assigned: $assigned) {\n      id\n      assigned\n      preview {\n        ...MappedPreview\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetDirectoryUserAssignment($ids: [ID!]!, $assigned: Boolean!) {\n    setDirectoryUserAssignment(ids: $ids, assigned: $assigned) {\n      id\n      assigned\n      preview {\n        ...MappedPreview\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingEditor($samples: Int!) {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n      attributes {\n        path\n        userCount\n        samples\n      }\n      connection {\n        id\n        userCount\n      }\n      directoryUsers(first: $samples) {\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            attributes\n            preview {\n              role\n            }\n          }\n        }\n      }\n    }\n    offices {\n      id\n      name\n      aliases\n    }\n  }\n"): (typeof documents)["\n  query MappingEditor($samples: Int!) {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n      attributes {\n        path\n        userCount\n        samples\n      }\n      connection {\n        id\n        userCount\n      }\n      directoryUsers(first: $samples) {\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            attributes\n            preview {\n              role\n            }\n          }\n        }\n      }\n    }\n    offices {\n      id\n      name\n      aliases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MappingWarnings($mapping: FieldMappingInput!) {\n    directorySync {\n      mappingWarnings(mapping: $mapping) {\n        field\n        pointer\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query MappingWarnings($mapping: FieldMappingInput!) {\n    directorySync {\n      mappingWarnings(mapping: $mapping) {\n        field\n        pointer\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncConfiguration {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncConfiguration {\n    directorySync {\n      configuration {\n        ...ConfigFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSyncConfiguration($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      ...ConfigFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSyncConfiguration($input: SyncConfigurationInput!) {\n    updateSyncConfiguration(input: $input) {\n      ...ConfigFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($first: Int!) {\n    directorySync {\n      auditEvents(first: $first) {\n        edges {\n          node {\n            id\n            action\n            details\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($first: Int!) {\n    directorySync {\n      auditEvents(first: $first) {\n        edges {\n          node {\n            id\n            action\n            details\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Offices {\n    offices {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"): (typeof documents)["\n  query Offices {\n    offices {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOffice($input: CreateOfficeInput!) {\n    createOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOffice($input: CreateOfficeInput!) {\n    createOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOffice($input: UpdateOfficeInput!) {\n    updateOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOffice($input: UpdateOfficeInput!) {\n    updateOffice(input: $input) {\n      id\n      name\n      aliases\n      userCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOffice($id: ID!) {\n    deleteOffice(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteOffice($id: ID!) {\n    deleteOffice(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeopleSearch($filter: UserFilter, $first: Int!, $after: String, $withFacets: Boolean!) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          jobTitle\n          department\n          division\n          office {\n            id\n            name\n          }\n          status\n          tags\n          tagValues {\n            field\n            label\n            value\n          }\n        }\n      }\n      facets @include(if: $withFacets) {\n        departments {\n          value\n          label\n          count\n        }\n        divisions {\n          value\n          label\n          count\n        }\n        offices {\n          value\n          label\n          count\n        }\n        tags {\n          value\n          label\n          count\n        }\n        tagFields {\n          field\n          label\n          values {\n            value\n            label\n            count\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PeopleSearch($filter: UserFilter, $first: Int!, $after: String, $withFacets: Boolean!) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          email\n          jobTitle\n          department\n          division\n          office {\n            id\n            name\n          }\n          status\n          tags\n          tagValues {\n            field\n            label\n            value\n          }\n        }\n      }\n      facets @include(if: $withFacets) {\n        departments {\n          value\n          label\n          count\n        }\n        divisions {\n          value\n          label\n          count\n        }\n        offices {\n          value\n          label\n          count\n        }\n        tags {\n          value\n          label\n          count\n        }\n        tagFields {\n          field\n          label\n          values {\n            value\n            label\n            count\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeopleOffices {\n    offices {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query PeopleOffices {\n    offices {\n      id\n      name\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;