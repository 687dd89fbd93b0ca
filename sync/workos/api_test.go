package workos_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  workos.Config
		ok   bool
	}{
		{"defaults", workos.Config{APIKey: "sk_x"}, true},
		{"trailing slash and prefix", workos.Config{APIKey: "sk_x", Endpoint: "http://127.0.0.1:4000/workos/"}, true},
		{"no key", workos.Config{Endpoint: "http://127.0.0.1:4000"}, false},
		{"relative endpoint", workos.Config{APIKey: "sk_x", Endpoint: "api.workos.com"}, false},
		{"endpoint with query", workos.Config{APIKey: "sk_x", Endpoint: "https://api.workos.com?x=1"}, false},
		{"max below base backoff", workos.Config{APIKey: "sk_x", BaseBackoff: time.Second, MaxBackoff: time.Millisecond}, false},
		{"negative timeout", workos.Config{APIKey: "sk_x", RequestTimeout: -time.Second}, false},
		{"limiter off", workos.Config{APIKey: "sk_x", RateLimit: -1}, true},
		{"rate too small", workos.Config{APIKey: "sk_x", RateLimit: 1e-9}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := workos.New(tt.cfg)
			if tt.ok {
				require.NoError(t, err)
				require.NotNil(t, c)
				return
			}
			require.ErrorIs(t, err, workos.ErrInvalidConfig)
		})
	}
}

func TestEndpointWithTrailingSlash(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	c := b.client(t, func(cfg *workos.Config) { cfg.Endpoint = b.srv.URL + "/" })
	d, err := c.GetDirectory(context.Background(), b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, b.dir.ID, d.ID)
	require.Equal(t, "/directories/"+b.dir.ID, b.log.matching("/directories/" + b.dir.ID)[0].path)
}

func TestCreateOrganizationIsIdempotent(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	c := b.client(t, nil)
	ctx := context.Background()
	first, err := c.CreateOrganization(ctx, "Globex", "company-42")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(first.ID, "org_"))
	require.Equal(t, "Globex", first.Name)
	require.False(t, first.CreatedAt.IsZero())

	again, err := c.CreateOrganization(ctx, "Globex", "company-42")
	require.NoError(t, err)
	require.Equal(t, first, again, "same idempotency key, same organization")

	other, err := c.CreateOrganization(ctx, "Globex", "company-43")
	require.NoError(t, err)
	require.NotEqual(t, first.ID, other.ID)

	keyless, err := c.CreateOrganization(ctx, "Initech", "")
	require.NoError(t, err)
	reqs := b.log.matching("/organizations")
	require.Len(t, reqs, 4)
	require.Equal(t, "company-42", reqs[0].header.Get("Idempotency-Key"))
	require.NotEmpty(t, reqs[3].header.Get("Idempotency-Key"), "a random key makes retries safe")

	got, err := c.GetOrganization(ctx, keyless.ID)
	require.NoError(t, err)
	require.Equal(t, keyless, got)
}

func TestPortalLink(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	c := b.client(t, nil)
	link, err := c.PortalLink(context.Background(), b.org.ID, "https://app.test/dsync/done", "")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(link, b.srv.URL+"/portal/setup?token="), link)

	res, err := b.http.Get(link)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	require.Equal(t, http.StatusOK, res.StatusCode, "the emulator serves the setup page behind the link")
}

func TestListDirectoriesFollowsPages(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	want := []string{b.dir.ID}
	for range 104 {
		d, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.org.ID, Type: "workday"})
		require.NoError(t, err)
		want = append(want, d.ID)
	}
	otherOrg, err := b.emu.CreateOrganization(emulator.Organization{Name: "Other"})
	require.NoError(t, err)
	_, err = b.emu.CreateDirectory(emulator.Directory{OrganizationID: otherOrg.ID})
	require.NoError(t, err)

	dirs, err := b.client(t, nil).ListDirectories(context.Background(), b.org.ID)
	require.NoError(t, err)
	got := make([]string, len(dirs))
	for i, d := range dirs {
		got[i] = d.ID
		require.Equal(t, b.org.ID, d.OrganizationID)
	}
	require.ElementsMatch(t, want, got)
	require.Len(t, b.log.matching("/directories"), 2)
	require.Equal(t, "okta scim v2.0", dirs[0].Type)
	require.Equal(t, "linked", dirs[0].State)
}

func TestGetAndDeleteDirectory(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 5})
	c := b.client(t, nil)
	ctx := context.Background()
	d, err := c.GetDirectory(ctx, b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, workos.Directory{
		ID: b.dir.ID, OrganizationID: b.org.ID, Name: b.dir.Name, Domain: "acme.test", Type: "okta scim v2.0",
		State: "linked", ExternalKey: d.ExternalKey, CreatedAt: b.clock.Now(), UpdatedAt: b.clock.Now(),
	}, d)

	require.NoError(t, c.DeleteDirectory(ctx, b.dir.ID))
	_, err = c.GetDirectory(ctx, b.dir.ID)
	require.ErrorIs(t, err, workos.ErrNotFound)
	require.ErrorIs(t, c.DeleteDirectory(ctx, b.dir.ID), workos.ErrNotFound)
}

