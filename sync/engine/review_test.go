package engine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
)

// TestGuard: removing 12 of 30 synced users (> 5% and > 10) holds the run for review;
// reject changes nothing, approve applies exactly the stored plan.
func TestGuard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 30})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all[:12] {
		require.NoError(t, b.emu.RemoveUser(u.ID))
	}
	before := snapshot(t, b.db)

	held := b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	require.Equal(t, 12, held.Deactivated)
	require.Len(t, held.Changes, 12)
	require.Equal(t, before, snapshot(t, b.db))
	rejected, err := b.svc.Reject(ctx, b.company, held.ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, db.RunRejected, rejected.Status)
	require.Equal(t, before, snapshot(t, b.db))
	_, err = b.svc.Approve(ctx, b.company, held.ID, b.admin)
	require.ErrorIs(t, err, engine.ErrRunNotReviewable)

	older := b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	// A user added after the review started is not part of the reviewed plan.
	b.put(t, emulator.User{Email: "late@acme.test"})
	newer := b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	_, err = b.svc.Approve(ctx, b.company, older.ID, b.admin)
	require.ErrorIs(t, err, engine.ErrRunNotReviewable, "superseded")
	older, err = db.GetSyncRun(ctx, b.db, b.company, older.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunSuperseded, older.Status, "only the newest held run asks for review")

	approved, err := b.svc.Approve(ctx, b.company, newer.ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, approved.Status, "error %v", approved.Error)
	require.Equal(t, 12, approved.Deactivated)
	require.Equal(t, 1, approved.Created)
	inactive := 0
	for _, u := range b.users(t) {
		if u.Status == db.StatusInactive {
			inactive++
		}
	}
	require.Equal(t, 12, inactive)
	_, err = b.svc.Approve(ctx, b.company, newer.ID, b.admin)
	require.ErrorIs(t, err, engine.ErrRunNotReviewable)
}

// TestDryRun reports the full plan and writes nothing but the run row.
func TestDryRun(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 20})
	users, mirrorRows := snapshot(t, b.db), mirror(t, b)
	run := b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded)
	require.True(t, run.DryRun)
	require.Equal(t, 20, run.Created)
	require.Len(t, run.Changes, 20)
	require.Equal(t, engine.ActionCreate, run.Changes[0].Action)
	require.NotEmpty(t, run.Changes[0].Fields)
	require.Equal(t, users, snapshot(t, b.db))
	require.Equal(t, mirrorRows, mirror(t, b))
}

// TestLastAdmin: the only active admin, linked to the directory, is never inactivated.
func TestLastAdmin(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	root := b.put(t, emulator.User{Email: "root@acme.test", FirstName: "Root"})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated, "the manual admin is linked")
	require.NoError(t, b.emu.RemoveUser(root.ID))
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Zero(t, run.Deactivated)
	require.Equal(t, engine.IssueLastAdmin, run.Issues[0].Kind)
	u := b.users(t)["root@acme.test"]
	require.Equal(t, db.StatusActive, u.Status)
	require.Equal(t, db.RoleCompanyAdmin, u.Role)
}
