package engine_test

import (
	"context"
	"errors"
	"fmt"
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

// inactive counts the company's inactive users.
func (b *bundle) inactive(t testing.TB) int {
	t.Helper()
	n := 0
	for _, u := range b.users(t) {
		if u.Status == db.StatusInactive {
			n++
		}
	}
	return n
}

// configure saves a configuration update.
func (b *bundle) configure(t testing.TB, in engine.ConfigurationUpdate) {
	t.Helper()
	_, err := b.svc.SaveConfiguration(context.Background(), b.company, b.admin, in)
	require.NoError(t, err)
}

// eventsAfter reads every event of the organization after cursor through the real client
// and returns them with the new cursor.
func (b *bundle) eventsAfter(t testing.TB, cursor string) ([]workos.Event, string) {
	t.Helper()
	var all []workos.Event
	for {
		page, next, err := b.client.ListEvents(context.Background(), workos.EventsQuery{OrganizationID: b.org, After: cursor})
		require.NoError(t, err)
		if len(page) == 0 {
			return all, cursor
		}
		all = append(all, page...)
		if next == "" {
			next = page[len(page)-1].ID
		}
		cursor = next
	}
}

// guardKinds lists the kinds of a run's guard issues.
func guardKinds(run *db.SyncRun) []string {
	var out []string
	for _, is := range run.Issues {
		if is.Kind == engine.IssueGuard || is.Kind == engine.IssueFieldGuard {
			out = append(out, is.Kind)
		}
	}
	return out
}

// TestGuardAnyCompanySize: a run that would inactivate every synced user, or more than
// half of them, is held whatever the configured share and count; half of them or fewer
// passes a permissive configuration.
func TestGuardAnyCompanySize(t *testing.T) {
	t.Parallel()
	permissive := engine.ConfigurationUpdate{MaxDeactivationPercent: ptr(100.0), MaxDeactivationCount: ptr(1000)}
	for _, tc := range []struct {
		users, removed int
		permissive     bool
		status         string
	}{
		{users: 1, removed: 1, status: db.RunNeedsReview},
		{users: 2, removed: 2, status: db.RunNeedsReview},
		{users: 2, removed: 1, status: db.RunSucceeded},
		{users: 3, removed: 3, status: db.RunNeedsReview},
		{users: 3, removed: 2, status: db.RunNeedsReview},
		{users: 10, removed: 10, status: db.RunNeedsReview},
		{users: 10, removed: 10, permissive: true, status: db.RunNeedsReview},
		{users: 10, removed: 6, permissive: true, status: db.RunNeedsReview},
		{users: 10, removed: 5, permissive: true, status: db.RunSucceeded},
		{users: 100, removed: 51, permissive: true, status: db.RunNeedsReview},
	} {
		t.Run(fmt.Sprintf("%d_of_%d_permissive_%t", tc.removed, tc.users, tc.permissive), func(t *testing.T) {
			t.Parallel()
			b := setup(t, opts{users: tc.users})
			if tc.permissive {
				b.configure(t, permissive)
			}
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			all, err := b.emu.Users(b.dir.ID)
			require.NoError(t, err)
			for _, u := range all[:tc.removed] {
				require.NoError(t, b.emu.RemoveUser(u.ID))
			}
			before := snapshot(t, b.db)
			run := b.sync(t, engine.RunOptions{}, tc.status)
			require.Equal(t, tc.removed, run.Deactivated)
			t.Logf("%d of %d removed: %s, deactivated=%d, issues=%v", tc.removed, tc.users, run.Status, run.Deactivated, run.Issues)
			if tc.status == db.RunNeedsReview {
				require.Equal(t, before, snapshot(t, b.db), "a held run changes no user")
				require.Equal(t, []string{engine.IssueGuard}, guardKinds(run))
				require.Zero(t, b.inactive(t))
			} else {
				require.Equal(t, tc.removed, b.inactive(t))
			}
		})
	}
}

// removeInPieces removes the directory users from..to-1 (in the emulator's order), piece at
// a time, applying the dsync.user.deleted events of each piece as one EVENTS run, and
// returns the runs; between, when set, runs after each.
func removeInPieces(t *testing.T, b *bundle, from, to, piece int, between func()) []*db.SyncRun {
	t.Helper()
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	_, cursor := b.eventsAfter(t, "")
	var runs []*db.SyncRun
	for start := from; start < to; start += piece {
		for _, u := range all[start:min(start+piece, to)] {
			require.NoError(t, b.emu.RemoveUser(u.ID))
		}
		var events []workos.Event
		events, cursor = b.eventsAfter(t, cursor)
		run, err := b.svc.ApplyEvents(context.Background(), b.company, engine.EventBatch{Events: events})
		require.NoError(t, err)
		runs = append(runs, run)
		if between != nil {
			between()
		}
	}
	return runs
}

// TestGuardCountsPieces: a removal arriving in several EVENTS runs inactivates at most the
// guard's allowance (5% and 10 of the users before it) without review; every later piece
// holds the whole removal, superseding the held run before it; only the newest can be
// approved, and approving it inactivates the rest.
func TestGuardCountsPieces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct{ users, removed, piece, applied int }{
		{users: 100, removed: 60, piece: 4, applied: 8},
		{users: 50, removed: 50, piece: 5, applied: 10},
		{users: 3, removed: 3, piece: 1, applied: 1},
		{users: 10, removed: 10, piece: 10, applied: 0},
	} {
		t.Run(fmt.Sprintf("%d_of_%d_by_%d", tc.removed, tc.users, tc.piece), func(t *testing.T) {
			t.Parallel()
			b := setup(t, opts{users: tc.users})
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			runs := removeInPieces(t, b, 0, tc.removed, tc.piece, nil)
			applied := 0
			for i, run := range runs {
				t.Logf("piece %d: %s deactivated=%d", i+1, run.Status, run.Deactivated)
				if run.Status == db.RunSucceeded {
					applied += run.Deactivated
				}
			}
			require.Equal(t, tc.applied, applied, "inactivated without review")
			require.Equal(t, tc.applied, b.inactive(t))
			last := runs[len(runs)-1]
			require.Equal(t, db.RunNeedsReview, last.Status)
			require.Equal(t, tc.removed-tc.applied, last.Deactivated, "the held run carries the whole rest")

			held := 0
			for _, run := range runs[:len(runs)-1] {
				got, err := db.GetSyncRun(ctx, b.db, b.company, run.ID)
				require.NoError(t, err)
				require.NotEqual(t, db.RunNeedsReview, got.Status, "only the newest held run asks for review")
				if run.Status == db.RunNeedsReview {
					held++
					require.Equal(t, db.RunSuperseded, got.Status)
					_, err := b.svc.Approve(ctx, b.company, run.ID, b.admin)
					var nr *engine.NotReviewableError
					require.ErrorAs(t, err, &nr)
					require.ErrorIs(t, err, engine.ErrRunNotReviewable)
					require.Contains(t, nr.Reason, "superseded")
					_, err = b.svc.Reject(ctx, b.company, run.ID, b.admin)
					require.ErrorIs(t, err, engine.ErrRunNotReviewable)
				}
			}
			t.Logf("%d held runs superseded", held)
			approved, err := b.svc.Approve(ctx, b.company, last.ID, b.admin)
			require.NoError(t, err)
			require.Equal(t, db.RunSucceeded, approved.Status, "error %v", approved.Error)
			require.NotNil(t, approved.ApprovedAt)
			require.Equal(t, b.admin, *approved.ApprovedBy)
			require.Equal(t, tc.removed, b.inactive(t))
		})
	}
}

