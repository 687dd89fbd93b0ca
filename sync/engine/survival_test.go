package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// stuckDirectory stands in for a process that dies in the middle of a pull: its pull
// blocks, without progress, until the run's context ends.
type stuckDirectory struct{ entered chan struct{} }

func (d *stuckDirectory) EachDirectoryUser(ctx context.Context, _ string, _ func([]workos.DirectoryUser) error) (workos.FetchStats, error) {
	close(d.entered)
	<-ctx.Done()
	return workos.FetchStats{}, ctx.Err()
}

// EachDirectoryGroup and EachGroupMemberID are never reached: the pull of users blocks.
func (d *stuckDirectory) EachDirectoryGroup(ctx context.Context, _ string, _ func([]workos.DirectoryGroup) error) (workos.FetchStats, error) {
	return workos.FetchStats{}, ctx.Err()
}

func (d *stuckDirectory) EachGroupMemberID(ctx context.Context, _, _ string, _ func([]string) error) (workos.FetchStats, error) {
	return workos.FetchStats{}, ctx.Err()
}

// replica is another process on the bundle's database: a started Service whose heartbeat
// ticker is a fake clock the test never advances, so it beats only when Start registers it.
func (b *bundle) replica(t *testing.T, dir engine.Directory, name string) *engine.Service {
	t.Helper()
	if dir == nil {
		dir = b.client
	}
	svc, err := engine.New(engine.Config{DB: b.db, Directory: dir, InstanceName: name, Ticker: clockwork.NewFakeClock()})
	require.NoError(t, err)
	require.NoError(t, svc.Start(context.Background()))
	t.Cleanup(func() { stop(svc) })
	return svc
}

// stop closes svc with a short grace period: a stuck run is interrupted.
func stop(svc *engine.Service) error {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	return svc.Close(ctx)
}

// stuckRun starts a run on a replica whose pull never ends and returns it RUNNING.
func (b *bundle) stuckRun(t *testing.T, name string) (*engine.Service, *db.SyncRun) {
	t.Helper()
	dir := &stuckDirectory{entered: make(chan struct{})}
	svc := b.replica(t, dir, name)
	run, err := svc.StartRun(context.Background(), b.company, engine.RunOptions{})
	require.NoError(t, err)
	<-dir.entered
	stored, err := db.GetSyncRun(context.Background(), b.db, b.company, run.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunRunning, stored.Status)
	require.Equal(t, svc.Instance(), *stored.ClaimedBy)
	return svc, stored
}

// silence makes the process's last heartbeat `ago` old, as if it died then (heartbeat
// times are PostgreSQL's clock, so the test moves the row rather than a clock).
func (b *bundle) silence(t *testing.T, svc *engine.Service, ago time.Duration) {
	t.Helper()
	_, err := b.db.NewRaw("UPDATE dirsync_processes SET heartbeat_at = now() - make_interval(secs => ?) WHERE id = ?",
		ago.Seconds(), svc.Instance()).Exec(context.Background())
	require.NoError(t, err)
}

// runStatus is the stored status and error of a run.
func (b *bundle) runStatus(t *testing.T, id string) (string, string) {
	t.Helper()
	run, err := db.GetSyncRun(context.Background(), b.db, b.company, id)
	require.NoError(t, err)
	return run.Status, deref(run.Error)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestRunOfSilentProcessIsFailed: a run whose process stopped beating for the holder
// timeout (30s) is failed as abandoned by another replica's heartbeat, long before its
// 5-minute lease, and runDirectorySync (StartRun) starts a new run instead of handing it
// back; a process that still beats keeps its run, even past its lease.
func TestRunOfSilentProcessIsFailed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 3})
	dead, run := b.stuckRun(t, "")
	other := b.replica(t, nil, "")

	b.silence(t, dead, 25*time.Second)
	require.NoError(t, other.Beat(ctx))
	status, _ := b.runStatus(t, run.ID)
	require.Equal(t, db.RunRunning, status, "25s without a heartbeat is within the holder timeout")
	again, err := other.StartRun(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, run.ID, again.ID, "a live holder's run is handed back")

	b.silence(t, dead, 31*time.Second)
	require.NoError(t, other.Beat(ctx))
	status, msg := b.runStatus(t, run.ID)
	require.Equal(t, db.RunFailed, status)
	require.Equal(t, db.AbandonedRunError, msg)

	next, err := other.RunNow(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.NotEqual(t, run.ID, next.ID)
	require.Equal(t, db.RunSucceeded, next.Status, "error: %s", deref(next.Error))
	require.Equal(t, 3, next.Created)

	// The silent process wakes up (its run is interrupted): it records nothing over the run it lost.
	require.Error(t, stop(dead), "the stuck run was interrupted")
	status, msg = b.runStatus(t, run.ID)
	require.Equal(t, db.RunFailed, status)
	require.Equal(t, db.AbandonedRunError, msg)
}

