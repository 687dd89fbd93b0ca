package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// applyNewEvents applies the organization's events after the test's cursor as one EVENTS
// batch, as the inbox applier does, and returns the finished run.
func (b *bundle) applyNewEvents(t testing.TB) *db.SyncRun {
	t.Helper()
	ctx := context.Background()
	conn := b.connection(t)
	evs, next, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: conn.OrganizationID, After: b.cursor})
	require.NoError(t, err)
	require.NotEmpty(t, evs, "no new events")
	run, err := b.svc.ApplyEvents(ctx, b.company, engine.EventBatch{Events: evs})
	require.NoError(t, err)
	b.cursor = next
	return run
}

// skipEvents moves the test's cursor past every event so far.
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
	b.cursor = after
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

// copyPeople creates the directory's users again in dir (same emails, names, attributes;
// the same idp ids when keepIdp), as an IT admin's new directory serves the same people.
func copyPeople(t *testing.T, b *bundle, dirID string, people []emulator.User, keepIdp bool) {
	t.Helper()
	for _, u := range people {
		n := emulator.User{Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, JobTitle: u.JobTitle,
			CustomAttributes: u.CustomAttributes}
		if keepIdp {
			n.IdpID = u.IdpID
		}
		_, err := b.emu.PutUser(dirID, n)
		require.NoError(t, err)
	}
}

// userIDs maps the company's users' emails to their row ids.
func userIDs(t *testing.T, b *bundle) map[string]string {
	t.Helper()
	out := map[string]string{}
	for email, u := range b.users(t) {
		out[email] = u.ID
	}
	return out
}

// TestDirectoryReplaced: the IT admin deletes the directory and connects a new one to the
// same organization. Its dsync.activated links it (id, type, name, state); the run pulls it
// into the mirror only; the next run matches the people by idp id (same provider type) or
// email and keeps their rows; only the one who is not in the new directory is inactivated.
func TestDirectoryReplaced(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 10})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.skipEvents(t)
	ids := userIDs(t, b)
	people, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	require.NoError(t, b.emu.DeleteDirectory(b.dir.ID))
	run := b.applyNewEvents(t)
	requireNothingChanged(t, b, run, workos.DirectoryDeleted, snapshot(t, b.db))

	next, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.dir.OrganizationID, Type: "okta scim v2.0", Name: "Acme Okta 2"})
	require.NoError(t, err)
	moved := people[0]
	moved.Email = "renamed." + moved.Email // same person (idp id), new email
	copyPeople(t, b, next.ID, append([]emulator.User{moved}, people[1:9]...), true)
	before := snapshot(t, b.db)
	run = b.applyNewEvents(t)
	require.Equal(t, db.RunSucceeded, run.Status, "error: %v", run.Error)
	require.Equal(t, 9, run.Fetched, "the new directory was pulled")
	require.Zero(t, run.Created+run.Updated+run.Deactivated+run.Reactivated, "the first pull changes no user")
	require.Equal(t, before, snapshot(t, b.db))
	t.Logf("replaced, first pull: run %s %s fetched=%d created=%d updated=%d deactivated=%d", run.Trigger, run.Status, run.Fetched, run.Created, run.Updated, run.Deactivated)
	conn := b.connection(t)
	require.Equal(t, next.ID, *conn.DirectoryID)
	require.Equal(t, "okta scim v2.0", *conn.Provider)
	require.Equal(t, "Acme Okta 2", *conn.Name)
	require.Equal(t, "linked", *conn.State)
	require.False(t, conn.MirrorPending)
	var mirrored int64
	mirrored, err = b.db.NewSelect().Table("directory_users").Where("company_id = ? AND directory_id = ?", b.company, next.ID).Count(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 9, mirrored)

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Zero(t, run.Created, "nobody is created twice")
	require.Equal(t, 9, run.Updated, "the 9 people are linked to the new directory")
	require.Equal(t, 1, run.Deactivated, "the one not in the new directory")
	t.Logf("replaced, next run: run %s %s fetched=%d created=%d updated=%d deactivated=%d", run.Trigger, run.Status, run.Fetched, run.Created, run.Updated, run.Deactivated)
	after := b.users(t)
	require.Equal(t, ids[people[0].Email], after[moved.Email].ID, "matched by idp id: same row, new email")
	for _, p := range people[1:9] {
		require.Equal(t, ids[p.Email], after[p.Email].ID, p.Email)
		require.Equal(t, db.StatusActive, after[p.Email].Status)
	}
	require.Equal(t, db.StatusInactive, after[people[9].Email].Status)
}

