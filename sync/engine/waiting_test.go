package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
)

// TestSyncNowWaitsBehindActiveRun: Sync now during another trigger's run is not handed that
// run: it waits as one MANUAL full run (asked again, the same one), which starts when the
// active run ends and runs in full; a dry run meanwhile is refused; dry and waiting runs
// are not the company's last sync.
func TestSyncNowWaitsBehindActiveRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 300})
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{Latency: emulator.Duration(150 * time.Millisecond)}))
	active, err := b.svc.StartRun(ctx, b.company, engine.RunOptions{Trigger: db.TriggerSchedule})
	require.NoError(t, err)
	require.Equal(t, db.RunQueued, active.Status)

	waiting, err := b.svc.StartRun(ctx, b.company, engine.RunOptions{StartedBy: b.admin})
	require.NoError(t, err)
	require.NotEqual(t, active.ID, waiting.ID, "the active run is not handed back as the admin's")
	require.Equal(t, db.RunWaiting, waiting.Status)
	require.Equal(t, db.TriggerManual, waiting.Trigger)
	require.False(t, waiting.DryRun)
	require.Equal(t, b.admin, *waiting.StartedBy)
	again, err := b.svc.StartRun(ctx, b.company, engine.RunOptions{StartedBy: b.admin})
	require.NoError(t, err)
	require.Equal(t, waiting.ID, again.ID, "only one run waits per company")
	_, err = b.svc.StartRun(ctx, b.company, engine.RunOptions{DryRun: true, StartedBy: b.admin})
	require.ErrorIs(t, err, engine.ErrRunInProgress)
	last, err := db.LastSyncRun(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Equal(t, active.ID, last.ID, "a waiting run has not run yet")

	first := waitRun(t, b, active.ID)
	require.Equal(t, db.RunSucceeded, first.Status)
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{}))
	var second *db.SyncRun
	require.Eventually(t, func() bool {
		second, err = db.GetSyncRun(ctx, b.db, b.company, waiting.ID)
		require.NoError(t, err)
		return second.Status != db.RunWaiting && !second.Active()
	}, 30*time.Second, 20*time.Millisecond)
	require.Equal(t, db.RunSucceeded, second.Status, "error: %v", second.Error)
	require.Equal(t, 300, second.Fetched, "a full run")
	require.Equal(t, b.svc.Instance(), *second.ClaimedBy)
	require.True(t, !second.StartedAt.Before(*first.FinishedAt), "it starts after the active run")

	dry, err := b.svc.RunNow(ctx, b.company, engine.RunOptions{DryRun: true})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, dry.Status)
	last, err = db.LastSyncRun(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Equal(t, waiting.ID, last.ID, "a dry run is not the last sync")

	// With the company free, Sync now starts at once and nothing waits.
	now, err := b.svc.StartRun(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunQueued, now.Status)
	require.Equal(t, db.RunSucceeded, waitRun(t, b, now.ID).Status)
}
