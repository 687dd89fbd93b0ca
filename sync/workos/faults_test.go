package workos_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

// backoffs are the exact delays with BaseBackoff 100ms, MaxBackoff 2s and no jitter.
var backoffs = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond,
	400 * time.Millisecond, 800 * time.Millisecond, time.Second, time.Second, time.Second, time.Second}

func TestEachDirectoryUserRecoversFrom5xx(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 450})
	b.setFaults(t, emulator.Faults{ErrorRate: 0.3, FailAtPage: 4, FailAtPageMode: emulator.FailOnce})
	c := b.client(t, func(cfg *workos.Config) { cfg.MaxRetries = 12 })
	got, stats, err := pull(t, c, b.dir.ID)
	require.NoError(t, err)
	requireAllUsers(t, b, got)

	codes := b.log.statuses("/directory_users")
	failed := codes[500] + codes[502] + codes[503]
	require.GreaterOrEqual(t, failed, 2, "the random errors and page 4 failed")
	require.Equal(t, 5, codes[http.StatusOK])
	require.Equal(t, failed+5, len(b.log.matching("/directory_users")))
	require.Equal(t, failed, stats.Retries)
	for _, d := range b.clock.Sleeps() {
		require.Contains(t, backoffs, d, "exponential backoff (503 carries no Retry-After)")
	}
}

func TestEachDirectoryUserRetriesTimeouts(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 150})
	b.setFaults(t, emulator.Faults{Hang: true})
	b.clearFaultsAfterFirstSleep(t)
	// Long enough for healthy pages on a loaded machine; the hang costs it once.
	c := b.client(t, func(cfg *workos.Config) { cfg.RequestTimeout = time.Second })
	got, stats, err := pull(t, c, b.dir.ID)
	require.NoError(t, err)
	requireAllUsers(t, b, got)
	require.Equal(t, workos.FetchStats{Pages: 2, Users: 150, Retries: 1}, stats)
	require.Equal(t, []time.Duration{50 * time.Millisecond}, b.clock.Sleeps())
}

func TestEachDirectoryUserRetriesTruncatedBodies(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 150})
	b.setFaults(t, emulator.Faults{Truncate: true})
	b.clearFaultsAfterFirstSleep(t)
	got, stats, err := pull(t, b.client(t, nil), b.dir.ID)
	require.NoError(t, err)
	requireAllUsers(t, b, got)
	require.Equal(t, workos.FetchStats{Pages: 2, Users: 150, Retries: 1}, stats)
	require.Len(t, b.log.matching("/directory_users"), 3)
}

func TestEachDirectoryUserGivesUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		faults  emulator.Faults
		timeout time.Duration
		page    int    // the page named in the error
		handled int    // pages handed to fn before the failure
		cause   string // in the error text
	}{
		{"page 3 always fails", emulator.Faults{FailAtPage: 3, FailAtPageMode: emulator.FailAlways}, 5 * time.Second, 3, 2, "HTTP 500"},
		// 500 ms: under load a shorter timeout can end an attempt before the emulator logs it.
		{"always hangs", emulator.Faults{Hang: true}, 500 * time.Millisecond, 1, 0, "timed out"},
		{"always truncated", emulator.Faults{Truncate: true}, 5 * time.Second, 1, 0, "unexpected EOF"},
		{"always 502", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{502}}, 5 * time.Second, 1, 0, "HTTP 502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{users: 450})
			b.setFaults(t, tt.faults)
			c := b.client(t, func(cfg *workos.Config) { cfg.MaxRetries = 3; cfg.RequestTimeout = tt.timeout })
			var pages int
			stats, err := c.EachDirectoryUser(context.Background(), b.dir.ID, func([]workos.DirectoryUser) error {
				pages++
				return nil
			})
			require.ErrorIs(t, err, workos.ErrUpstream)
			require.ErrorContains(t, err, "directory "+b.dir.ID)
			require.ErrorContains(t, err, "page "+strconv.Itoa(tt.page))
			require.ErrorContains(t, err, "after 4 attempts")
			require.ErrorContains(t, err, tt.cause)
			require.Equal(t, tt.handled, pages, "fn not called for the failed page or later ones")
			require.Equal(t, workos.FetchStats{Pages: tt.handled, Users: tt.handled * 100, Retries: 3}, stats)
			require.Len(t, b.log.matching("/directory_users"), tt.handled+4, "no request past the failed page")
			require.Equal(t, backoffs[:3], b.clock.Sleeps())
		})
	}
}

