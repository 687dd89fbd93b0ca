package engine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
)

func kinds(run *db.SyncRun) map[string][]string {
	out := map[string][]string{}
	for _, is := range run.Issues {
		out[is.Kind] = append(out[is.Kind], is.Email)
	}
	return out
}

// TestBadRecords: one bad record never blocks the rest.
func TestBadRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	_, err := db.CreateOffice(ctx, b.db, b.company, "Paris", nil)
	require.NoError(t, err)
	m := mapping.DefaultMapping()
	m.Office = "/custom_attributes/office_name"
	_, err = b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	// A manual user already linked to another active directory user.
	taken := b.put(t, emulator.User{Email: "taken@acme.test"})
	b.put(t, emulator.User{FirstName: "No", LastName: "Email"})
	b.put(t, emulator.User{Email: "twin@acme.test", FirstName: "One"})
	b.put(t, emulator.User{Email: "twin@acme.test", FirstName: "Two"})
	b.put(t, emulator.User{Email: "nowhere@acme.test", CustomAttributes: map[string]any{"office_name": "Atlantis"}})
	b.put(t, emulator.User{Email: "typed@acme.test", CustomAttributes: map[string]any{"department_name": map[string]any{"x": 1}}})
	b.put(t, emulator.User{Email: "fine@acme.test", FirstName: "Fine", CustomAttributes: map[string]any{"office_name": "paris"}})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	k := kinds(run)
	require.Len(t, k[engine.IssueMissingEmail], 1)
	require.Equal(t, []string{"twin@acme.test", "twin@acme.test"}, k[engine.IssueDuplicateEmail])
	require.Equal(t, []string{"nowhere@acme.test"}, k[engine.IssueUnmatchedOffice])
	require.Equal(t, []string{"typed@acme.test"}, k[mapping.ProblemWrongType])
	require.Equal(t, 3, run.Skipped)
	us := b.users(t)
	require.NotContains(t, us, "twin@acme.test")
	require.Nil(t, us["nowhere@acme.test"].OfficeID)
	require.Nil(t, us["typed@acme.test"].Department)
	require.NotNil(t, us["fine@acme.test"].OfficeID)

	// A second directory user with the email of a user linked to an active one is skipped.
	b.put(t, emulator.User{Email: "TAKEN@acme.test", IdpID: "other"})
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Contains(t, kinds(run)[engine.IssueDuplicateEmail], "taken@acme.test")
	require.Equal(t, taken.ID, *b.users(t)["taken@acme.test"].DirectoryUserID)
	// Records that did not change report their issues again.
	require.Equal(t, []string{"nowhere@acme.test"}, kinds(run)[engine.IssueUnmatchedOffice])
	require.Equal(t, []string{"typed@acme.test"}, kinds(run)[mapping.ProblemWrongType])
	require.Len(t, kinds(run)[engine.IssueMissingEmail], 1)
}

// TestLinkManualUser links an existing manual user by email and keeps its id and role.
func TestLinkManualUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	manual, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: b.company, Email: "ada@acme.test"})
	require.NoError(t, err)
	du := b.put(t, emulator.User{Email: "ada@acme.test", FirstName: "Ada", LastName: "Lovelace"})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated)
	require.Zero(t, run.Created)
	u := b.users(t)["ada@acme.test"]
	require.Equal(t, manual.ID, u.ID)
	require.Equal(t, db.SourceDirectory, u.Source)
	require.Equal(t, du.ID, *u.DirectoryUserID)
	require.Equal(t, "Ada", *u.FirstName)
	require.Equal(t, db.RoleMember, u.Role)
}

// TestInactivation covers removal, the secure flow (deleted), un-assignment and return.
func TestInactivation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{flow: emulator.SecureFlow})
	a := b.put(t, emulator.User{Email: "a@acme.test"})
	c := b.put(t, emulator.User{Email: "c@acme.test"})
	d := b.put(t, emulator.User{Email: "d@acme.test", IdpID: "idp-d"})
	for i := range 4 { // who stays: inactivating more than half of the users would be held
		b.put(t, emulator.User{Email: fmt.Sprintf("stays%d@acme.test", i)})
	}
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	first := b.users(t)

	require.NoError(t, b.emu.RemoveUser(a.ID))
	_, err := b.emu.SetUserState(c.ID, emulator.StateInactive) // secure flow: deleted
	require.NoError(t, err)
	_, err = b.svc.SetAssignment(ctx, b.company, []string{d.ID}, false)
	require.NoError(t, err)
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 3, run.Deactivated)
	for _, e := range []string{"a@acme.test", "c@acme.test", "d@acme.test"} {
		require.Equal(t, db.StatusInactive, b.users(t)[e].Status, e)
	}

	// Assigned again, and the removed user returns (same idp id): the same rows come back.
	_, err = b.svc.SetAssignment(ctx, b.company, []string{d.ID}, true)
	require.NoError(t, err)
	b.put(t, emulator.User{Email: "a@acme.test", IdpID: a.IdpID})
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Reactivated)
	require.Equal(t, first["a@acme.test"].ID, b.users(t)["a@acme.test"].ID)
	require.Equal(t, db.StatusActive, b.users(t)["d@acme.test"].Status)

	_, err = b.svc.SetAssignment(ctx, b.company, []string{d.ID, "directory_user_unknown"}, false)
	var nf *engine.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, []string{"directory_user_unknown"}, nf.IDs)
}

// TestEmailsMoveBetweenUsers: emails swapped between two directory users, and passed along
// a chain (c takes b's, b takes a's, a a new one), are applied in one run; the rows keep
// their ids.
func TestEmailsMoveBetweenUsers(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	x := b.put(t, emulator.User{Email: "x@acme.test", FirstName: "X"})
	y := b.put(t, emulator.User{Email: "y@acme.test", FirstName: "Y"})
	a := b.put(t, emulator.User{Email: "a@acme.test", FirstName: "A"})
	bb := b.put(t, emulator.User{Email: "b@acme.test", FirstName: "B"})
	c := b.put(t, emulator.User{Email: "c@acme.test", FirstName: "C"})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	before := b.users(t)

	x.Email, y.Email = y.Email, x.Email
	a.Email, bb.Email, c.Email = "a2@acme.test", "a@acme.test", "b@acme.test"
	for _, u := range []emulator.User{x, y, a, bb, c} {
		b.put(t, u)
	}
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 5, run.Updated)
	require.Empty(t, run.Issues)
	after := b.users(t)
	for email, name := range map[string]string{"y@acme.test": "X", "x@acme.test": "Y", "a2@acme.test": "A", "a@acme.test": "B", "b@acme.test": "C"} {
		require.Equal(t, name, *after[email].FirstName, email)
	}
	require.Equal(t, before["x@acme.test"].ID, after["y@acme.test"].ID)
	require.Equal(t, before["c@acme.test"].ID, after["b@acme.test"].ID)
	require.NotContains(t, after, "c@acme.test")
}

// TestNULInValues: NUL characters, which PostgreSQL text cannot hold, are dropped from a
// directory user's values instead of failing the run; the next run sees no change.
func TestNULInValues(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	b.put(t, emulator.User{Email: "nul@acme.test", FirstName: "A\x00da", LastName: "Love\x00lace",
		CustomAttributes: map[string]any{"department_name": "Engi\x00neering"}})
	b.put(t, emulator.User{Email: "fine@acme.test", FirstName: "Fine"})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Created)
	u := b.users(t)["nul@acme.test"]
	require.Equal(t, "Ada", *u.FirstName)
	require.Equal(t, "Lovelace", *u.LastName)
	require.Equal(t, "Engineering", *u.Department)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Unchanged)
}
