package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// applyNewEvents applies the organization's events after the company's cursor as one
// EVENTS batch, as the poller does, and returns the finished run.
func (b *bundle) applyNewEvents(t testing.TB) *db.SyncRun {
	t.Helper()
	ctx := context.Background()
	conn := b.connection(t)
	from := ""
	if conn.EventsCursor != nil {
		from = *conn.EventsCursor
	}
	evs, next, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: conn.OrganizationID, After: from})
	require.NoError(t, err)
	require.NotEmpty(t, evs, "no new events")
	run, err := b.svc.ApplyEvents(ctx, b.company, engine.EventBatch{From: from, Next: next, Events: evs})
	require.NoError(t, err)
	return run
}

// skipEvents moves the company's cursor past every event so far.
func (b *bundle) skipEvents(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	conn := b.connection(t)
	after := ""
	for {
		evs, next, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: conn.OrganizationID, After: after})
		require.NoError(t, err)
		if len(evs) == 0 {
			break
		}
		after = next
	}
	_, err := db.AdvanceEventsCursor(ctx, b.db, b.company, "", after, time.Now())
	require.NoError(t, err)
}

func (b *bundle) connection(t testing.TB) *db.DirectoryConnection {
	t.Helper()
	c, err := db.GetDirectoryConnection(context.Background(), b.db, b.company)
	require.NoError(t, err)
	return c
}

// requireNothingChanged checks a run that met an unusable directory: FAILED naming the
// state, no counts, no user row touched, no quarantine counting.
func requireNothingChanged(t *testing.T, b *bundle, run *db.SyncRun, state string, before []string) {
	t.Helper()
	require.Equal(t, db.RunFailed, run.Status)
	require.NotNil(t, run.Error)
	require.Contains(t, *run.Error, "the directory is "+state+" in WorkOS")
	require.Contains(t, *run.Error, "no user was changed")
	require.Zero(t, run.Created+run.Updated+run.Deactivated+run.Reactivated)
	require.Equal(t, before, snapshot(t, b.db), "user rows changed")
	conn := b.connection(t)
	require.Equal(t, state, *conn.State)
	require.Zero(t, conn.ConsecutiveFailures)
	require.False(t, conn.Quarantined)
	t.Logf("%s: run %s %s fetched=%d created=%d updated=%d deactivated=%d error=%q", state, run.Trigger, run.Status,
		run.Fetched, run.Created, run.Updated, run.Deactivated, *run.Error)
}

// TestDirectoryDeletedByEvent: dsync.deleted for the connected directory (10 users, below
// the guard's count) marks the connection deleted and inactivates nobody; later runs of
// every trigger stop the same way without counting toward quarantine.
func TestDirectoryDeletedByEvent(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 10})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.skipEvents(t)
	before := snapshot(t, b.db)
	require.NoError(t, b.emu.DeleteDirectory(b.dir.ID))

	run := b.applyNewEvents(t)
	require.Equal(t, db.TriggerEvents, run.Trigger)
	requireNothingChanged(t, b, run, workos.DirectoryDeleted, before)
	conn := b.connection(t)
	require.NotNil(t, conn.StateChangedAt)
	require.Equal(t, b.dir.ID, *conn.DirectoryID, "the connection keeps the deleted directory until another is linked")
	evs, _, err := b.client.ListEvents(context.Background(), workos.EventsQuery{OrganizationID: b.dir.OrganizationID, After: ""})
	require.NoError(t, err)
	require.Equal(t, evs[len(evs)-1].ID, *conn.EventsCursor, "the batch is consumed")

	for _, trig := range []string{db.TriggerManual, db.TriggerSchedule, db.TriggerManual, db.TriggerManual} {
		run := b.sync(t, engine.RunOptions{Trigger: trig}, db.RunFailed)
		requireNothingChanged(t, b, run, workos.DirectoryDeleted, before)
	}
	dry := b.sync(t, engine.RunOptions{DryRun: true}, db.RunFailed)
	require.Contains(t, *dry.Error, "deleted")
}

