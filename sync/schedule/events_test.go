package schedule_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/schedule"
	"github.com/officetogether/dirsync/sync/workos"
)

// TestEventsReachUsers: changes in the directory reach OfficeTogether users through the
// Events API within one poll interval (or at once after a webhook), as EVENTS runs; an
// old event applied again never regresses a user; a deleted user is inactivated.
func TestEventsReachUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 3)
	r := b.replica(t, replicaOpts{events: true})
	_, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	r.sched.Start()
	users, err := b.emu.Users(c.dir)
	require.NoError(t, err)
	u := users[0]
	title := func() (string, string) {
		var got db.User
		require.NoError(t, b.db.NewSelect().Model(&got).Where("company_id = ? AND directory_user_id = ?", c.id, u.ID).Scan(ctx))
		if got.JobTitle == nil {
			return "", got.Status
		}
		return *got.JobTitle, got.Status
	}

	b.clock.Advance(10 * time.Second)
	setTitle(&u, "Chief Tester")
	_, err = b.emu.PutUser(c.dir, u)
	require.NoError(t, err)
	b.step(t, 50*time.Second, 3, 2) // one poll interval after the start: the events poll
	got, status := title()
	for _, x := range b.runs(t, c.id, db.TriggerEvents) {
		t.Logf("events run %s fetched=%d created=%d updated=%d unchanged=%d err=%s", x.Status, x.Fetched, x.Created, x.Updated, x.Unchanged, deref(x.Error))
	}
	require.Equal(t, "Chief Tester", got)
	require.Equal(t, db.StatusActive, status)
	runs := b.runs(t, c.id, db.TriggerEvents)
	require.NotEmpty(t, runs)
	require.Equal(t, db.RunSucceeded, runs[len(runs)-1].Status)
	require.Equal(t, 1, runs[len(runs)-1].Updated)

	b.clock.Advance(10 * time.Second)
	setTitle(&u, "Head of Tests")
	_, err = b.emu.PutUser(c.dir, u)
	require.NoError(t, err)
	r.sched.PollSoon(c.id) // as a webhook does
	b.waitJob(t, schedule.JobTriggered)
	got, _ = title()
	require.Equal(t, "Head of Tests", got, "a webhook-triggered poll applies at once")

	all, _, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: c.org})
	require.NoError(t, err)
	var old []workos.Event
	for _, e := range all {
		if e.Type == workos.EventUserUpdated {
			old = append(old, e)
		}
	}
	require.Len(t, old, 2)
	run, err := r.svc.ApplyEvents(ctx, c.id, engine.EventBatch{Events: old[:1]})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status)
	require.Zero(t, run.Updated, "an older event is ignored")
	got, _ = title()
	require.Equal(t, "Head of Tests", got, "never regressed")
	run, err = r.svc.ApplyEvents(ctx, c.id, engine.EventBatch{Events: old})
	require.NoError(t, err)
	require.Zero(t, run.Updated+run.Created+run.Deactivated, "duplicates change nothing")

	require.NoError(t, b.emu.RemoveUser(u.ID))
	b.step(t, time.Minute, 3, 2)
	_, status = title()
	require.Equal(t, db.StatusInactive, status, "dsync.user.deleted inactivates the user")
	conn, err := db.GetDirectoryConnection(ctx, b.db, c.id)
	require.NoError(t, err)
	require.Equal(t, all[len(all)-1].ID < *conn.EventsCursor, true, "the cursor moved past the applied events")

	mfs, err := r.reg.Gather()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	for _, n := range []string{"dirsync_sync_runs_total", "dirsync_sync_run_duration_seconds", "dirsync_sync_users_changed_total",
		"dirsync_events_applied_total", "dirsync_event_apply_lag_seconds"} {
		require.True(t, names[n], n)
	}
}

// TestQuarantine: after three failed runs the connection is quarantined with the error:
// events are no longer polled; a successful manual run clears it.
func TestQuarantine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	r := b.replica(t, replicaOpts{events: true})
	require.NoError(t, b.emu.SetFaults(c.dir, emulatorAlwaysFailing()))
	for range 3 {
		run, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
		require.NoError(t, err)
		require.Equal(t, db.RunFailed, run.Status)
	}
	conn, err := db.GetDirectoryConnection(ctx, b.db, c.id)
	require.NoError(t, err)
	require.True(t, conn.Quarantined)
	require.NotNil(t, conn.LastError)

	b.clock.Advance(3*time.Hour + time.Minute) // past the 03:00 slot
	r.sched.RunDue(ctx)
	daily := b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, daily, 1, "a quarantined company still gets its one try a day")
	require.Equal(t, db.RunFailed, daily[0].Status)

	r.sched.Start()
	b.step(t, time.Minute, 3, 2)
	require.Empty(t, b.runs(t, c.id, db.TriggerEvents), "a quarantined company is not polled")

	require.NoError(t, b.emu.SetFaults(c.dir, emulatorHealthy()))
	run, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{Trigger: db.TriggerManual})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status)
	conn, err = db.GetDirectoryConnection(ctx, b.db, c.id)
	require.NoError(t, err)
	require.False(t, conn.Quarantined)
	require.Nil(t, conn.LastError)
	require.Zero(t, conn.ConsecutiveFailures)
}

// setTitle changes the user's job title (custom_attributes.job_title, which the default
// mapping reads).
func setTitle(u *emulator.User, title string) {
	u.JobTitle = title
	if u.CustomAttributes == nil {
		u.CustomAttributes = map[string]any{}
	}
	u.CustomAttributes["job_title"] = title
}