func TestUnauthorizedIsNotRetriedAndHidesTheKey(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 10, emu: emulator.Options{APIKey: "sk_the_right_key"}})
	c := b.client(t, nil)
	ctx := context.Background()
	_, err := c.EachDirectoryUser(ctx, b.dir.ID, func([]workos.DirectoryUser) error { return nil })
	requireUnauthorized(t, err)
	_, err = c.GetDirectoryUser(ctx, "directory_user_x")
	requireUnauthorized(t, err)
	_, err = c.ListDirectories(ctx, b.org.ID)
	requireUnauthorized(t, err)
	_, err = c.GetOrganization(ctx, b.org.ID)
	requireUnauthorized(t, err)
	_, _, err = c.ListEvents(ctx, workos.EventsQuery{})
	requireUnauthorized(t, err)
	require.Equal(t, 5, b.log.count(), "one request each, no retries")
	require.Empty(t, b.clock.Sleeps())

	var se *workos.StatusError
	require.ErrorAs(t, err, &se)
	require.Equal(t, http.StatusUnauthorized, se.Status)
	require.NotEmpty(t, se.RequestID)
}

func requireUnauthorized(t *testing.T, err error) {
	t.Helper()
	require.ErrorIs(t, err, workos.ErrUnauthorized)
	require.NotErrorIs(t, err, workos.ErrUpstream)
	require.NotContains(t, err.Error(), testAPIKey)
	require.ErrorContains(t, err, "HTTP 401")
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	c := b.client(t, nil)
	ctx := context.Background()
	_, err := c.EachDirectoryUser(ctx, "directory_missing", func([]workos.DirectoryUser) error { return nil })
	require.ErrorIs(t, err, workos.ErrNotFound)
	_, err = c.GetDirectoryUser(ctx, "directory_user_missing")
	require.ErrorIs(t, err, workos.ErrNotFound)
	_, err = c.GetDirectory(ctx, "directory_missing")
	require.ErrorIs(t, err, workos.ErrNotFound)
	require.ErrorContains(t, err, "get directory directory_missing")
	_, err = c.GetOrganization(ctx, "org_missing")
	require.ErrorIs(t, err, workos.ErrNotFound)
	_, err = c.PortalLink(ctx, "org_missing", "", "")
	require.ErrorIs(t, err, workos.ErrNotFound)
	require.Empty(t, b.clock.Sleeps(), "404 is not retried")
}

func TestCancelledContextEndsRetries(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 10})
	b.setFaults(t, emulator.Faults{ErrorRate: 1})
	ctx, cancel := context.WithCancel(context.Background())
	b.clock.onSleep = func(n int, _ time.Duration) {
		if n == 2 {
			cancel()
		}
	}
	c := b.client(t, nil)
	_, err := c.EachDirectoryUser(ctx, b.dir.ID, func([]workos.DirectoryUser) error { return nil })
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, workos.ErrUpstream)
	require.ErrorContains(t, err, "waiting to retry")
	require.Len(t, b.log.matching("/directory_users"), 2, "no third attempt")
}

func TestRetriesAreLoggedWithoutTheKey(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 10})
	b.setFaults(t, emulator.Faults{FailAtPage: 1})
	var logs bytes.Buffer
	c := b.client(t, func(cfg *workos.Config) { cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	_, stats, err := pull(t, c, b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, 1, stats.Retries)
	require.Contains(t, logs.String(), "workos: retrying")
	require.Contains(t, logs.String(), "status=500")
	require.Contains(t, logs.String(), b.dir.ID+" page 1")
	require.NotContains(t, logs.String(), testAPIKey)
}
