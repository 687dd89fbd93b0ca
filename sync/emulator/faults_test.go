package emulator_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

func TestRateLimit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := b.directory(t, "generic", 5)
	ctx := context.Background()
	list := func() error {
		_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
		return err
	}
	for i := range 4 {
		require.NoError(t, list(), "request %d within the limit", i+1)
	}
	err := list()
	require.Equal(t, 429, httpCode(t, err))

	// Retry-After is an integer number of seconds.
	req, err := http.NewRequest(http.MethodGet, b.srv.URL+"/directory_users?directory="+d.ID, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 429, res.StatusCode)
	require.Equal(t, "1", res.Header.Get("Retry-After"))

	// Other endpoints and other directories are not limited.
	_, err = b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: d.ID})
	require.NoError(t, err)
	other := b.directory(t, "okta", 1)
	_, err = b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: other.ID})
	require.NoError(t, err)

	// Tokens come back with time (injected clock, no sleeping).
	b.clock.Advance(500 * time.Millisecond)
	require.NoError(t, list())
	require.NoError(t, list())
	require.Equal(t, 429, httpCode(t, list()))

	// Configurable rate, and switchable.
	require.NoError(t, b.em.SetFaults(d.ID, emulator.Faults{RateLimit: 1}))
	require.NoError(t, list())
	require.Equal(t, 429, httpCode(t, list()))
	require.NoError(t, b.em.SetFaults(d.ID, emulator.Faults{}))
	for range 20 {
		require.NoError(t, list())
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		faults emulator.Faults
		check  func(t *testing.T, b *bundle, d emulator.Directory)
	}{
		{"error rate 1 gives 5xx", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{502}}, func(t *testing.T, b *bundle, d emulator.Directory) {
			_, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
			require.Equal(t, 502, httpCode(t, err))
			_, err = b.dsync.GetDirectory(context.Background(), directorysync.GetDirectoryOpts{Directory: d.ID})
			require.Equal(t, 502, httpCode(t, err))
		}},
		{"error rate 0.5 is deterministic and partial", emulator.Faults{ErrorRate: 0.5}, func(t *testing.T, b *bundle, d emulator.Directory) {
			failed := 0
			for range 40 {
				if _, err := b.dsync.ListGroups(context.Background(), directorysync.ListGroupsOpts{Directory: d.ID}); err != nil {
					code := httpCode(t, err)
					require.Contains(t, []int{500, 502, 503}, code)
					failed++
				}
			}
			require.Greater(t, failed, 5)
			require.Less(t, failed, 35)
		}},
		{"latency", emulator.Faults{Latency: emulator.Duration(50 * time.Millisecond)}, func(t *testing.T, b *bundle, d emulator.Directory) {
			start := time.Now()
			_, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
			require.NoError(t, err)
			require.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
		}},
		{"hang until the client gives up", emulator.Faults{Hang: true}, func(t *testing.T, b *bundle, d emulator.Directory) {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
			require.ErrorIs(t, err, context.DeadlineExceeded)
		}},
		{"truncated body", emulator.Faults{Truncate: true}, func(t *testing.T, b *bundle, d emulator.Directory) {
			_, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
			require.ErrorIs(t, err, io.ErrUnexpectedEOF)
		}},
		{"fail at page 2 once", emulator.Faults{FailAtPage: 2}, func(t *testing.T, b *bundle, d emulator.Directory) {
			opts := directorysync.ListUsersOpts{Directory: d.ID, Limit: 2, Order: directorysync.Asc}
			p1, err := b.dsync.ListUsers(context.Background(), opts)
			require.NoError(t, err)
			opts.After = p1.ListMetadata.After
			_, err = b.dsync.ListUsers(context.Background(), opts)
			require.Equal(t, 500, httpCode(t, err))
			_, err = b.dsync.ListUsers(context.Background(), opts)
			require.NoError(t, err, "a retry succeeds")
		}},
		{"fail at page 2 always", emulator.Faults{FailAtPage: 2, FailAtPageMode: emulator.FailAlways}, func(t *testing.T, b *bundle, d emulator.Directory) {
			opts := directorysync.ListUsersOpts{Directory: d.ID, Limit: 2}
			p1, err := b.dsync.ListUsers(context.Background(), opts)
			require.NoError(t, err)
			opts.After = p1.ListMetadata.After
			for range 3 {
				_, err = b.dsync.ListUsers(context.Background(), opts)
				require.Equal(t, 500, httpCode(t, err))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			d := b.directory(t, "generic", 6)
			require.NoError(t, b.em.SetFaults(d.ID, tt.faults))
			got, err := b.em.Faults(d.ID)
			require.NoError(t, err)
			require.Equal(t, tt.faults, got)
			tt.check(t, b, d)
		})
	}
}
