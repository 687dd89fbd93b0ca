package schedule_test

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// TestEventsReachUsers: changes in the directory reach OfficeTogether users through the
// environment's events feed within one interval, as EVENTS runs fed from the company's
// inbox; the first poll starts at its own time, not at the environment's history; an
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
	b.step(t, time.Minute, 3, 2) // the first poll: the feed starts now
	require.Zero(t, inboxCount(t, b, c.id), "the directory's history before the first poll is not replayed")
	users, err := b.emu.Users(c.dir)
	require.NoError(t, err)
	u := users[0]

	b.clock.Advance(10 * time.Second)
	setTitle(&u, "Chief Tester")
	_, err = b.emu.PutUser(c.dir, u)
	require.NoError(t, err)
	b.step(t, 50*time.Second, 3, 0)
	b.until(t, "the change reaches the user", func() bool { return title(t, b, c.id, u.ID) == "Chief Tester" })
	runs := b.runs(t, c.id, db.TriggerEvents)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunSucceeded, runs[0].Status)
	require.Equal(t, 1, runs[0].Updated)
	var applied db.InboxEvent
	require.NoError(t, b.db.NewSelect().Model(&applied).Where("company_id = ?", c.id).Scan(ctx))
	require.Equal(t, workos.EventUserUpdated, applied.Type)
	require.Equal(t, db.InboxApplied, deref(applied.Outcome))
	require.Equal(t, runs[0].ID, deref(applied.RunID), "marked applied by the run that applied it")

	all, _, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: c.org})
	require.NoError(t, err)
	var old []workos.Event
	for _, e := range all {
		if e.Type == workos.EventUserUpdated {
			old = append(old, e)
		}
	}
	b.clock.Advance(10 * time.Second)
	setTitle(&u, "Head of Tests")
	_, err = b.emu.PutUser(c.dir, u)
	require.NoError(t, err)
	b.step(t, 50*time.Second, 3, 0)
	b.until(t, "the second change", func() bool { return title(t, b, c.id, u.ID) == "Head of Tests" })
	run, err := r.svc.ApplyEvents(ctx, c.id, engine.EventBatch{Events: old})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status)
	require.Zero(t, run.Updated+run.Created+run.Deactivated, "an older event applied again changes nothing")
	require.Equal(t, "Head of Tests", title(t, b, c.id, u.ID), "never regressed")

	require.NoError(t, b.emu.RemoveUser(u.ID))
	b.step(t, time.Minute, 3, 0)
	b.until(t, "dsync.user.deleted inactivates the user", func() bool { return status(t, b, c.id, u.ID) == db.StatusInactive })
	require.Zero(t, pendingCount(t, b), "nothing is left pending")

	for name, want := range map[string]float64{"dirsync_events_inbox_depth": 0, "dirsync_events_feed_lease_held": 1} {
		require.Equal(t, want, gauge(t, r.reg, name), name)
	}
	require.Positive(t, counter(t, r.reg, "dirsync_events_received_total", "result", "inbox"))
	require.Equal(t, 3.0, counter(t, r.reg, "dirsync_events_applied_total", "", ""))
}

// TestPollAndWebhookApplyOnce: events delivered by signed webhooks, each twice and out of
// order, are applied at once, without waiting for the feed, and once each; when the
// feed (on whichever replica holds it) lists the same events later, nothing is applied again.
func TestPollAndWebhookApplyOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	hooked := b.replica(t, replicaOpts{events: true, webhook: true})
	other := b.replica(t, replicaOpts{events: true})
	_, err := hooked.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	hooked.sched.Start()
	other.sched.Start()
	b.step(t, time.Minute, 6, 4)

	b.emu.SetWebhook(hooked.hookURL+"/", webhookSecret)
	require.NoError(t, b.emu.SetWebhookFaults(emulator.WebhookFaults{Duplicate: 1, Reorder: 2}))
	users, err := b.emu.Users(c.dir)
	require.NoError(t, err)
	for i, to := range []string{"Hooked", "Hooked too"} {
		u := users[i]
		setTitle(&u, to)
		_, err = b.emu.PutUser(c.dir, u)
		require.NoError(t, err)
	}
	sum := func(name, label, value string) float64 {
		return counter(t, hooked.reg, name, label, value) + counter(t, other.reg, name, label, value)
	}
	b.until(t, "the webhooks' events are applied without a clock step, each delivered twice", func() bool {
		return title(t, b, c.id, users[0].ID) == "Hooked" && title(t, b, c.id, users[1].ID) == "Hooked too" &&
			counter(t, hooked.reg, "dirsync_events_received_total", "result", "duplicate") == 2
	})
	runs := len(b.runs(t, c.id, db.TriggerEvents))
	require.Equal(t, 2.0, sum("dirsync_events_applied_total", "", ""), "each event applied once")

	b.step(t, time.Minute, 6, 4) // the feed lists the same events
	b.until(t, "the feed saw the events", func() bool {
		return sum("dirsync_events_received_total", "result", "duplicate") == 4
	})
	b.step(t, time.Minute, 6, 4)
	require.Len(t, b.runs(t, c.id, db.TriggerEvents), runs, "no run for events already applied")
	require.Equal(t, 2, inboxCount(t, b, c.id))
	require.Equal(t, 2.0, sum("dirsync_events_applied_total", "", ""))
}

// TestQuarantine: after three failed runs the connection is quarantined with the error:
// its events are dropped (a full pull is due when it comes back); a successful manual
// run clears it.
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
	changeTitle(t, b, c, "While quarantined")
	b.step(t, time.Minute, 3, 2)
	b.until(t, "the event is dropped", func() bool {
		return counter(t, r.reg, "dirsync_events_received_total", "result", "paused") >= 1
	})
	require.Empty(t, b.runs(t, c.id, db.TriggerEvents), "a quarantined company gets no EVENTS run")
	require.Zero(t, inboxCount(t, b, c.id))
	require.NotNil(t, inboxState(t, b, c.id).ResyncSince, "a full pull is due when it comes back")

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

func title(t *testing.T, b *bundle, companyID, dirUserID string) string {
	t.Helper()
	var got db.User
	require.NoError(t, b.db.NewSelect().Model(&got).Where("company_id = ? AND directory_user_id = ?", companyID, dirUserID).
		Scan(context.Background()))
	return deref(got.JobTitle)
}

func status(t *testing.T, b *bundle, companyID, dirUserID string) string {
	t.Helper()
	var got db.User
	require.NoError(t, b.db.NewSelect().Model(&got).Where("company_id = ? AND directory_user_id = ?", companyID, dirUserID).
		Scan(context.Background()))
	return got.Status
}

// inboxCount is the number of the company's inbox events, pending or done.
func inboxCount(t *testing.T, b *bundle, companyID string) int {
	t.Helper()
	n, err := b.db.NewSelect().Model((*db.InboxEvent)(nil)).Where("company_id = ?", companyID).Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

// pendingCount is the number of pending inbox events of all companies.
func pendingCount(t *testing.T, b *bundle) int {
	t.Helper()
	n, _, err := db.InboxDepth(context.Background(), b.db)
	require.NoError(t, err)
	return n
}

// gauge reads an unlabelled gauge.
func gauge(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// counter sums a counter's series whose label has the value (all series when label is "").
func counter(t *testing.T, reg *prometheus.Registry, name, label, value string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	require.NoError(t, err)
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			match := label == ""
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					match = true
				}
			}
			if match {
				sum += m.GetCounter().GetValue()
			}
		}
	}
	return sum
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
