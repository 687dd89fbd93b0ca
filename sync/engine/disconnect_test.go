package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
)

// TestConnectionDropMidApplyFailsTheRun: the run's PostgreSQL connection is terminated
// in the middle of the apply transaction, together with every idle connection of the pool
// (what a network cut or a failover does): the apply rolls back, the failure is recorded
// on a fresh connection (the run is FAILED, not RUNNING), nothing changed, and the next
// run applies the changes.
func TestConnectionDropMidApplyFailsTheRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 50})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all {
		u.JobTitle += " II"
		u.CustomAttributes["job_title"] = u.JobTitle
		b.put(t, u)
	}
	before := snapshot(t, b.db)

	// Lock the users table against writes, so that the apply's upsert waits where the test can see it.
	locker, err := b.db.Conn(ctx)
	require.NoError(t, err)
	defer locker.Close()
	tx, err := locker.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback() //nolint:errcheck // rolled back below; a second rollback is a no-op
	_, err = tx.ExecContext(ctx, "LOCK TABLE users IN SHARE MODE")
	require.NoError(t, err)
	var lockerPID int
	require.NoError(t, tx.NewRaw("SELECT pg_backend_pid()").Scan(ctx, &lockerPID))

	done := make(chan *db.SyncRun, 1)
	go func() {
		run, err := b.svc.RunNow(ctx, b.company, engine.RunOptions{})
		if err != nil {
			t.Error(err)
		}
		done <- run
	}()
	var blocked int
	deadline := time.Now().Add(30 * time.Second)
	for blocked == 0 && time.Now().Before(deadline) {
		err := b.db.NewRaw(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()
AND wait_event_type = 'Lock' AND query ILIKE '%dirsync_user_stage%'`).Scan(ctx, &blocked)
		if err != nil {
			time.Sleep(10 * time.Millisecond)
		}
	}
	require.NotZero(t, blocked, "the apply never waited on the locked row")
	var active db.SyncRun
	require.NoError(t, b.db.NewSelect().Model(&active).Where("company_id = ? AND status = ?", b.company, db.RunRunning).Scan(ctx))
	var killed int
	require.NoError(t, b.db.NewRaw(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), ?) AND (pid = ? OR state = 'idle')`, lockerPID, blocked).Scan(ctx, &killed))
	require.Positive(t, killed)
	require.NoError(t, tx.Rollback())

	var run *db.SyncRun
	select {
	case run = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the run did not end within 60s of its connection's end")
	}
	require.Equal(t, active.ID, run.ID)
	require.Equal(t, db.RunFailed, run.Status)
	stored, err := db.GetSyncRun(ctx, b.db, b.company, run.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunFailed, stored.Status, "the failure is recorded, not left RUNNING")
	require.Nil(t, stored.LeaseUntil)
	_, err = db.ActiveSyncRun(ctx, b.db, b.company)
	require.ErrorIs(t, err, db.ErrNotFound)
	require.Equal(t, before, snapshot(t, b.db), "the apply rolled back")
	t.Logf("killed %d backends; run %s: %s after %s (queued to finished, engine clock)", killed, run.ID, stored.Status,
		stored.FinishedAt.Sub(stored.QueuedAt).Round(time.Millisecond))

	// The pool may still hold idle connections the termination closed (each fails once when
	// used); drop them so the next run starts on live ones.
	b.db.SetMaxIdleConns(0)
	b.db.SetMaxIdleConns(10)
	next := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 50, next.Updated)
}