func TestSDKCallsRetry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		faults  emulator.Faults
		timeout time.Duration
		heal    bool // clear the faults after the first back-off
		wantErr error
		cause   string
	}{
		{"truncated once", emulator.Faults{Truncate: true}, 5 * time.Second, true, nil, ""},
		{"hangs once", emulator.Faults{Hang: true}, time.Second, true, nil, ""},
		{"500 once", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{500}}, 5 * time.Second, true, nil, ""},
		{"always 503", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{503}}, 5 * time.Second, false, workos.ErrUpstream, "HTTP 503"},
		{"always hangs", emulator.Faults{Hang: true}, 100 * time.Millisecond, false, workos.ErrUpstream, "timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{})
			b.setFaults(t, tt.faults)
			if tt.heal {
				b.clearFaultsAfterFirstSleep(t)
			}
			c := b.client(t, func(cfg *workos.Config) { cfg.MaxRetries = 2; cfg.RequestTimeout = tt.timeout })
			d, err := c.GetDirectory(context.Background(), b.dir.ID)
			if tt.wantErr == nil {
				require.NoError(t, err)
				require.Equal(t, b.dir.ID, d.ID)
				require.Equal(t, backoffs[:1], b.clock.Sleeps())
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			require.ErrorContains(t, err, "get directory "+b.dir.ID+": workos: upstream unavailable after 3 attempts")
			require.ErrorContains(t, err, tt.cause)
			require.Equal(t, backoffs[:2], b.clock.Sleeps())
		})
	}
}

func TestListEventsFollowsTheCursor(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 12})
	otherOrg, err := b.emu.CreateOrganization(emulator.Organization{Name: "Other"})
	require.NoError(t, err)
	otherDir, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: otherOrg.ID})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(otherDir.ID, 3, 1))
	c := b.client(t, nil)
	ctx := context.Background()

	var all []workos.Event
	cursor := ""
	for range 100 {
		page, next, err := c.ListEvents(ctx, workos.EventsQuery{OrganizationID: b.org.ID, After: cursor, Limit: 5})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), 5)
		if len(page) == 0 {
			require.Equal(t, cursor, next, "an empty page keeps the cursor")
			break
		}
		require.Equal(t, page[len(page)-1].ID, next)
		all = append(all, page...)
		cursor = next
	}
	types := map[string]int{}
	for i, e := range all {
		if i > 0 {
			require.Less(t, all[i-1].ID, e.ID, "oldest first, no duplicates")
		}
		require.Contains(t, workos.DirectorySyncEventTypes(), e.Type)
		require.False(t, e.CreatedAt.IsZero())
		require.NotEmpty(t, e.Data)
		types[e.Type]++
	}
	require.Equal(t, 1, types[workos.EventDirectoryActivated])
	require.Equal(t, 12, types[workos.EventUserCreated])
	require.Positive(t, types[workos.EventGroupUserAdded])

	reqs := b.log.matching("/events")
	require.ElementsMatch(t, workos.DirectorySyncEventTypes(), reqs[0].query["events"], "explicit dsync.* filter")
	require.Equal(t, b.org.ID, reqs[0].query.Get("organization_id"))
	require.Equal(t, "5", reqs[0].query.Get("limit"))

	created, next, err := c.ListEvents(ctx, workos.EventsQuery{
		OrganizationID: b.org.ID, Types: []string{workos.EventUserCreated},
	})
	require.NoError(t, err)
	require.Len(t, created, 12)
	require.Contains(t, string(created[0].Data), `"custom_attributes"`)
	require.Equal(t, created[11].ID, next)
	require.Equal(t, "100", b.log.matching("/events")[len(reqs)].query.Get("limit"), "default page size")
}

func TestProvidersCoverTheEmulatedOnes(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	providers := b.client(t, nil).Providers()
	require.Equal(t, "Okta", providers[0].Name, "most popular first")
	byType := map[string]workos.Provider{}
	for _, p := range providers {
		require.NotContains(t, byType, p.Type, "unique types")
		require.NotEmpty(t, p.Name)
		require.Positive(t, p.SetupMinutes)
		byType[p.Type] = p
	}
	for _, name := range []string{"Okta", "Microsoft Entra ID (Azure AD)", "Google Workspace", "Workday", "BambooHR",
		"Rippling", "Gusto", "HiBob", "Personio", "OneLogin", "JumpCloud", "PingFederate", "CyberArk", "SailPoint",
		"Generic SCIM 2.0"} {
		require.True(t, containsName(providers, name), name)
	}
	for _, pt := range emulator.ProviderTypes() {
		require.Contains(t, byType, pt[0], "every type the emulator can create is offered")
	}
}

func containsName(ps []workos.Provider, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}
