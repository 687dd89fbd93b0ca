package emulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/organizations"

	"github.com/officetogether/dirsync/sync/emulator"
)

func TestGenerateFleet(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit, func(o *emulator.Options) { o.ValidationDelay = emulator.NoValidation })
	opts := map[string]any{"organizations": 30, "large": 2, "large_users": 300, "min_users": 5, "max_users": 40,
		"groups": true, "seed": 7}
	var sum emulator.FleetSummary
	call(t, b, "POST", "/_emulator/fleet", opts, 201, &sum)
	require.Equal(t, 30, sum.Organizations)
	require.Len(t, sum.Directories, 30)

	ctx := context.Background()
	orgs, err := b.orgs.ListOrganizations(ctx, organizations.ListOrganizationsOpts{Limit: 100})
	require.NoError(t, err)
	require.Len(t, orgs.Data, 30)
	names := map[string]bool{}
	for _, o := range orgs.Data {
		names[o.Name] = true
		require.Len(t, o.Domains, 1)
	}
	require.Len(t, names, 30, "organization names are unique")

	large, total := 0, 0
	types := map[directorysync.DirectoryType]bool{}
	for _, d := range sum.Directories {
		users, err := b.em.Users(d.ID)
		require.NoError(t, err)
		total += len(users)
		switch n := len(users); {
		case n == 300:
			large++
		default:
			require.GreaterOrEqual(t, n, 5, d.ID)
			require.LessOrEqual(t, n, 40, d.ID)
		}
		groups, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: d.ID, Limit: 100})
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(groups.Data), 3)
		dir, err := b.dsync.GetDirectory(ctx, directorysync.GetDirectoryOpts{Directory: d.ID})
		require.NoError(t, err)
		require.Equal(t, d.OrganizationID, dir.OrganizationID)
		types[dir.Type] = true
	}
	require.Equal(t, 2, large)
	require.Equal(t, sum.Users, total)
	require.GreaterOrEqual(t, len(types), 3, "a mix of providers")

	// The same seed makes the same fleet.
	other := setup(t, noRateLimit)
	again, err := other.em.GenerateFleet(emulator.FleetOptions{Organizations: 30, Large: 2, LargeUsers: 300, MinUsers: 5,
		MaxUsers: 40, Groups: true, Seed: 7})
	require.NoError(t, err)
	require.Equal(t, sum.Users, again.Users)
	call(t, b, "POST", "/_emulator/fleet", map[string]any{"organizations": 3, "large": 4}, 422, nil)
	call(t, b, "POST", "/_emulator/fleet", map[string]any{"organizations": 3, "large": -2}, 422, nil)

	// NoLarge: no large directory even with 100 organizations (the default would make one).
	small := setup(t, noRateLimit)
	none, err := small.em.GenerateFleet(emulator.FleetOptions{Organizations: 100, Large: emulator.NoLarge,
		LargeUsers: 300, MinUsers: 2, MaxUsers: 4, Seed: 7})
	require.NoError(t, err)
	require.Len(t, none.Directories, 100)
	require.LessOrEqual(t, none.Users, 400, "every directory has at most MaxUsers users")
}

func TestRunCLIFleetAndKeyLimit(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- emulator.RunCLI(ctx, []string{"--addr", "127.0.0.1:0", "--fleet", "4", "--fleet-groups",
			"--key-rate-limit", "2", "--validation-delay", "0"}, out, out)
	}()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "API key:") }, 5e9, 1e6)
	require.Contains(t, out.String(), "Generated a fleet of 4 organizations")
	addr := strings.Fields(strings.SplitAfter(out.String(), "listening on ")[1])[0]
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	c := &directorysync.Client{APIKey: "sk_cli", Endpoint: addr, HTTPClient: &http.Client{Transport: transport}}
	res, err := c.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{})
	require.NoError(t, err)
	require.Len(t, res.Data, 4)
	for _, d := range res.Data {
		require.Equal(t, directorysync.Linked, d.State)
	}
	_, err = c.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{})
	require.NoError(t, err)
	_, err = c.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{})
	require.Equal(t, http.StatusTooManyRequests, statusOf(t, err), "the third request in a minute is over --key-rate-limit 2")
	cancel()
	require.NoError(t, <-done)
}
