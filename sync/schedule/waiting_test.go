package schedule_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
)

// TestWaitingRunOutlivesDeadReplica: a Sync now waits behind a run on a replica that then
// dies; once the dead replica's heartbeat is stale, the other replica's heartbeat fails the
// dead run and its next scheduler tick starts the waiting run, which runs in full there.
func TestWaitingRunOutlivesDeadReplica(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b := setup(t)
	c := b.company(t, "23:00", "UTC", 3) // no daily slot is due during the test
	hang := &hangingDirectory{inner: b.client, entered: make(chan struct{}), release: make(chan struct{})}
	dead := b.replica(t, replicaOpts{dir: hang, beats: true})
	var once sync.Once
	wake := func() { once.Do(func() { close(hang.release) }) }
	t.Cleanup(wake)
	busy, err := dead.svc.StartRun(ctx, c.id, engine.RunOptions{Trigger: db.TriggerSchedule})
	require.NoError(t, err)
	<-hang.entered

	alive := b.replica(t, replicaOpts{beats: true})
	waiting, err := alive.svc.StartRun(ctx, c.id, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunWaiting, waiting.Status)
	_, err = b.db.NewRaw("UPDATE dirsync_processes SET heartbeat_at = now() - interval '31 seconds' WHERE id = ?",
		dead.svc.Instance()).Exec(ctx)
	require.NoError(t, err)
	require.NoError(t, alive.svc.Beat(ctx))
	failed, err := db.GetSyncRun(ctx, b.db, c.id, busy.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunFailed, failed.Status)
	still, err := db.GetSyncRun(ctx, b.db, c.id, waiting.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunWaiting, still.Status, "nothing in this process ran the dead run, so nothing started the waiting one")

	alive.sched.Start()
	b.step(t, time.Hour, 1, 1) // the alive replica's tick sweeps waiting runs
	runs := b.runs(t, c.id, db.TriggerManual)
	require.Len(t, runs, 1)
	require.Equal(t, waiting.ID, runs[0].ID)
	require.Equal(t, db.RunSucceeded, runs[0].Status, "error: %s", deref(runs[0].Error))
	require.Equal(t, 3, runs[0].Created)
	require.Equal(t, alive.svc.Instance(), deref(runs[0].ClaimedBy))

	wake()
	dead.stop(t)
	got, err := db.GetSyncRun(ctx, b.db, c.id, waiting.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, got.Status)
}