// TestDirectoryDeletedSeenAs404: a directory deleted in WorkOS whose event was not seen is
// found by the run's GET /directories/{id} (404), or by a 404 in the middle of the pull.
func TestDirectoryDeletedSeenAs404(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 10})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	before := snapshot(t, b.db)
	require.NoError(t, b.emu.DeleteDirectory(b.dir.ID))
	run := b.sync(t, engine.RunOptions{}, db.RunFailed)
	requireNothingChanged(t, b, run, workos.DirectoryDeleted, before)

	// Deleted while the pull reads its pages: the GET at the start still saw it.
	b2 := setup(t, opts{users: 250})
	b2.sync(t, engine.RunOptions{}, db.RunSucceeded)
	before2 := snapshot(t, b2.db)
	deleting := &deleteAfterFirstPage{Client: b2.client, emu: b2.emu}
	svc, err := engine.New(engine.Config{DB: b2.db, Directory: deleting})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, svc.Close(context.Background())) })
	run, err = svc.RunNow(context.Background(), b2.company, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, 1, deleting.pages, "the directory went away after the first page")
	require.Equal(t, 100, run.Fetched)
	requireNothingChanged(t, b2, run, workos.DirectoryDeleted, before2)
}

// deleteAfterFirstPage is the real client; the directory is deleted in the emulator once
// the first page of users arrived.
type deleteAfterFirstPage struct {
	*workos.Client
	emu   *emulator.Emulator
	pages int
}

func (d *deleteAfterFirstPage) EachDirectoryUser(ctx context.Context, id string, fn func([]workos.DirectoryUser) error) (workos.FetchStats, error) {
	return d.Client.EachDirectoryUser(ctx, id, func(page []workos.DirectoryUser) error {
		d.pages++
		if d.pages == 1 {
			if err := d.emu.DeleteDirectory(id); err != nil {
				return err
			}
		}
		return fn(page)
	})
}

// TestDirectoryNotLinked: invalid_credentials, validating and unlinked directories change
// nothing and do not count toward quarantine; events met meanwhile are consumed and the
// run after the directory is linked again pulls it whole.
func TestDirectoryNotLinked(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 12})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.skipEvents(t)
	before := snapshot(t, b.db)
	for _, state := range []string{workos.DirectoryInvalidCredentials, workos.DirectoryValidating, workos.DirectoryUnlinked} {
		_, err := b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{State: state})
		require.NoError(t, err)
		for range 4 { // more than db.QuarantineAfter
			run := b.sync(t, engine.RunOptions{}, db.RunFailed)
			requireNothingChanged(t, b, run, state, before)
		}
	}
	// While unlinked, a user changes and is removed; the events are consumed unapplied.
	users, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	u := users[0]
	require.NotNil(t, u.CustomAttributes)
	u.CustomAttributes["job_title"] = "Renamed"
	b.put(t, u)
	require.NoError(t, b.emu.RemoveUser(users[1].ID))
	run := b.applyNewEvents(t)
	requireNothingChanged(t, b, run, workos.DirectoryUnlinked, before)

	_, err = b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{State: "linked"})
	require.NoError(t, err)
	u.CustomAttributes["job_title"] = "Renamed again"
	b.put(t, u)
	run = b.applyNewEvents(t)
	require.Equal(t, db.RunSucceeded, run.Status, "error: %v", run.Error)
	require.Equal(t, 11, run.Fetched, "a full pull, not just the batch")
	require.Equal(t, 1, run.Updated)
	require.Equal(t, 1, run.Deactivated, "the user removed while unlinked")
	require.Equal(t, "linked", *b.connection(t).State)
	t.Logf("linked again: run %s %s fetched=%d updated=%d deactivated=%d", run.Trigger, run.Status, run.Fetched, run.Updated, run.Deactivated)
}

// TestStateVocabularies: both WorkOS vocabularies are accepted and stored as one.
func TestStateVocabularies(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"active": "linked", "Linked": "linked", "inactive": "unlinked",
		"unlinked": "unlinked", "invalid_credentials": "invalid_credentials", " validating ": "validating", "deleting": "deleting"} {
		require.Equal(t, want, workos.NormalizeDirectoryState(in), in)
		require.Equal(t, want == "linked", workos.DirectoryUsable(in), in)
	}
	b := setup(t, opts{users: 2})
	_, err := b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{State: "active"})
	require.NoError(t, err)
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, "linked", *b.connection(t).State)
	_, err = b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{State: "inactive"})
	require.NoError(t, err)
	run := b.sync(t, engine.RunOptions{}, db.RunFailed)
	require.True(t, strings.Contains(*run.Error, "unlinked"), *run.Error)
}
