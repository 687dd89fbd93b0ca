package schedule_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// feedRow reads the events feed's row.
func feedRow(t *testing.T, b *bundle) *db.EventsFeed {
	t.Helper()
	f, err := db.GetEventsFeed(context.Background(), b.db)
	require.NoError(t, err)
	return f
}

// inboxState reads the company's inbox state.
func inboxState(t *testing.T, b *bundle, companyID string) db.InboxCompany {
	t.Helper()
	var st db.InboxCompany
	require.NoError(t, b.db.NewSelect().Model(&st).Where("company_id = ?", companyID).Scan(context.Background()))
	return st
}

// changeTitle gives the company's first directory user a new job title in the emulator.
func changeTitle(t *testing.T, b *bundle, c company, to string) string {
	t.Helper()
	users, err := b.emu.Users(c.dir)
	require.NoError(t, err)
	u := users[0]
	setTitle(&u, to)
	_, err = b.emu.PutUser(c.dir, u)
	require.NoError(t, err)
	return u.ID
}

// TestFeedLeaseMoves: of three replicas exactly one polls /events, once per interval
// when idle; when it shuts down another takes over at the next interval, and when it
// dies holding the lease another takes over within two intervals; events keep reaching
// users through whichever replica holds the feed.
func TestFeedLeaseMoves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	rs := []*replica{b.replica(t, replicaOpts{events: true}), b.replica(t, replicaOpts{events: true}), b.replica(t, replicaOpts{events: true})}
	_, err := rs[0].svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	for _, r := range rs {
		r.sched.Start()
	}
	b.step(t, time.Minute, 9, 6)
	holders := func(live []*replica) (int, *replica) {
		n, which := 0, (*replica)(nil)
		for _, r := range live {
			if gauge(t, r.reg, "dirsync_events_feed_lease_held") == 1 {
				n, which = n+1, r
			}
		}
		return n, which
	}
	n, holder := holders(rs)
	require.Equal(t, 1, n, "one lease holder")
	require.NotNil(t, feedRow(t, b).Holder)
	polls := b.requests("/events")
	require.Equal(t, 1, polls, "one /events request for the cluster")
	for range 5 {
		b.step(t, time.Minute, 9, 6)
	}
	require.Equal(t, polls+5, b.requests("/events"), "idle: one /events request per interval, whatever the replicas")

	// The holder shuts down: it releases the lease and another replica polls at once.
	holder.stop(t)
	var live []*replica
	for _, r := range rs {
		if r != holder {
			live = append(live, r)
		}
	}
	require.Nil(t, feedRow(t, b).Holder, "released on shutdown")
	polls = b.requests("/events")
	b.drain()
	b.step(t, time.Minute, 6, 4)
	n, holder = holders(live)
	require.Equal(t, 1, n, "taken over at the next interval")
	require.Equal(t, polls+1, b.requests("/events"))
	id := changeTitle(t, b, c, "After handover")
	b.step(t, time.Minute, 6, 0)
	b.until(t, "events still reach users", func() bool { return title(t, b, c.id, id) == "After handover" })

	// The holder dies right after renewing its lease (it keeps the row, as a killed
	// process would): nobody polls until the lease lapses, then another replica does.
	dead := *feedRow(t, b).Holder
	holder.stop(t)
	lapse := b.clock.Now().Add(time.Minute + 3*time.Second)
	_, err = b.db.NewUpdate().Model((*db.EventsFeed)(nil)).Where("id = 1").
		Set("holder = ?, lease_until = ?", dead, lapse).Exec(ctx)
	require.NoError(t, err)
	var survivor *replica
	for _, r := range live {
		if r != holder {
			survivor = r
		}
	}
	polls = b.requests("/events")
	b.drain()
	b.step(t, time.Minute, 3, 2)
	require.Equal(t, polls, b.requests("/events"), "the dead holder's lease still runs")
	b.step(t, time.Minute, 3, 2)
	require.Equal(t, polls+1, b.requests("/events"), "taken over within two intervals")
	require.Equal(t, 1.0, gauge(t, survivor.reg, "dirsync_events_feed_lease_held"))
	id = changeTitle(t, b, c, "After a crash")
	b.step(t, time.Minute, 3, 0)
	b.until(t, "events reach users after the crash", func() bool { return title(t, b, c.id, id) == "After a crash" })
}

