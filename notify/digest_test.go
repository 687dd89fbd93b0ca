package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/notify"
)

// addRun records a finished run at the given time with its per-user changes, as the
// engine records one.
func (b *bundle) addRun(t *testing.T, at time.Time, status string, dryRun bool, changes ...db.SyncChange) {
	t.Helper()
	ctx := context.Background()
	run, _, err := db.InsertQueuedRun(ctx, b.db, &db.SyncRun{CompanyID: b.company, Trigger: db.TriggerSchedule, DryRun: dryRun})
	require.NoError(t, err)
	require.NoError(t, db.ClaimQueuedRun(ctx, b.db, run, "test", at, at.Add(time.Minute)))
	for _, c := range changes {
		switch c.Action {
		case "CREATE":
			run.Created++
		case "REACTIVATE":
			run.Reactivated++
		case "DEACTIVATE":
			run.Deactivated++
		case "UPDATE":
			run.Updated++
		}
	}
	run.Status, run.FinishedAt, run.Changes = status, &at, changes
	require.NoError(t, db.FinishRun(ctx, b.db, run, db.RunRunning))
}

func change(action, name string, fields ...string) db.SyncChange {
	c := db.SyncChange{Action: action, Name: name, Email: name + "@people.test"}
	for _, f := range fields {
		c.Fields = append(c.Fields, db.FieldChange{Field: f})
	}
	return c
}

// TestWeeklyDigest: with the digest on, the Monday after a week brings one digest per
// company (across replicas) with that week's joiners, leavers and moves, counted and by
// first name; runs of other weeks, dry runs and failed runs are not in it.
func TestWeeklyDigest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 3)
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	b.addRun(t, day(22, 23), db.RunSucceeded, false, change("CREATE", "Olga Old"))
	b.addRun(t, day(24, 3), db.RunSucceeded, false, change("CREATE", "Ann Smith"), change("CREATE", "Ben Jones"), change("REACTIVATE", "Cleo Park"))
	b.addRun(t, day(25, 3), db.RunSucceeded, true, change("CREATE", "Dry Run"))
	b.addRun(t, day(25, 4), db.RunFailed, false, change("CREATE", "Failed Run"))
	b.addRun(t, day(26, 3), db.RunSucceeded, false, change("DEACTIVATE", "Dan Brown"),
		change("UPDATE", "Eve Stone", "department", "jobTitle"), change("UPDATE", "Finn Wolf", "office"), change("UPDATE", "Gus Lee", "jobTitle"))
	b.addRun(t, day(30, 1), db.RunSucceeded, false, change("CREATE", "Hal Next"))

	a, c := b.sender(t, b.open(t), "replica-a"), b.sender(t, b.open(t), "replica-b")
	sent, err := a.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, sent, "the digest is off by default")

	settings, err := db.GetNotificationSettings(ctx, b.db, b.company)
	require.NoError(t, err)
	settings.WeeklyDigest = true
	require.NoError(t, db.SaveNotificationSettings(ctx, b.db, settings))
	for _, s := range []*notify.Sender{a, c, a} {
		_, err := s.RunOnce(ctx)
		require.NoError(t, err)
	}
	got := b.received(t)
	require.ElementsMatch(t, []string{"root@acme.test", "ann@acme.test", "it@acme.test"}, keys(got))
	m := got["ann@acme.test"]
	require.Equal(t, "Acme Corp: people changes in the week of 23 November 2026", m.Subject)
	require.Equal(t, "What directory sync changed at Acme Corp from Monday 23 November to Sunday 29 November 2026:\r\n\r\n"+
		"Joined: 3\r\n  Ann, Ben, Cleo\r\n\r\n"+
		"Left: 1\r\n  Dan\r\n\r\n"+
		"Moved to another department: 1\r\n  Eve\r\n\r\n"+
		"Moved to another office: 1\r\n  Finn\r\n\r\n"+
		"Nothing to do: this is the weekly digest, which the company's administrators can turn off in the notification settings.\r\n\r\n"+
		"Open the sync history: "+publicURL+"/settings/directory-sync/history\r\n\r\n"+
		"--\r\nDirectory sync alerts for Acme Corp from OfficeTogether.\r\n"+
		"Turn them off for yourself: "+publicURL+"/settings/directory-sync/notifications\r\n", m.Text)

	// The next Monday brings the next week, Hal's.
	b.clock.Advance(7 * 24 * time.Hour)
	_, err = c.RunOnce(ctx)
	require.NoError(t, err)
	mails := b.sink.Mails()
	require.Len(t, mails, 6)
	next := parse(t, mails[5].Raw)
	require.Equal(t, "Acme Corp: people changes in the week of 30 November 2026", next.Subject)
	require.Contains(t, next.Text, "Joined: 1\r\n  Hal\r\n")
	require.Contains(t, next.Text, "Left: 0\r\n\r\n")
}

func TestWeekStart(t *testing.T) {
	t.Parallel()
	monday := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{monday, monday.Add(36 * time.Hour), time.Date(2026, 12, 6, 23, 59, 0, 0, time.UTC),
		time.Date(2026, 12, 7, 0, 30, 0, 0, time.FixedZone("CET", 3600))} {
		require.Equal(t, monday, notify.WeekStart(at), at.String())
	}
}
