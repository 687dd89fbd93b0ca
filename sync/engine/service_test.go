package engine_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
	"github.com/officetogether/dirsync/sync/workos"
)

// userWrites returns the inserted+updated+deleted tuple counts of the users table once the
// statistics are stable (backends flush them within about a second of going idle).
func userWrites(t testing.TB, b *bundle) int64 {
	t.Helper()
	read := func() int64 {
		var n int64
		require.NoError(t, b.db.NewRaw(`SELECT pg_stat_clear_snapshot()`).Scan(context.Background(), new(string)))
		require.NoError(t, b.db.NewRaw(`SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname = 'users'`).
			Scan(context.Background(), &n))
		return n
	}
	last := read()
	for stable := time.Duration(0); stable < 1500*time.Millisecond; stable += 100 * time.Millisecond {
		time.Sleep(100 * time.Millisecond)
		if n := read(); n != last {
			last, stable = n, 0
		}
	}
	return last
}

// TestNoChangeWritesNothing: a second run without directory changes writes no user row.
func TestNoChangeWritesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 120})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	before := userWrites(t, b)
	users := snapshot(t, b.db)
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 120, run.Unchanged)
	require.Zero(t, run.Created+run.Updated+run.Deactivated+run.Reactivated)
	require.Equal(t, before, userWrites(t, b), "user rows written by a run without changes")
	require.Equal(t, users, snapshot(t, b.db), "last_synced_at moved")

	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all[:3] {
		u.FirstName += "x"
		b.put(t, u)
	}
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 3, run.Updated)
	require.Equal(t, before+3, userWrites(t, b))
}

// TestOtherCompanyUntouched: a run changes only its own company's rows.
func TestOtherCompanyUntouched(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 5})
	other, err := db.CreateCompany(ctx, b.db, "Other")
	require.NoError(t, err)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	// Same email and even a directory user id of this directory in another company.
	_, err = b.db.NewInsert().Model(&db.User{CompanyID: other.ID, Email: all[0].Email, Role: db.RoleMember, Status: db.StatusActive,
		Source: db.SourceDirectory, DirectoryUserID: &all[1].ID, Tags: []string{}}).Exec(ctx)
	require.NoError(t, err)
	_, err = db.CreateUser(ctx, b.db, db.NewUser{CompanyID: other.ID, Email: "keep@other.test"})
	require.NoError(t, err)
	var before []string
	require.NoError(t, b.db.NewRaw("SELECT u::text FROM users u WHERE company_id = ? ORDER BY id", other.ID).Scan(ctx, &before))
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.NoError(t, b.emu.RemoveUser(all[1].ID))
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	var after []string
	require.NoError(t, b.db.NewRaw("SELECT u::text FROM users u WHERE company_id = ? ORDER BY id", other.ID).Scan(ctx, &after))
	require.Equal(t, before, after)
	_, err = db.GetSyncRun(ctx, b.db, other.ID, b.sync(t, engine.RunOptions{}, db.RunSucceeded).ID)
	require.ErrorIs(t, err, db.ErrNotFound)
}

// waitRun polls a run until it is no longer active.
func waitRun(t testing.TB, b *bundle, id string) *db.SyncRun {
	t.Helper()
	var run *db.SyncRun
	require.Eventually(t, func() bool {
		var err error
		run, err = db.GetSyncRun(context.Background(), b.db, b.company, id)
		require.NoError(t, err)
		return !run.Active()
	}, 30*time.Second, 20*time.Millisecond)
	return run
}

// TestOneRunPerCompany: concurrent StartRun calls return the same run.
func TestOneRunPerCompany(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 300})
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{Latency: emulator.Duration(20 * time.Millisecond)}))
	ids := make([]string, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run, err := b.svc.StartRun(context.Background(), b.company, engine.RunOptions{StartedBy: b.admin})
			require.NoError(t, err)
			ids[i] = run.ID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
	_, err := b.svc.RunNow(context.Background(), b.company, engine.RunOptions{})
	require.ErrorIs(t, err, engine.ErrRunInProgress)
	run := waitRun(t, b, ids[0])
	require.Equal(t, db.RunSucceeded, run.Status)
	require.Equal(t, 300, run.Created)
	require.Equal(t, 1.0, run.Progress)
}

// TestCloseInterruptsRuns: a run still going when Close's context ends is marked FAILED.
func TestCloseInterruptsRuns(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 10, client: func(c *workos.Config) { c.RequestTimeout = time.Minute }})
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{Hang: true}))
	run, err := b.svc.StartRun(context.Background(), b.company, engine.RunOptions{})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	require.Error(t, b.svc.Close(ctx))
	run = waitRun(t, b, run.ID)
	require.Equal(t, db.RunFailed, run.Status)
	require.Contains(t, *run.Error, "shut down")
	_, err = b.svc.StartRun(context.Background(), b.company, engine.RunOptions{})
	require.ErrorIs(t, err, engine.ErrClosed)
}