// TestUnknownOrganizationsSkipped: events of organizations no company knows are counted
// and dropped; a dsync.activated of a new directory of a known organization reaches
// that company's inbox (the organization is the key).
func TestUnknownOrganizationsSkipped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	r := b.replica(t, replicaOpts{events: true})
	_, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	r.sched.Start()
	b.step(t, time.Minute, 3, 2)

	stranger, err := b.emu.CreateOrganization(emulator.Organization{Name: "Stranger"})
	require.NoError(t, err)
	strangerDir, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: stranger.ID})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(strangerDir.ID, 4, 1))
	second, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: c.org, Type: "okta scim v2.0"})
	require.NoError(t, err)
	id := changeTitle(t, b, c, "Known")
	b.step(t, time.Minute, 3, 0)
	b.until(t, "the known company's event is applied", func() bool { return title(t, b, c.id, id) == "Known" })

	all, _, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: stranger.ID})
	require.NoError(t, err)
	require.NotEmpty(t, all)
	require.Equal(t, float64(len(all)), counter(t, r.reg, "dirsync_events_received_total", "result", "unknown_organization"))
	n, err := b.db.NewSelect().Model((*db.InboxEvent)(nil)).Where("company_id <> ?", c.id).Count(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "no inbox holds them")

	var activated db.InboxEvent
	require.NoError(t, b.db.NewSelect().Model(&activated).Where("type = ?", workos.EventDirectoryActivated).Scan(ctx))
	require.Equal(t, c.id, activated.CompanyID, "routed by organization")
	require.Contains(t, string(activated.Data), second.ID)
}

// TestFailingCompanyDoesNotDelayOthers: a company whose EVENTS runs fail backs off alone;
// the other companies' events are applied in the same interval and the next, and the
// failing one catches up once healthy.
func TestFailingCompanyDoesNotDelayOthers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	bad, good := b.company(t, "03:00", "UTC", 2), b.company(t, "03:00", "Europe/Paris", 2)
	rs := []*replica{b.replica(t, replicaOpts{events: true}), b.replica(t, replicaOpts{events: true})}
	for _, c := range []company{bad, good} {
		_, err := rs[0].svc.RunNow(ctx, c.id, engine.RunOptions{})
		require.NoError(t, err)
	}
	for _, r := range rs {
		r.sched.Start()
	}
	b.step(t, time.Minute, 6, 4)

	// The bad company needs a full pull, and its directory fails every page.
	require.NoError(t, db.MarkInboxResync(ctx, b.db, []string{bad.id}, b.clock.Now()))
	require.NoError(t, b.emu.SetFaults(bad.dir, emulatorAlwaysFailing()))
	badUser := changeTitle(t, b, bad, "Bad one")
	goodUser := changeTitle(t, b, good, "Good one")
	b.step(t, time.Minute, 6, 4)
	b.until(t, "the good company is applied", func() bool { return title(t, b, good.id, goodUser) == "Good one" })
	b.until(t, "the bad company failed", func() bool { return inboxState(t, b, bad.id).Failures == 1 })
	st := inboxState(t, b, bad.id)
	require.True(t, st.RetryAt.After(b.clock.Now()), "it backs off")
	require.Nil(t, st.ClaimedBy, "and releases its claim")
	require.NotEqual(t, "Bad one", title(t, b, bad.id, badUser), "its events wait")
	runs := b.runs(t, bad.id, db.TriggerEvents)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunFailed, runs[0].Status)

	goodUser = changeTitle(t, b, good, "Good two")
	b.step(t, time.Minute, 6, 4)
	b.until(t, "the good company's next change", func() bool { return title(t, b, good.id, goodUser) == "Good two" })

	require.NoError(t, b.emu.SetFaults(bad.dir, emulatorHealthy()))
	b.stepUntil(t, 6, 4, "the bad company catches up after its backoff", func() bool {
		return title(t, b, bad.id, badUser) == "Bad one" && inboxState(t, b, bad.id).ClaimedBy == nil
	})
	st = inboxState(t, b, bad.id)
	require.Zero(t, st.Failures)
	require.Nil(t, st.ResyncSince, "the full pull was made")
}

// TestPausedCompanyPullsWhenBack: while a company's sync is off its events are dropped
// (counted), and when it is turned on again a full pull brings what it missed.
func TestPausedCompanyPullsWhenBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	r := b.replica(t, replicaOpts{events: true})
	_, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	r.sched.Start()
	b.step(t, time.Minute, 3, 2)
	setEnabled(t, b, c.id, false)

	id := changeTitle(t, b, c, "Missed")
	b.step(t, time.Minute, 3, 0)
	b.until(t, "the event is dropped", func() bool {
		return counter(t, r.reg, "dirsync_events_received_total", "result", "paused") >= 1
	})
	require.Zero(t, inboxCount(t, b, c.id))
	require.NotNil(t, inboxState(t, b, c.id).ResyncSince)
	require.Empty(t, b.runs(t, c.id, db.TriggerEvents))

	setEnabled(t, b, c.id, true)
	b.step(t, time.Minute, 3, 0)
	b.until(t, "the full pull brings the change", func() bool { return title(t, b, c.id, id) == "Missed" })
	runs := b.runs(t, c.id, db.TriggerEvents)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunSucceeded, runs[0].Status)
	require.Nil(t, inboxState(t, b, c.id).ResyncSince)
}

