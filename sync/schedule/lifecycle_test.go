package schedule_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/schedule"
	dirsetup "github.com/officetogether/dirsync/sync/setup"
	"github.com/officetogether/dirsync/sync/webhooks"
)

// lifecycleCase is one company whose directory is deleted and replaced while the
// scheduler polls its events.
type lifecycleCase struct {
	b      *bundle
	c      company
	r      *replica
	people []emulator.User
	ids    map[string]string // user row id by email
}

func newLifecycleCase(t *testing.T, users int) *lifecycleCase {
	t.Helper()
	ctx := context.Background()
	b := setup(t)
	lc := &lifecycleCase{b: b, c: b.company(t, "03:00", "UTC", users)}
	lc.r = b.replica(t, replicaOpts{events: true})
	run, err := lc.r.svc.RunNow(ctx, lc.c.id, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status)
	lc.people, err = b.emu.Users(lc.c.dir)
	require.NoError(t, err)
	lc.ids = lc.userIDs(t)
	return lc
}

// start starts the replica's scheduler and lets the events feed make its first poll,
// which starts the feed at the current time (events from before it are not read).
func (lc *lifecycleCase) start(t *testing.T) {
	t.Helper()
	lc.r.sched.Start()
	lc.b.step(t, time.Minute, 3, 2)
}

// userIDs maps emails to user row ids; every synced user must still be active.
func (lc *lifecycleCase) userIDs(t *testing.T) map[string]string {
	t.Helper()
	var us []db.User
	require.NoError(t, lc.b.db.NewSelect().Model(&us).Where("company_id = ?", lc.c.id).Scan(context.Background()))
	out := map[string]string{}
	for _, u := range us {
		require.Equal(t, db.StatusActive, u.Status, u.Email)
		out[u.Email] = u.ID
	}
	return out
}

func (lc *lifecycleCase) connection(t *testing.T) *db.DirectoryConnection {
	t.Helper()
	conn, err := db.GetDirectoryConnection(context.Background(), lc.b.db, lc.c.id)
	require.NoError(t, err)
	return conn
}

// eventsSettled reports whether the company has an EVENTS run and none is active.
func (lc *lifecycleCase) eventsSettled(t *testing.T) bool {
	t.Helper()
	runs := lc.b.runs(t, lc.c.id, db.TriggerEvents)
	for _, r := range runs {
		if r.Active() {
			return false
		}
	}
	return len(runs) > 0
}

// lastEventsRun is the company's newest EVENTS run.
func (lc *lifecycleCase) lastEventsRun(t *testing.T) db.SyncRun {
	t.Helper()
	runs := lc.b.runs(t, lc.c.id, db.TriggerEvents)
	require.NotEmpty(t, runs)
	run := runs[len(runs)-1]
	t.Logf("events run %s fetched=%d created=%d updated=%d deactivated=%d error=%s", run.Status, run.Fetched,
		run.Created, run.Updated, run.Deactivated, deref(run.Error))
	return run
}

// mirrorPull is the EVENTS run that pulled the new directory into the mirror: the only
// one that read users. No EVENTS run changed a user (several of the same fake second
// have no order, so the newest is not asked for).
func (lc *lifecycleCase) mirrorPull(t *testing.T) db.SyncRun {
	t.Helper()
	var pulls []db.SyncRun
	for _, run := range lc.b.runs(t, lc.c.id, db.TriggerEvents) {
		require.Zero(t, run.Deactivated+run.Updated+run.Created, "run %s %s changed users", run.ID, run.Status)
		if run.Fetched > 0 {
			pulls = append(pulls, run)
		}
	}
	require.Len(t, pulls, 1, "one pull of the new directory")
	return pulls[0]
}

