package emulator_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

func TestDemoFixture(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	seeded, err := b.em.LoadDemo()
	require.NoError(t, err)
	types := map[string]bool{}
	for _, d := range seeded.Directories {
		types[d.Type] = true
		users, err := b.em.Users(d.ID)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(users), 15, d.Name)
		emails := map[string]bool{}
		for _, u := range users {
			e := strings.ToLower(u.Email)
			require.NotEmpty(t, e)
			require.False(t, emails[e], "duplicate email %s in %s", e, d.Name)
			emails[e] = true
		}
	}
	for _, typ := range []string{"okta scim v2.0", "azure scim v2.0", "gsuite directory", "workday", "bamboohr",
		"rippling scim v2.0", "generic scim v2.0", "gusto"} {
		require.True(t, types[typ], typ)
	}
}

func TestBadRecordsFixture(t *testing.T) {
	t.Parallel()
	b := setup(t)
	seeded, err := b.em.LoadEmbedded(emulator.FixtureBadRecords)
	require.NoError(t, err)
	require.Len(t, seeded.Directories, 1)
	res, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: seeded.Directories[0].ID, Limit: 100})
	require.NoError(t, err)
	noEmail, byEmail, inactive := 0, map[string]int{}, 0
	for _, u := range res.Data {
		if u.Email == "" {
			noEmail++
		}
		byEmail[strings.ToLower(u.Email)]++
		if u.State == directorysync.Inactive {
			inactive++
		}
	}
	require.Equal(t, 1, noEmail)
	require.Equal(t, 2, byEmail["dana.duplicate@badrecords.example"])
	require.Equal(t, 1, inactive)
}

func TestFixtureErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"not json":                  `{`,
		"unknown field":             `{"organisations": []}`,
		"unknown type":              `{"organizations":[{"name":"X","directories":[{"type":"lotus notes"}]}]}`,
		"secure flow inactive user": `{"organizations":[{"name":"X","directories":[{"users":[{"email":"a@x.example","state":"inactive"}]}]}]}`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := setup(t).em.LoadFixture([]byte(doc))
			require.ErrorIs(t, err, emulator.ErrInvalid)
		})
	}
	_, err := emulator.FixtureData("nope")
	require.ErrorIs(t, err, emulator.ErrNotFound)
}

func TestGeneratorDeterministicAndUnique(t *testing.T) {
	t.Parallel()
	gen := func() []emulator.User {
		b := setup(t)
		d := b.directory(t, "workday", 400)
		users, err := b.em.Users(d.ID)
		require.NoError(t, err)
		return users
	}
	a, c := gen(), gen()
	require.Equal(t, a, c, "same seed, same clock: same data")
	emails := map[string]bool{}
	for _, u := range a {
		require.False(t, emails[u.Email], u.Email)
		emails[u.Email] = true
		require.NotEmpty(t, u.CustomAttributes["department_name"])
		require.NotEmpty(t, u.CustomAttributes["cost_center_name"])
		require.Equal(t, u.Email, u.RawAttributes["primary_work_email"])
	}
	require.NotEmpty(t, a[1].CustomAttributes["manager_email"])
}

func TestRunCLI(t *testing.T) {
	t.Parallel()
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`{"organizations":[{"name":"Seeded","directories":[{"generate":{"users":2}}]}]}`), 0o600))
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- emulator.RunCLI(ctx, []string{"--addr", "127.0.0.1:0", "--seed", seed, "--generate", "3", "--api-key", "sk_cli"}, out, out)
	}()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "API key: sk_cli") }, 5e9, 1e6)
	addr := strings.Fields(strings.SplitAfter(out.String(), "listening on ")[1])[0]
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	c := &directorysync.Client{APIKey: "sk_cli", Endpoint: addr, HTTPClient: &http.Client{Transport: transport}}
	res, err := c.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{})
	require.NoError(t, err)
	require.Len(t, res.Data, 2)
	cancel()
	require.NoError(t, <-done)

	err = emulator.RunCLI(context.Background(), []string{"--webhook-url", "http://x"}, out, out)
	require.Error(t, err)
}