// TestReplacedByOtherProvider: idp ids match only within one provider type: a new Entra
// directory whose user has an old Okta user's idp id but another email does not take over
// that user's row.
func TestReplacedByOtherProvider(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 4})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.skipEvents(t)
	ids := userIDs(t, b)
	people, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	require.NoError(t, b.emu.DeleteDirectory(b.dir.ID))
	next, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.dir.OrganizationID, Type: "azure scim v2.0"})
	require.NoError(t, err)
	copyPeople(t, b, next.ID, people[:3], false)
	stranger := emulator.User{IdpID: people[3].IdpID, Email: "stranger@acme.test", FirstName: "Sam", LastName: "Stranger"}
	_, err = b.emu.PutUser(next.ID, stranger)
	require.NoError(t, err)
	run := b.applyNewEvents(t) // dsync.deleted, then dsync.activated of the new directory
	require.Equal(t, db.RunSucceeded, run.Status, "error: %v", run.Error)
	require.Equal(t, "azure scim v2.0", *b.connection(t).Provider)

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Created, "the stranger is a new user")
	require.Equal(t, 3, run.Updated)
	require.Equal(t, 1, run.Deactivated)
	after := b.users(t)
	require.Equal(t, ids[people[3].Email], after[people[3].Email].ID)
	require.Equal(t, db.StatusInactive, after[people[3].Email].Status, "not taken over through the Okta idp id")
	require.NotEqual(t, ids[people[3].Email], after[stranger.Email].ID)
	for _, p := range people[:3] {
		require.Equal(t, ids[p.Email], after[p.Email].ID, "matched by email")
		var provider string
		require.NoError(t, b.db.NewRaw("SELECT idp_provider FROM users WHERE id = ?", after[p.Email].ID).Scan(context.Background(), &provider))
		require.Equal(t, "azure scim v2.0", provider, "the new idp id is stamped with its provider type")
	}
}

// TestSecondDirectoryListed: another directory activated in the organization while the
// connected one is linked is listed on the connection and never synced; deleting it drops
// it from the list.
func TestSecondDirectoryListed(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 3})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.skipEvents(t)
	before := snapshot(t, b.db)
	second, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.dir.OrganizationID, Type: "generic scim v2.0", Name: "HR"})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(second.ID, 5, 99))
	run := b.applyNewEvents(t)
	require.Equal(t, db.RunSucceeded, run.Status, "error: %v", run.Error)
	require.Zero(t, run.Created+run.Updated+run.Deactivated)
	require.Equal(t, before, snapshot(t, b.db), "the second directory's users are not synced")
	t.Logf("second directory: run %s %s fetched=%d created=%d updated=%d deactivated=%d", run.Trigger, run.Status, run.Fetched, run.Created, run.Updated, run.Deactivated)
	conn := b.connection(t)
	require.Equal(t, b.dir.ID, *conn.DirectoryID)
	require.Equal(t, []db.OtherDirectory{{ID: second.ID, Provider: "generic scim v2.0", Name: "HR", State: "linked"}}, conn.OtherDirectories)

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 3, run.Fetched, "a full run pulls only the connected directory")
	require.NoError(t, b.emu.DeleteDirectory(second.ID))
	run = b.applyNewEvents(t)
	require.Equal(t, db.RunSucceeded, run.Status)
	require.Empty(t, b.connection(t).OtherDirectories)
	require.Equal(t, before, snapshot(t, b.db))
}
