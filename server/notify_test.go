package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

// TestNotificationSettings: the three configuration fields default, validate (a bad
// address is BAD_USER_INPUT naming it and saves nothing) and save; each admin turns their
// own alerts off; members cannot.
func TestNotificationSettings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)
	type settings struct {
		DailyAt            string
		NotifyAdmins       bool
		NotificationEmails []string
		WeeklyDigest       bool
	}
	read := func() settings {
		return decode[struct {
			DirectorySync struct{ Configuration settings }
		}](t, b.gql(t, admin,
			`{ directorySync { configuration { dailyAt notifyAdmins notificationEmails weeklyDigest } } }`, nil)).DirectorySync.Configuration
	}
	initial := read()
	require.Equal(t, settings{DailyAt: initial.DailyAt, NotifyAdmins: true, NotificationEmails: []string{}}, initial)

	resp := b.gql(t, admin, `mutation { updateSyncConfiguration(input: {dailyAt: "04:00", notificationEmails: ["it@acme.example", "not an address"]}) { dailyAt } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "notificationEmails", resp.Errors[0].Extensions["field"])
	require.Contains(t, resp.Errors[0].Message, `"not an address"`)
	require.Equal(t, initial, read())

	saved := decode[struct{ UpdateSyncConfiguration settings }](t, b.gql(t, admin, `mutation { updateSyncConfiguration(input: {
		notifyAdmins: false, notificationEmails: [" IT@Acme.example ", "it@acme.example", "ops@acme.example"], weeklyDigest: true})
		{ dailyAt notifyAdmins notificationEmails weeklyDigest } }`, nil)).UpdateSyncConfiguration
	want := settings{DailyAt: initial.DailyAt, NotifyAdmins: false, NotificationEmails: []string{"it@acme.example", "ops@acme.example"}, WeeklyDigest: true}
	require.Equal(t, want, saved)
	require.Equal(t, want, read())

	alerts := func(token string) bool {
		return decode[struct {
			Viewer struct{ DirectorySyncAlerts bool }
		}](t, b.gql(t, token, `{ viewer { directorySyncAlerts } }`, nil)).Viewer.DirectorySyncAlerts
	}
	require.True(t, alerts(admin))
	require.False(t, alerts(member))
	off := decode[struct {
		SetDirectorySyncAlerts struct{ DirectorySyncAlerts bool }
	}](t,
		b.gql(t, admin, `mutation { setDirectorySyncAlerts(enabled: false) { directorySyncAlerts } }`, nil))
	require.False(t, off.SetDirectorySyncAlerts.DirectorySyncAlerts)
	require.False(t, alerts(admin))
	require.Equal(t, "FORBIDDEN", b.gql(t, member, `mutation { setDirectorySyncAlerts(enabled: true) { directorySyncAlerts } }`, nil).code())
	b.gql(t, admin, `mutation { setDirectorySyncAlerts(enabled: true) { directorySyncAlerts } }`, nil)
	require.True(t, alerts(admin))
}

// TestAttentionAndNotifications: a held run is an attention item linking to its review,
// and its alert mails are listed (PENDING: this server sends no mail); members see neither.
func TestAttentionAndNotifications(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	acme := b.company(t, "acme")
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)
	const query = `{ directorySync { mailEnabled attention { kind message actionLabel path runId }
		notifications { kind subject email status attempts } } }`
	type page struct {
		DirectorySync struct {
			MailEnabled bool
			Attention   []struct {
				Kind, Message, ActionLabel, Path string
				RunID                            *string
			}
			Notifications []struct {
				Kind, Subject, Email, Status string
				Attempts                     int
			}
		}
	}
	empty := decode[page](t, b.gql(t, admin, query, nil)).DirectorySync
	require.False(t, empty.MailEnabled)
	require.Empty(t, empty.Attention)
	require.Empty(t, empty.Notifications)

	run, _, err := db.InsertQueuedRun(ctx, b.db, &db.SyncRun{CompanyID: acme.id, Trigger: db.TriggerSchedule})
	require.NoError(t, err)
	_, err = db.SetRunStatus(ctx, b.db, acme.id, run.ID, db.RunQueued, db.RunNeedsReview, time.Now())
	require.NoError(t, err)

	got := decode[page](t, b.gql(t, admin, query, nil)).DirectorySync
	require.Len(t, got.Attention, 1)
	item := got.Attention[0]
	require.Equal(t, "HELD_RUN", item.Kind)
	require.Equal(t, "/settings/directory-sync/history?review="+run.ID, item.Path)
	require.Equal(t, run.ID, *item.RunID)
	require.Contains(t, item.Message, "held for review")
	require.Len(t, got.Notifications, 1)
	require.Equal(t, "held_run", got.Notifications[0].Kind)
	require.Equal(t, "acme: a directory sync is waiting for your review", got.Notifications[0].Subject)
	require.Equal(t, "admin@acme.example", got.Notifications[0].Email)
	require.Equal(t, "PENDING", got.Notifications[0].Status)
	require.Zero(t, got.Notifications[0].Attempts)

	require.Equal(t, "FORBIDDEN", b.gql(t, member, `{ directorySync { attention { kind } } }`, nil).code())
}