// TestRunOfSilentProcessFailedOnRequest: without any heartbeat tick, queueing a run for the
// company fails the gone holder's run and starts the requested one.
func TestRunOfSilentProcessFailedOnRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 2})
	dead, run := b.stuckRun(t, "")
	b.silence(t, dead, time.Minute)
	next, err := b.svc.RunNow(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.NotEqual(t, run.ID, next.ID)
	require.Equal(t, db.RunSucceeded, next.Status, "error: %s", deref(next.Error))
	status, msg := b.runStatus(t, run.ID)
	require.Equal(t, db.RunFailed, status)
	require.Equal(t, db.AbandonedRunError, msg)
}

// TestRestartTakesOverItsRuns: a replica restarting under the same instance name takes
// over at start the run its earlier process held, without waiting for the holder timeout;
// a replica of another name does not touch it.
func TestRestartTakesOverItsRuns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 2})
	_, run := b.stuckRun(t, "replica-a")
	b.replica(t, nil, "replica-b")
	status, _ := b.runStatus(t, run.ID)
	require.Equal(t, db.RunRunning, status)

	restarted := b.replica(t, nil, "replica-a")
	status, msg := b.runStatus(t, run.ID)
	require.Equal(t, db.RunFailed, status)
	require.Equal(t, db.AbandonedRunError, msg)
	next, err := restarted.RunNow(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, next.Status, "error: %s", deref(next.Error))

	live, err := db.LiveProcesses(ctx, b.db, 30*time.Second)
	require.NoError(t, err)
	ids := make([]string, 0, len(live))
	for _, p := range live {
		ids = append(ids, p.ID)
	}
	require.Contains(t, ids, restarted.Instance())
	require.Len(t, ids, 2, "replica-b and the restarted replica-a: the earlier replica-a is stopped")
}

// TestCleanShutdownStopsTheProcess: Close marks the process stopped, so LiveProcesses no
// longer counts it.
func TestCleanShutdownStopsTheProcess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	svc := b.replica(t, nil, "")
	live, err := db.LiveProcesses(ctx, b.db, 30*time.Second)
	require.NoError(t, err)
	require.Len(t, live, 1)
	require.NoError(t, svc.Close(ctx))
	live, err = db.LiveProcesses(ctx, b.db, 30*time.Second)
	require.NoError(t, err)
	require.Empty(t, live)
}

// TestHeartbeatLoop: a started Service beats every HolderTimeout/6 of its ticker (here a
// fake clock), and each beat fails the runs of processes that stopped beating.
func TestHeartbeatLoop(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b := setup(t, opts{users: 1})
	dead, run := b.stuckRun(t, "")
	ticker := clockwork.NewFakeClock()
	svc, err := engine.New(engine.Config{DB: b.db, Directory: b.client, Ticker: ticker})
	require.NoError(t, err)
	require.NoError(t, svc.Start(ctx))
	t.Cleanup(func() { _ = stop(svc) })
	b.silence(t, svc, time.Minute)
	b.silence(t, dead, time.Minute)

	require.NoError(t, ticker.BlockUntilContext(ctx, 1))
	ticker.Advance(5 * time.Second) // one heartbeat interval of the default 30s holder timeout
	var fresh bool
	for !fresh && ctx.Err() == nil {
		require.NoError(t, b.db.NewRaw("SELECT heartbeat_at > now() - interval '30 seconds' FROM dirsync_processes WHERE id = ?",
			svc.Instance()).Scan(ctx, &fresh))
		if !fresh {
			time.Sleep(10 * time.Millisecond)
		}
	}
	require.True(t, fresh, "the tick wrote a heartbeat")
	status := db.RunRunning
	for status == db.RunRunning && ctx.Err() == nil {
		status, _ = b.runStatus(t, run.ID)
		time.Sleep(10 * time.Millisecond)
	}
	require.Equal(t, db.RunFailed, status, "the tick's sweep failed the silent process's run")
}