// TestExpiredCursorResets: a cursor last confirmed more than 29 days ago (WorkOS keeps
// events 30) is dropped: the feed restarts at now and every company gets a full pull.
func TestExpiredCursorResets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	r := b.replica(t, replicaOpts{events: true})
	_, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	id := changeTitle(t, b, c, "Across the gap")
	_, err = b.db.NewUpdate().Model((*db.EventsFeed)(nil)).Where("id = 1").
		Set("cursor = 'event_gone', caught_up_at = ?", b.clock.Now().Add(-30*24*time.Hour)).Exec(ctx)
	require.NoError(t, err)
	r.sched.Start()
	b.step(t, time.Minute, 3, 0)
	b.until(t, "the full pull applies what the gap hid", func() bool { return title(t, b, c.id, id) == "Across the gap" })
	f := feedRow(t, b)
	require.Nil(t, f.Cursor)
	require.Equal(t, b.clock.Now(), f.RangeStart.UTC())
	require.Equal(t, 1.0, counter(t, r.reg, "dirsync_events_feed_polls_total", "result", "cursor_reset"))
	require.Len(t, b.runs(t, c.id, db.TriggerEvents), 1)
	require.Zero(t, b.requests("/events"), "the dead cursor was not sent")
}

// TestRejectedCursorResets: a 4xx answer that names the cursor resets it like an expired
// one: the feed restarts at now and every company gets a full pull.
func TestRejectedCursorResets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	rejecting := b.clientVia(t, func(w http.ResponseWriter, r *http.Request, emu http.Handler) {
		if r.URL.Path == "/events" && r.URL.Query().Get("after") == "event_refused" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(`{"message":"Validation failed","errors":[{"field":"after","code":"invalid"}]}`))
			return
		}
		emu.ServeHTTP(w, r)
	})
	r := b.replica(t, replicaOpts{events: true, feed: rejecting})
	_, err := r.svc.RunNow(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	id := changeTitle(t, b, c, "Behind a refused cursor")
	_, err = b.db.NewUpdate().Model((*db.EventsFeed)(nil)).Where("id = 1").
		Set("cursor = 'event_refused', caught_up_at = ?", b.clock.Now()).Exec(ctx)
	require.NoError(t, err)
	r.sched.Start()
	b.step(t, time.Minute, 3, 0)
	b.until(t, "the full pull applies the change", func() bool { return title(t, b, c.id, id) == "Behind a refused cursor" })
	require.Nil(t, feedRow(t, b).Cursor)
	require.Equal(t, 1.0, counter(t, r.reg, "dirsync_events_feed_polls_total", "result", "cursor_reset"))
	require.Zero(t, b.requests("/events"), "the refused request was answered before the emulator")
	b.step(t, time.Minute, 3, 2)
	require.Equal(t, 1, b.requests("/events"), "the next interval lists from range_start")
	require.Equal(t, 1.0, counter(t, r.reg, "dirsync_events_feed_polls_total", "result", "ok"))
}

func setEnabled(t *testing.T, b *bundle, companyID string, on bool) {
	t.Helper()
	cfg, err := db.GetSyncConfiguration(context.Background(), b.db, companyID)
	require.NoError(t, err)
	cfg.Enabled = on
	_, err = db.SaveSyncConfiguration(context.Background(), b.db, cfg)
	require.NoError(t, err)
}

// TestFeedCostIndependentOfCompanies: 40 companies on 2 replicas cost one /events request
// per interval when idle (the per-company pollers made 80).
func TestFeedCostIndependentOfCompanies(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cs := make([]company, 40)
	for i := range cs {
		cs[i] = b.company(t, "03:00", "UTC", 1)
	}
	rs := []*replica{b.replica(t, replicaOpts{events: true}), b.replica(t, replicaOpts{events: true})}
	for _, r := range rs {
		r.sched.Start()
	}
	const intervals = 10
	for range intervals {
		b.step(t, time.Minute, 6, 4)
	}
	perInterval := float64(b.requests("/events")) / intervals
	t.Logf("40 companies, 2 replicas: %.2f /events requests per interval", perInterval)
	require.LessOrEqual(t, perInterval, 1.05)
	require.Equal(t, intervals, b.requests("/events"), "one per interval")
}