// replace deletes the directory, lets the poll see it, and connects a new Workday
// directory (validating at first) with the same people, then lets it link. poll lets the
// scheduler work until its condition holds.
func (lc *lifecycleCase) replace(t *testing.T, poll func(done func() bool)) {
	t.Helper()
	b := lc.b
	require.NoError(t, b.emu.DeleteDirectory(lc.c.dir))
	poll(func() bool { return deref(lc.connection(t).State) == "deleted" && lc.eventsSettled(t) })
	run := lc.lastEventsRun(t)
	require.Equal(t, db.RunFailed, run.Status)
	require.Contains(t, deref(run.Error), "deleted")
	require.Zero(t, run.Deactivated+run.Updated+run.Created)
	require.Equal(t, lc.ids, lc.userIDs(t), "nobody inactivated")
	conn := lc.connection(t)
	require.Equal(t, "deleted", deref(conn.State))
	require.Zero(t, conn.ConsecutiveFailures)
	st := inboxState(t, b, lc.c.id)
	require.Zero(t, st.Failures, "the failed run consumed its events: the company does not back off")
	require.Nil(t, st.RetryAt)

	next, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: lc.c.org, Type: "workday", Name: "Workday"})
	require.NoError(t, err)
	require.Equal(t, "validating", next.State)
	for _, u := range lc.people {
		_, err := b.emu.PutUser(next.ID, emulator.User{Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
			CustomAttributes: u.CustomAttributes})
		require.NoError(t, err)
	}
	b.clock.Advance(emulator.DefaultValidationDelay)
	linked, err := b.emu.Directory(next.ID) // validated: dsync.activated
	require.NoError(t, err)
	require.Equal(t, "linked", linked.State)
	poll(func() bool {
		return deref(lc.connection(t).DirectoryID) == next.ID && !lc.connection(t).MirrorPending && lc.eventsSettled(t)
	})
	run = lc.mirrorPull(t)
	require.Equal(t, db.RunSucceeded, run.Status, deref(run.Error))
	require.Equal(t, len(lc.people), run.Fetched, "the new directory was pulled into the mirror")
	conn = lc.connection(t)
	require.Equal(t, next.ID, deref(conn.DirectoryID))
	require.Equal(t, "workday", deref(conn.Provider))
	require.Equal(t, "linked", deref(conn.State))

	run2, err := lc.r.svc.RunNow(context.Background(), lc.c.id, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run2.Status)
	require.Zero(t, run2.Created+run2.Deactivated)
	require.Equal(t, len(lc.people), run2.Updated, "everyone is linked to the new directory")
	require.Equal(t, lc.ids, lc.userIDs(t), "same rows, all active")
	t.Logf("next run %s fetched=%d created=%d updated=%d deactivated=%d", run2.Status, run2.Fetched, run2.Created, run2.Updated, run2.Deactivated)
}

// TestDirectoryReplacedThroughPoll: the events poll sees the directory deleted (nobody
// inactivated) and the new Workday directory activated once validated (linked, pulled).
func TestDirectoryReplacedThroughPoll(t *testing.T) {
	t.Parallel()
	lc := newLifecycleCase(t, 6)
	lc.start(t)
	lc.replace(t, func(done func() bool) { lc.b.stepUntil(t, 3, 2, "the poll applied", done) })
}

// TestDirectoryReplacedThroughWebhooks: the same through signed webhooks from the
// emulator to the real handler, which asks the scheduler for the company's poll.
func TestDirectoryReplacedThroughWebhooks(t *testing.T) {
	t.Parallel()
	lc := newLifecycleCase(t, 6)
	b := lc.b
	h, err := webhooks.NewHandler(webhooks.Config{Secret: "whsec_lifecycle", Deliver: lc.r.sched.Deliver, Now: b.clock.Now})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	b.emu.SetWebhook(srv.URL, "whsec_lifecycle")
	t.Cleanup(func() { b.emu.SetWebhook("", "") })
	lc.start(t)
	lc.replace(t, func(done func() bool) {
		for range 50 {
			if done() {
				return
			}
			b.waitJob(t, schedule.JobInbox)
			b.clock.Advance(time.Second) // runs queued later sort later
		}
		require.True(t, done(), "not within 50 triggered polls")
	})
}