// TestGuardWindow: the inactivations applied without review count for 24 hours, and an
// approval starts the count anew.
func TestGuardWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	b := setup(t, opts{users: 100, now: clock})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	// 4 a day for four days: each day's pieces are judged with that day's alone.
	runs := removeInPieces(t, b, 0, 16, 4, func() { advance(13 * time.Hour) })
	statuses := make([]string, len(runs))
	for i, r := range runs {
		statuses[i] = r.Status
	}
	require.Equal(t, []string{db.RunSucceeded, db.RunSucceeded, db.RunSucceeded, db.RunSucceeded}, statuses,
		"4+4 within 24 hours stay within the allowance of 10")

	// 12 more within a day: the third piece passes the allowance and holds.
	runs = removeInPieces(t, b, 16, 28, 4, func() { advance(time.Minute) })
	require.Equal(t, db.RunNeedsReview, runs[2].Status)
	approved, err := b.svc.Approve(ctx, b.company, runs[2].ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, approved.Status)
	// After the approval the count starts again: 8 more within the hour pass.
	advance(time.Minute)
	runs = removeInPieces(t, b, 28, 36, 4, func() { advance(time.Minute) })
	require.Equal(t, db.RunSucceeded, runs[0].Status)
	require.Equal(t, db.RunSucceeded, runs[1].Status)
	require.Equal(t, 36, b.inactive(t))
}

