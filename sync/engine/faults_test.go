package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// mirror is every directory_users row as text.
func mirror(t testing.TB, b *bundle) []string {
	t.Helper()
	var rows []string
	require.NoError(t, b.db.NewRaw("SELECT d::text FROM directory_users d ORDER BY id").Scan(context.Background(), &rows))
	return rows
}

// TestUpstreamFailures: a pull that cannot read every page fails the run and changes
// neither users nor the mirror.
func TestUpstreamFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		faults emulator.Faults
	}{
		{"429 storm", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{429}}},
		{"5xx", emulator.Faults{ErrorRate: 1}},
		{"timeout", emulator.Faults{Hang: true}},
		{"truncated body", emulator.Faults{Truncate: true}},
		{"fail at page 2", emulator.Faults{FailAtPage: 2, FailAtPageMode: emulator.FailAlways}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, opts{users: 250, client: func(c *workos.Config) { c.RequestTimeout = 200 * time.Millisecond }})
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			// Change the directory so that a successful run would change users.
			us, err := b.emu.Users(b.dir.ID)
			require.NoError(t, err)
			require.NoError(t, b.emu.RemoveUser(us[0].ID))
			us[1].FirstName = "Changed"
			b.put(t, us[1])
			b.put(t, emulator.User{Email: "new@acme.test", FirstName: "New"})
			before, mirrorBefore := snapshot(t, b.db), mirror(t, b)

			require.NoError(t, b.emu.SetFaults(b.dir.ID, tc.faults))
			run, err := b.svc.RunNow(context.Background(), b.company, engine.RunOptions{})
			require.NoError(t, err)
			require.Equal(t, db.RunFailed, run.Status)
			require.Contains(t, *run.Error, "Nothing was changed.")
			for _, raw := range rawClientText {
				require.NotContains(t, *run.Error, raw)
			}
			require.Equal(t, before, snapshot(t, b.db))
			require.Equal(t, mirrorBefore, mirror(t, b))
			stored, err := db.GetSyncRun(context.Background(), b.db, b.company, run.ID)
			require.NoError(t, err)
			require.Equal(t, db.RunFailed, stored.Status)
			conn, err := db.GetDirectoryConnection(context.Background(), b.db, b.company)
			require.NoError(t, err)
			require.Equal(t, 1, conn.ConsecutiveFailures)

			// Once WorkOS recovers, the next run applies the changes.
			require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{}))
			run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			require.Equal(t, 1, run.Created)
			require.Equal(t, 1, run.Updated)
			require.Equal(t, 1, run.Deactivated)
		})
	}
}

// TestTransientFailureRecovers: a page failing once is retried and the run succeeds.
func TestTransientFailureRecovers(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 250})
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{FailAtPage: 2, FailAtPageMode: emulator.FailOnce}))
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 250, run.Created)
	require.Positive(t, b.sleeps.Load())
}

// TestStagingFailureFailsTheRun: when the run's PostgreSQL session is lost after earlier
// batches were COPYed into staging, the run fails and changes nothing.
func TestStagingFailureFailsTheRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 2150})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all { // every user changes: the next pull stages them all
		u.JobTitle += " II" // top-level job_title is null since 2026-04-15: change the custom attribute too
		u.CustomAttributes["job_title"] = u.JobTitle
		b.put(t, u)
	}
	// 22 pages at 40ms each: time to see the first COPY and end the session.
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{Latency: emulator.Duration(40 * time.Millisecond)}))
	mirrorBefore := mirror(t, b)
	before := snapshot(t, b.db)

	killed := make(chan bool, 1)
	go func() {
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			var n int
			err := b.db.NewRaw(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'copy%dirsync_pull%'`).Scan(ctx, &n)
			if err == nil && n > 0 {
				killed <- true
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		killed <- false
	}()
	run, err := b.svc.RunNow(ctx, b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.True(t, <-killed, "the run's COPY was never seen")
	require.Equal(t, db.RunFailed, run.Status)
	require.Equal(t, before, snapshot(t, b.db))
	require.Equal(t, mirrorBefore, mirror(t, b))
}
