package engine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
)

func TestLifecycle(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{flow: emulator.CustomFlow})
	ada := b.put(t, emulator.User{Email: "Ada@Acme.test", FirstName: "Ada", LastName: "Lovelace", JobTitle: "Engineer",
		CustomAttributes: map[string]any{"department_name": "Engineering", "division_name": "R&D", "job_title": "Engineer"}})
	bob := b.put(t, emulator.User{Email: "bob@acme.test", FirstName: "Bob", LastName: "Byte",
		CustomAttributes: map[string]any{"department_name": "Sales"}})

	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Created)
	require.Equal(t, 2, run.Fetched)
	us := b.users(t)
	require.Equal(t, "Engineering", *us["ada@acme.test"].Department)
	require.Equal(t, "R&D", *us["ada@acme.test"].Division)
	require.Equal(t, db.SourceDirectory, us["ada@acme.test"].Source)
	require.Equal(t, ada.ID, *us["ada@acme.test"].DirectoryUserID)

	// Update, then inactivate under the custom flow, then reactivate the same row.
	ada.CustomAttributes["department_name"] = "Research"
	b.put(t, ada)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated)
	require.Equal(t, 1, run.Unchanged)
	require.Equal(t, "Research", *b.users(t)["ada@acme.test"].Department)

	_, err := b.emu.SetUserState(bob.ID, emulator.StateInactive)
	require.NoError(t, err)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Deactivated)
	bobRow := b.users(t)["bob@acme.test"]
	require.Equal(t, db.StatusInactive, bobRow.Status)
	require.NotNil(t, bobRow.DeactivatedAt)

	_, err = b.emu.SetUserState(bob.ID, emulator.StateActive)
	require.NoError(t, err)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Reactivated)
	again := b.users(t)["bob@acme.test"]
	require.Equal(t, bobRow.ID, again.ID)
	require.Equal(t, db.StatusActive, again.Status)
	require.Nil(t, again.DeactivatedAt)

	// Runs list newest first, page by page.
	ctx := context.Background()
	page, err := db.ListSyncRuns(ctx, b.db, b.company, 3, "")
	require.NoError(t, err)
	require.Len(t, page.Runs, 3)
	require.True(t, page.HasNextPage)
	require.Equal(t, run.ID, page.Runs[0].ID)
	rest, err := db.ListSyncRuns(ctx, b.db, b.company, 3, page.EndCursor)
	require.NoError(t, err)
	require.Len(t, rest.Runs, 1)
	require.False(t, rest.HasNextPage)
	last, err := db.LastSyncRun(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Equal(t, run.ID, last.ID)
	_, err = db.ListSyncRuns(ctx, b.db, b.company, 3, "not a cursor")
	require.ErrorIs(t, err, db.ErrInvalidCursor)
}