// TestNotConnected: runs need a completed setup.
func TestNotConnected(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	c, err := db.CreateCompany(ctx, b.db, "Fresh")
	require.NoError(t, err)
	_, err = b.svc.StartRun(ctx, c.ID, engine.RunOptions{})
	require.ErrorIs(t, err, engine.ErrNotConnected)
	require.NoError(t, db.DisconnectDirectoryConnection(ctx, b.db, b.company, time.Now()))
	_, err = b.svc.RunNow(ctx, b.company, engine.RunOptions{})
	require.ErrorIs(t, err, engine.ErrNotConnected)
}

// TestPullMirror fills the mirror without touching users.
func TestPullMirror(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 7})
	before := snapshot(t, b.db)
	run, err := b.svc.PullMirror(ctx, b.company)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status)
	require.Equal(t, db.TriggerSetup, run.Trigger)
	require.Equal(t, before, snapshot(t, b.db))
	page, err := db.ListDirectoryUsers(ctx, b.db, db.DirectoryUserQuery{CompanyID: b.company, First: 5})
	require.NoError(t, err)
	require.Equal(t, 7, page.TotalCount)
	require.Len(t, page.Users, 5)
	require.True(t, page.HasNextPage)
	next, err := db.ListDirectoryUsers(ctx, b.db, db.DirectoryUserQuery{CompanyID: b.company, First: 5, After: page.EndCursor})
	require.NoError(t, err)
	require.Len(t, next.Users, 2)
	name := *page.Users[0].FirstName
	found, err := db.ListDirectoryUsers(ctx, b.db, db.DirectoryUserQuery{CompanyID: b.company, Text: name[:3], First: 50})
	require.NoError(t, err)
	require.NotEmpty(t, found.Users)
	conn, err := db.GetDirectoryConnection(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Equal(t, 7, conn.UserCount)
}

// TestConfiguration validates input and names the field.
func TestConfiguration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	cfg, err := b.svc.Configuration(ctx, b.company)
	require.NoError(t, err)
	require.Nil(t, cfg.UpdatedAt)
	bad := mapping.DefaultMapping()
	bad.Department = "no-slash"
	cases := []struct {
		field string
		in    engine.ConfigurationUpdate
	}{
		{"dailyAt", engine.ConfigurationUpdate{DailyAt: ptr("24:00")}},
		{"timeZone", engine.ConfigurationUpdate{TimeZone: ptr("Mars/Olympus")}},
		{"maxDeactivationPercent", engine.ConfigurationUpdate{MaxDeactivationPercent: ptr(101.0)}},
		{"maxDeactivationCount", engine.ConfigurationUpdate{MaxDeactivationCount: ptr(-1)}},
		{"mapping.department", engine.ConfigurationUpdate{Mapping: &bad}},
	}
	for _, tc := range cases {
		_, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, tc.in)
		var ve *engine.ValidationError
		require.ErrorAs(t, err, &ve, tc.field)
		require.Equal(t, tc.field, ve.Field)
	}
	saved, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{
		DailyAt: ptr("07:30"), TimeZone: ptr("Europe/Berlin"), AutoAssignNewUsers: ptr(false)})
	require.NoError(t, err)
	require.Equal(t, "07:30", saved.DailyAt)
	require.Equal(t, db.DefaultMaxDeactivationCount, saved.MaxDeactivationCount)
	require.NotNil(t, saved.UpdatedAt)

	// New directory users are now un-assigned and not synced.
	b.put(t, emulator.User{Email: "later@acme.test"})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Zero(t, run.Created)
	page, err := db.ListDirectoryUsers(ctx, b.db, db.DirectoryUserQuery{CompanyID: b.company, Assigned: ptr(false), First: 10})
	require.NoError(t, err)
	require.Len(t, page.Users, 1)

	pv, err := b.svc.Preview(ctx, b.company, page.Users)
	require.NoError(t, err)
	require.Equal(t, "later@acme.test", pv[0].Mapped.Email)
}

// TestDailyAtDefault: a company that never chose a daily time has its default, which the
// settings form sending it back does not turn into a choice; a chosen 03:00 is a choice;
// an empty dailyAt goes back to the default.
func TestDailyAtDefault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	def := db.DefaultDailyAtOf(b.company)
	cfg, err := b.svc.Configuration(ctx, b.company)
	require.NoError(t, err)
	require.Empty(t, cfg.DailyAt)
	require.Equal(t, def, cfg.EffectiveDailyAt())

	saved, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{DailyAt: ptr(def), TimeZone: ptr("Europe/Berlin")})
	require.NoError(t, err)
	require.Empty(t, saved.DailyAt, "the default sent back stays a default")
	reread, err := b.svc.Configuration(ctx, b.company)
	require.NoError(t, err)
	require.Empty(t, reread.DailyAt)
	require.Equal(t, "Europe/Berlin", reread.TimeZone)

	chosen := "03:00"
	if def == chosen {
		chosen = "03:01"
	}
	saved, err = b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{DailyAt: ptr(chosen)})
	require.NoError(t, err)
	require.Equal(t, chosen, saved.DailyAt)
	reread, err = b.svc.Configuration(ctx, b.company)
	require.NoError(t, err)
	require.Equal(t, chosen, reread.EffectiveDailyAt())

	saved, err = b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{DailyAt: ptr(" ")})
	require.NoError(t, err)
	require.Empty(t, saved.DailyAt)
	require.Equal(t, def, saved.EffectiveDailyAt())
}
