package schedule_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// hangingDirectory stands in for a replica that dies mid-run: its pull blocks until
// released, without progress (so its lease is not renewed).
type hangingDirectory struct {
	inner   *workos.Client
	entered chan struct{}
	release chan struct{}
}

func (h *hangingDirectory) EachDirectoryUser(ctx context.Context, dirID string, fn func([]workos.DirectoryUser) error) (workos.FetchStats, error) {
	close(h.entered)
	select {
	case <-h.release:
	case <-ctx.Done():
		return workos.FetchStats{}, ctx.Err()
	}
	return h.inner.EachDirectoryUser(ctx, dirID, fn)
}

func (h *hangingDirectory) EachDirectoryGroup(ctx context.Context, dirID string, fn func([]workos.DirectoryGroup) error) (workos.FetchStats, error) {
	return h.inner.EachDirectoryGroup(ctx, dirID, fn)
}

func (h *hangingDirectory) EachGroupMemberID(ctx context.Context, dirID, groupID string, fn func([]string) error) (workos.FetchStats, error) {
	return h.inner.EachGroupMemberID(ctx, dirID, groupID, fn)
}

// TestDeadReplicaRecovered: a replica stops in the middle of the daily run; after its lease
// passes another replica takes the same run over and finishes it, and when the first one
// wakes up it can no longer record anything. The slot keeps exactly one run.
func TestDeadReplicaRecovered(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.company(t, "01:00", "UTC", 3)
	hang := &hangingDirectory{inner: b.client, entered: make(chan struct{}), release: make(chan struct{})}
	dead := b.replica(t, replicaOpts{dir: hang})
	var once sync.Once
	wake := func() { once.Do(func() { close(hang.release) }) }
	t.Cleanup(wake)
	dead.sched.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, b.clock.BlockUntilContext(ctx, 1))
	b.clock.Advance(time.Hour) // 01:00: the slot is due; the dead replica claims it and hangs
	<-hang.entered
	runs := b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunRunning, runs[0].Status)

	alive := b.replica(t, replicaOpts{})
	alive.sched.Start()
	require.NoError(t, b.clock.BlockUntilContext(ctx, 2))
	b.clock.Advance(time.Hour) // 02:00: the lease (5m) has passed
	b.waitJob(t, "")           // the alive replica's tick and the dead one's (skipped: still busy)
	b.waitJob(t, "")
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1, "the slot is re-run, not claimed twice")
	require.Equal(t, db.RunSucceeded, runs[0].Status, "error: %s", deref(runs[0].Error))
	require.Equal(t, 3, runs[0].Created)
	taken := runs[0]

	wake() // the dead replica wakes up: its run was taken over
	dead.stop(t)
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, taken.ClaimedBy, runs[0].ClaimedBy)
	require.Equal(t, db.RunSucceeded, runs[0].Status)
	var users int
	require.NoError(t, b.db.NewSelect().Model((*db.User)(nil)).Where("company_id = ?", c.id).ColumnExpr("count(*)").Scan(ctx, &users))
	require.Equal(t, 4, users, "three directory users and the admin, once")
}

// TestShutdownInterruptedRunIsRerun: a replica shutting down while the daily run is still
// going (grace period over) marks it interrupted; another replica re-runs the slot.
func TestShutdownInterruptedRunIsRerun(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.company(t, "01:00", "UTC", 2)
	hang := &hangingDirectory{inner: b.client, entered: make(chan struct{}), release: make(chan struct{})}
	leaving := b.replica(t, replicaOpts{dir: hang})
	t.Cleanup(func() { close(hang.release) })
	leaving.sched.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, b.clock.BlockUntilContext(ctx, 1))
	b.clock.Advance(time.Hour)
	<-hang.entered
	leaving.sched.Stop()
	short, cancelShort := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancelShort()
	require.Error(t, leaving.svc.Close(short), "the run did not finish within the grace period")
	require.NoError(t, leaving.sched.Shutdown())
	b.waitJob(t, "") // the interrupted tick ended
	runs := b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunFailed, runs[0].Status)
	conn, err := db.GetDirectoryConnection(ctx, b.db, c.id)
	require.NoError(t, err)
	require.Zero(t, conn.ConsecutiveFailures, "a shutdown is not a failure of the directory")

	other := b.replica(t, replicaOpts{})
	other.sched.Start()
	require.NoError(t, b.clock.BlockUntilContext(ctx, 1))
	b.clock.Advance(time.Hour)
	b.waitJob(t, "")
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunSucceeded, runs[0].Status, "error: %s", deref(runs[0].Error))
	require.Equal(t, 2, runs[0].Created)
}

// TestSilentReplicaRunRecovered: a replica stops beating in the middle of the daily run
// (its process froze or died); once its heartbeat is older than the holder timeout (30s),
// the other replica's heartbeat fails the run at once, not after its 5-minute lease, and
// that replica's next daily tick re-runs the slot. The slot keeps exactly one run.
func TestSilentReplicaRunRecovered(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b := setup(t)
	c := b.company(t, "01:00", "UTC", 3)
	hang := &hangingDirectory{inner: b.client, entered: make(chan struct{}), release: make(chan struct{})}
	dead := b.replica(t, replicaOpts{dir: hang, beats: true})
	var once sync.Once
	wake := func() { once.Do(func() { close(hang.release) }) }
	t.Cleanup(wake)
	dead.sched.Start()
	require.NoError(t, b.clock.BlockUntilContext(ctx, 1))
	b.clock.Advance(time.Hour) // 01:00: the dead replica claims the slot and hangs
	<-hang.entered
	runs := b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunRunning, runs[0].Status)

	alive := b.replica(t, replicaOpts{beats: true})
	_, err := b.db.NewRaw("UPDATE dirsync_processes SET heartbeat_at = now() - interval '31 seconds' WHERE id = ?",
		dead.svc.Instance()).Exec(ctx)
	require.NoError(t, err)
	require.NoError(t, alive.svc.Beat(ctx))
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Equal(t, db.RunFailed, runs[0].Status, "failed at 01:00 on the fake clock, its lease runs to 01:05")
	require.Equal(t, db.AbandonedRunError, deref(runs[0].Error))
	require.True(t, runs[0].FinishedAt.Before(runs[0].StartedAt.Add(time.Minute)))

	alive.sched.Start()
	b.step(t, time.Hour, 2, 2) // 02:00: the alive replica re-runs the slot; the dead one is still busy
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1, "the slot is re-run, not claimed twice")
	require.Equal(t, db.RunSucceeded, runs[0].Status, "error: %s", deref(runs[0].Error))
	require.Equal(t, 3, runs[0].Created)
	require.Equal(t, alive.svc.Instance(), deref(runs[0].ClaimedBy))

	wake()
	dead.stop(t)
	runs = b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunSucceeded, runs[0].Status, "the woken replica recorded nothing over the run")
}