// TestGuardSupersededByAppliedRun: a later run applied within the guard supersedes the
// held run; approving that one answers a clear conflict.
func TestGuardSupersededByAppliedRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 30})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all[:12] {
		require.NoError(t, b.emu.RemoveUser(u.ID))
	}
	held := b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	dry := b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded)
	require.Equal(t, []string{engine.IssueGuard}, guardKinds(dry))
	got, err := db.GetSyncRun(ctx, b.db, b.company, held.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunNeedsReview, got.Status, "a dry run supersedes nothing")

	b.configure(t, engine.ConfigurationUpdate{MaxDeactivationPercent: ptr(50.0), MaxDeactivationCount: ptr(20)})
	applied := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 12, applied.Deactivated)
	got, err = db.GetSyncRun(ctx, b.db, b.company, held.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunSuperseded, got.Status)
	_, err = b.svc.Approve(ctx, b.company, held.ID, b.admin)
	var nr *engine.NotReviewableError
	require.True(t, errors.As(err, &nr), "%v", err)
	require.Equal(t, "a newer plan superseded it; review the newest held run instead", nr.Reason)
}

// blankTitles empties the top-level job_title of the first n directory users, as WorkOS's
// raw_attributes deprecation does (null job_title).
func blankTitles(t *testing.T, b *bundle, n int) {
	t.Helper()
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all[:n] {
		u.JobTitle = ""
		delete(u.CustomAttributes, "job_title")
		b.put(t, u)
	}
}