// TestDirectoryDeactivatedThroughPoll: dsync.deactivated (invalid credentials) reaches the
// connection's state through the poll; dsync.activated brings it back with a full pull.
func TestDirectoryDeactivatedThroughPoll(t *testing.T) {
	t.Parallel()
	lc := newLifecycleCase(t, 4)
	b := lc.b
	lc.start(t)
	_, err := b.emu.UpdateDirectory(lc.c.dir, emulator.Directory{State: "invalid_credentials"})
	require.NoError(t, err)
	b.stepUntil(t, 3, 2, "the deactivation applied", func() bool {
		return deref(lc.connection(t).State) == "invalid_credentials" && lc.eventsSettled(t)
	})
	run := lc.lastEventsRun(t)
	require.Equal(t, db.RunFailed, run.Status)
	require.Contains(t, deref(run.Error), "invalid_credentials")
	require.Equal(t, "invalid_credentials", deref(lc.connection(t).State))
	require.Equal(t, lc.ids, lc.userIDs(t))

	_, err = b.emu.UpdateDirectory(lc.c.dir, emulator.Directory{State: "linked"})
	require.NoError(t, err)
	b.stepUntil(t, 3, 2, "the activation applied", func() bool {
		runs := b.runs(t, lc.c.id, db.TriggerEvents)
		return deref(lc.connection(t).State) == "linked" && lc.eventsSettled(t) && runs[len(runs)-1].Status == db.RunSucceeded
	})
	run = lc.lastEventsRun(t)
	require.Equal(t, db.RunSucceeded, run.Status, deref(run.Error))
	require.Equal(t, 4, run.Fetched, "dsync.activated: a full pull")
	require.Equal(t, "linked", deref(lc.connection(t).State))
	require.Zero(t, lc.connection(t).ConsecutiveFailures)
}

// TestValidatingDirectorySetup: a Workday directory is still validating when the admin
// completes the setup: the setup pull fails naming the state (no quarantine counting);
// once WorkOS links it, its dsync.activated pulls it into the mirror only, and only the
// admin's run changes users.
func TestValidatingDirectorySetup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t)
	org, err := b.emu.CreateOrganization(emulator.Organization{Name: "HR Corp"})
	require.NoError(t, err)
	dir, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "workday"})
	require.NoError(t, err)
	require.Equal(t, "validating", dir.State)
	require.NoError(t, b.emu.GenerateUsers(dir.ID, 5, 4))
	c, err := db.CreateCompany(ctx, b.db, "HR Corp")
	require.NoError(t, err)
	admin, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: c.ID, Email: "root@hr.test", Role: db.RoleCompanyAdmin})
	require.NoError(t, err)
	_, err = db.StartDirectoryConnection(ctx, b.db, c.ID, org.ID)
	require.NoError(t, err)
	r := b.replica(t, replicaOpts{events: true})
	wizard, err := dirsetup.New(dirsetup.Config{DB: b.db, WorkOS: b.client, Puller: r.svc, Now: b.clock.Now})
	require.NoError(t, err)

	conn, err := wizard.Complete(ctx, c.ID, admin.ID, "")
	require.NoError(t, err)
	require.Equal(t, "validating", deref(conn.State))
	require.True(t, conn.MirrorPending)
	require.Zero(t, conn.ConsecutiveFailures)
	setupRuns := b.runs(t, c.ID, db.TriggerSetup)
	require.Len(t, setupRuns, 1)
	require.Equal(t, db.RunFailed, setupRuns[0].Status)
	require.Contains(t, deref(setupRuns[0].Error), "validating")

	r.sched.Start()
	b.clock.Advance(emulator.DefaultValidationDelay) // WorkOS links it: dsync.activated
	b.stepUntil(t, 3, 2, "the activation applied", func() bool {
		events := b.runs(t, c.ID, db.TriggerEvents)
		return len(events) > 0 && !events[len(events)-1].Active()
	})
	events := b.runs(t, c.ID, db.TriggerEvents)
	require.NotEmpty(t, events)
	run := events[len(events)-1]
	require.Equal(t, db.RunSucceeded, run.Status, deref(run.Error))
	require.Equal(t, 5, run.Fetched)
	require.Zero(t, run.Created+run.Updated+run.Deactivated, "the first pull changes no user")
	conn, err = db.GetDirectoryConnection(ctx, b.db, c.ID)
	require.NoError(t, err)
	require.Equal(t, "linked", deref(conn.State))
	require.False(t, conn.MirrorPending)
	t.Logf("validating setup: setup run %s, events run %s fetched=%d created=%d", setupRuns[0].Status, run.Status, run.Fetched, run.Created)

	manual, err := r.svc.RunNow(ctx, c.ID, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, manual.Status)
	require.Equal(t, 5, manual.Created)
}
