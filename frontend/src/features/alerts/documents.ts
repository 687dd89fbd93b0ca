import { graphql } from "../../gql";

/** What waits for an administrator now: the banner's items. */
export const AttentionQuery = graphql(`
  query Attention {
    directorySync {
      attention {
        kind
        message
        actionLabel
        path
        since
        runId
      }
    }
  }
`);

/** The notification settings page: the company's recipients, the viewer's own switch and the latest mails. */
export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    viewer {
      directorySyncAlerts
    }
    directorySync {
      mailEnabled
      configuration {
        notifyAdmins
        notificationEmails
        weeklyDigest
      }
      notifications(first: 20) {
        id
        kind
        subject
        email
        status
        attempts
        lastError
        createdAt
        sentAt
      }
    }
  }
`);

/** Saves the company's notification settings (part of the sync configuration). */
export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings($input: SyncConfigurationInput!) {
    updateSyncConfiguration(input: $input) {
      notifyAdmins
      notificationEmails
      weeklyDigest
    }
  }
`);

/** Turns the viewer's own alert mail on or off. */
export const SetDirectorySyncAlertsMutation = graphql(`
  mutation SetDirectorySyncAlerts($enabled: Boolean!) {
    setDirectorySyncAlerts(enabled: $enabled) {
      directorySyncAlerts
    }
  }
`);