// TestFieldGuard: a run that would clear a mapped field for everyone who has it, or for
// more than the guard's share and count, is held with the cleared fields in its changes
// and its message; one user of a tiny company losing a value is an ordinary edit.
func TestFieldGuard(t *testing.T) {
	t.Parallel()
	m := mapping.DefaultMapping()
	m.JobTitle = "/job_title"
	for _, tc := range []struct {
		users, blanked int
		deprecation    bool // the directory switches to WorkOS's raw_attributes deprecation (null job_title for all)
		status         string
	}{
		{users: 1, blanked: 1, deprecation: true, status: db.RunSucceeded},
		{users: 2, blanked: 2, deprecation: true, status: db.RunNeedsReview},
		{users: 3, blanked: 3, deprecation: true, status: db.RunNeedsReview},
		{users: 10, blanked: 10, deprecation: true, status: db.RunNeedsReview},
		{users: 50, blanked: 50, deprecation: true, status: db.RunNeedsReview},
		{users: 100, blanked: 10, status: db.RunSucceeded},
		{users: 100, blanked: 11, status: db.RunNeedsReview},
	} {
		t.Run(fmt.Sprintf("%d_of_%d", tc.blanked, tc.users), func(t *testing.T) {
			t.Parallel()
			b := setup(t, opts{users: tc.users, raw: emulator.RawLegacy})
			b.configure(t, engine.ConfigurationUpdate{Mapping: &m})
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			before := snapshot(t, b.db)
			if tc.deprecation {
				_, err := b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{RawAttributes: emulator.RawEmpty})
				require.NoError(t, err)
			} else {
				blankTitles(t, b, tc.blanked)
			}
			run := b.sync(t, engine.RunOptions{}, tc.status)
			t.Logf("job title blanked for %d of %d: %s updated=%d issues=%v", tc.blanked, tc.users, run.Status, run.Updated, run.Issues)
			require.Equal(t, tc.blanked, run.Updated)
			cleared := 0
			for _, c := range run.Changes {
				for _, f := range c.Fields {
					if f.Field == mapping.FieldJobTitle && f.From != nil && f.To == nil {
						cleared++
					}
				}
			}
			require.Equal(t, tc.blanked, cleared, "the cleared field is listed in the changes")
			if tc.status == db.RunNeedsReview {
				require.Equal(t, []string{engine.IssueFieldGuard}, guardKinds(run))
				require.Contains(t, run.Issues[len(run.Issues)-1].Message, "job title")
				require.Equal(t, before, snapshot(t, b.db))
				approved, err := b.svc.Approve(context.Background(), b.company, run.ID, b.admin)
				require.NoError(t, err)
				require.Equal(t, db.RunSucceeded, approved.Status)
			}
			blank := 0
			for _, u := range b.users(t) {
				if u.Source == db.SourceDirectory && u.JobTitle == nil {
					blank++
				}
			}
			require.Equal(t, tc.blanked, blank)
		})
	}
}

// TestMappingWarnings: a mapping reading /job_title warns once the directory's active users
// no longer carry it (WorkOS's raw_attributes deprecation), judged from the mirror; an
// inactive user's old record does not count.
func TestMappingWarnings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{users: 5, raw: emulator.RawLegacy, flow: emulator.CustomFlow})
	m := mapping.DefaultMapping()
	m.JobTitle, m.Tags = "/job_title", []string{"/raw_attributes/title"}
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	ws, err := b.svc.MappingWarnings(ctx, b.company, m)
	require.NoError(t, err)
	require.Empty(t, ws, "legacy payloads carry both")

	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	_, err = b.emu.SetUserState(all[0].ID, emulator.StateInactive)
	require.NoError(t, err)
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	_, err = b.emu.UpdateDirectory(b.dir.ID, emulator.Directory{RawAttributes: emulator.RawEmpty})
	require.NoError(t, err)
	b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded) // dry runs do not write the mirror
	ws, err = b.svc.MappingWarnings(ctx, b.company, m)
	require.NoError(t, err)
	require.Empty(t, ws, "the mirror still holds the legacy payloads")

	b.configure(t, engine.ConfigurationUpdate{Mapping: &m})
	held := b.sync(t, engine.RunOptions{}, db.RunNeedsReview) // the pull refreshes the mirror; the guard holds the blanking
	require.Equal(t, []string{engine.IssueFieldGuard}, guardKinds(held))
	ws, err = b.svc.ConfigurationWarnings(ctx, b.company)
	require.NoError(t, err)
	require.Len(t, ws, 2)
	require.Equal(t, mapping.Warning{Field: "mapping.jobTitle", Pointer: "/job_title", Message: ws[0].Message}, ws[0])
	require.Contains(t, ws[0].Message, "none of the 4 active directory users", "the inactive user is not counted")
	require.Equal(t, "mapping.tags[0]", ws[1].Field)

	_, err = b.svc.MappingWarnings(ctx, b.company, mapping.Mapping{Email: "/email", Office: "office"})
	var ve *engine.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "mapping.office", ve.Field)
}
