package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/events"
	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/workos_errors"

	"github.com/officetogether/dirsync/sync/emulator"
)

// statusOf returns the HTTP status of an SDK error (200 for nil).
func statusOf(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return http.StatusOK
	}
	var he workos_errors.HTTPError
	require.True(t, errors.As(err, &he), "not an HTTP error: %v", err)
	return he.Code
}

func TestKeyRateLimitCountsAllRoutes(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit, func(o *emulator.Options) { o.KeyRateLimit = 5 })
	d := b.directory(t, "okta", 3)
	ctx := context.Background()
	calls := []func() error{
		func() error { _, err := b.dsync.ListDirectories(ctx, directorysync.ListDirectoriesOpts{}); return err },
		func() error {
			_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
			return err
		},
		func() error {
			_, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: d.ID})
			return err
		},
		func() error { _, err := b.events.ListEvents(ctx, eventsOpts()); return err },
		func() error {
			_, err := b.orgs.GetOrganization(ctx, organizations.GetOrganizationOpts{Organization: d.OrganizationID})
			return err
		},
	}
	for i, c := range calls {
		require.Equal(t, http.StatusOK, statusOf(t, c()), "call %d", i)
	}
	for i, c := range calls {
		require.Equal(t, http.StatusTooManyRequests, statusOf(t, c()), "over the budget, call %d", i)
	}

	// Retry-After counts down to the window's end; another key has its own budget.
	retryAfter := func(key string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, b.srv.URL+"/directories", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := b.srv.Client().Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode, res.Header.Get("Retry-After")
	}
	status, after := retryAfter(testKey)
	require.Equal(t, 429, status)
	require.Equal(t, "60", after)
	b.clock.Advance(45 * time.Second)
	status, after = retryAfter(testKey)
	require.Equal(t, 429, status)
	require.Equal(t, "15", after)
	status, _ = retryAfter("sk_test_other")
	require.Equal(t, 200, status)
	b.clock.Advance(15 * time.Second)
	require.Equal(t, http.StatusOK, statusOf(t, calls[0]()), "a new window")

	st := b.em.Stats()
	require.Equal(t, 5, st.KeyRateLimit)
	require.Equal(t, emulator.Duration(time.Minute), st.KeyRateWindow)
	require.Equal(t, uint64(7), st.KeyRateLimited)
	require.Equal(t, uint64(14), st.Total)
}

func TestKeyRateLimitOnTopOfDirectoryLimit(t *testing.T) {
	t.Parallel()
	b := setup(t) // 4/s per directory, 6,000 per minute per key
	d := b.directory(t, "okta", 3)
	ctx := context.Background()
	var statuses []int
	for range 6 {
		_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
		statuses = append(statuses, statusOf(t, err))
	}
	require.Equal(t, []int{200, 200, 200, 200, 429, 429}, statuses)
	_, err := b.events.ListEvents(ctx, events.ListEventsOpts{Events: []string{"dsync.activated"}})
	require.NoError(t, err, "the directory limit does not touch other routes")
	require.Equal(t, emulator.DefaultKeyRateLimit, b.em.Stats().KeyRateLimit)
	require.Zero(t, b.em.Stats().KeyRateLimited)
}

func TestStatsPerRouteAndStatus(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 3)
	ctx := context.Background()
	users, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
	require.NoError(t, err)
	_, err = b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID, After: users.Data[0].ID})
	require.NoError(t, err)
	_, err = b.dsync.GetUser(ctx, directorysync.GetUserOpts{User: users.Data[0].ID})
	require.NoError(t, err)
	_, err = b.dsync.GetUser(ctx, directorysync.GetUserOpts{User: "directory_user_missing"})
	require.Equal(t, 404, statusOf(t, err))
	_, err = b.dsync.GetDirectory(ctx, directorysync.GetDirectoryOpts{Directory: d.ID})
	require.NoError(t, err)
	groups, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: d.ID})
	require.NoError(t, err)
	_, err = b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Group: groups.Data[0].ID})
	require.NoError(t, err)
	unauthorized := &directorysync.Client{APIKey: "nope", Endpoint: b.srv.URL, HTTPClient: b.srv.Client()}
	_, err = unauthorized.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID})
	require.Equal(t, 401, statusOf(t, err))
	call(t, b, "GET", "/_emulator/", nil, 200, nil) // the control API is not counted

	var st emulator.Stats
	call(t, b, "GET", "/_emulator/stats", nil, 200, &st)
	require.Equal(t, []emulator.RouteStat{
		{Route: "GET /directories/{id}", Status: 200, Count: 1},
		{Route: "GET /directory_groups", Status: 200, Count: 1},
		{Route: "GET /directory_users", Status: 200, Count: 2},
		{Route: "GET /directory_users", Status: 401, Count: 1},
		{Route: "GET /directory_users/{id}", Status: 200, Count: 1},
		{Route: "GET /directory_users/{id}", Status: 404, Count: 1},
		{Route: "GET /directory_users?group=", Status: 200, Count: 1},
	}, st.Routes)
	require.Equal(t, uint64(8), st.Total)
	require.Equal(t, st, b.em.Stats())

	call(t, b, "DELETE", "/_emulator/stats", nil, 204, nil)
	call(t, b, "GET", "/_emulator/stats", nil, 200, &st)
	require.Empty(t, st.Routes)
	require.Zero(t, st.Total)
}
