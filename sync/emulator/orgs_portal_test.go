package emulator_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/portal"

	"github.com/officetogether/dirsync/sync/emulator"
)

func TestOrganizationsIdempotentCreate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	opts := organizations.CreateOrganizationOpts{
		Name:       "Foo Corp",
		DomainData: []organizations.OrganizationDomainData{{Domain: "foo.example", State: "pending"}},
		ExternalID: "acct-42", IdempotencyKey: "key-1",
	}
	first, err := b.orgs.CreateOrganization(ctx, opts)
	require.NoError(t, err)
	again, err := b.orgs.CreateOrganization(ctx, opts)
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID, "same Idempotency-Key, same organization")
	opts.IdempotencyKey = ""
	third, err := b.orgs.CreateOrganization(ctx, opts)
	require.NoError(t, err)
	require.NotEqual(t, first.ID, third.ID, "no key, new organization")

	got, err := b.orgs.GetOrganization(ctx, organizations.GetOrganizationOpts{Organization: first.ID})
	require.NoError(t, err)
	require.Equal(t, "Foo Corp", got.Name)
	require.Equal(t, "acct-42", got.ExternalID)
	require.Equal(t, "foo.example", got.Domains[0].Domain)

	list, err := b.orgs.ListOrganizations(ctx, organizations.ListOrganizationsOpts{Domains: []string{"foo.example"}})
	require.NoError(t, err)
	require.Len(t, list.Data, 2)

	// The SDK sends DELETE /Organizations/{id}.
	require.NoError(t, b.orgs.DeleteOrganization(ctx, organizations.DeleteOrganizationOpts{Organization: third.ID}))
	_, err = b.orgs.GetOrganization(ctx, organizations.GetOrganizationOpts{Organization: third.ID})
	require.Equal(t, 404, httpCode(t, err))
}

func TestListDirectoriesAndGroupsFilters(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	ctx := context.Background()
	okta := b.directory(t, "okta", 12)
	google := b.directory(t, "google", 4)

	tests := []struct {
		name string
		opts directorysync.ListDirectoriesOpts
		want []string
	}{
		{"all, newest first", directorysync.ListDirectoriesOpts{}, []string{google.ID, okta.ID}},
		{"organization", directorysync.ListDirectoriesOpts{OrganizationID: okta.OrganizationID}, []string{okta.ID}},
		{"search is case-insensitive", directorysync.ListDirectoriesOpts{Search: "GOOGLE"}, []string{google.ID}},
		{"no match", directorysync.ListDirectoriesOpts{Search: "workday"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := b.dsync.ListDirectories(ctx, tt.opts)
			require.NoError(t, err)
			var ids []string
			for _, d := range res.Data {
				ids = append(ids, d.ID)
			}
			require.Equal(t, tt.want, ids)
		})
	}

	groups, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: okta.ID, Limit: 100})
	require.NoError(t, err)
	require.NotEmpty(t, groups.Data)
	members := 0
	for _, g := range groups.Data {
		require.Equal(t, okta.ID, g.DirectoryID)
		res, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Group: g.ID, Limit: 100})
		require.NoError(t, err)
		members += len(res.Data)
		for _, u := range res.Data {
			require.Equal(t, g.Name, u.Groups[0].Name)
			ug, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{User: u.ID})
			require.NoError(t, err)
			require.Len(t, ug.Data, 1)
			require.Equal(t, g.ID, ug.Data[0].ID)
		}
		// A group filter with another directory matches nothing.
		res, err = b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Group: g.ID, Directory: google.ID})
		require.NoError(t, err)
		require.Empty(t, res.Data)
		got, err := b.dsync.GetGroup(ctx, directorysync.GetGroupOpts{Group: g.ID})
		require.NoError(t, err)
		require.Equal(t, g.Name, got.Name)
	}
	require.Equal(t, 12, members, "every generated user is in exactly one department group")
}

func TestPortalFlow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, successURL, prefix string
	}{
		{"redirects to success_url", "https://app.example/dsync/done", ""},
		{"done page without success_url", "", ""},
		{"mounted under a prefix", "", "/workos-emulator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, noRateLimit)
			endpoint := b.srv.URL
			if tt.prefix != "" {
				mux := http.NewServeMux()
				mux.Handle(tt.prefix+"/", http.StripPrefix(tt.prefix, b.em))
				srv := httptestServer(t, mux)
				endpoint = srv + tt.prefix
				b.portal.Endpoint = endpoint
			}
			org, err := b.em.CreateOrganization(emulator.Organization{Name: "Portal Co", Domains: []string{"portal.example"}})
			require.NoError(t, err)
			link, err := b.portal.GenerateLink(context.Background(), portal.GenerateLinkOpts{
				Intent: portal.DSync, Organization: org.ID, SuccessURL: tt.successURL,
			})
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(link, endpoint+"/portal/setup?token="), link)

			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			res, err := client.Get(link)
			require.NoError(t, err)
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			require.Equal(t, 200, res.StatusCode)
			require.Contains(t, string(page), `<label for="provider">`)
			require.Contains(t, string(page), `<option value="okta scim v2.0">Okta</option>`)

			token := strings.TrimPrefix(link, endpoint+"/portal/setup?token=")
			token, err = url.QueryUnescape(token)
			require.NoError(t, err)
			res, err = client.PostForm(endpoint+"/portal/setup", url.Values{"token": {token}, "provider": {"okta scim v2.0"}})
			require.NoError(t, err)
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if tt.successURL != "" {
				require.Equal(t, http.StatusSeeOther, res.StatusCode)
				require.Equal(t, tt.successURL, res.Header.Get("Location"))
			} else {
				require.Equal(t, 200, res.StatusCode)
				require.Contains(t, string(body), "Directory Sync is set up")
			}

			dirs, err := b.dsync.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{OrganizationID: org.ID})
			require.NoError(t, err)
			require.Len(t, dirs.Data, 1)
			require.Equal(t, directorysync.OktaSCIMV2_0, dirs.Data[0].Type)
			users, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: dirs.Data[0].ID, Limit: 100})
			require.NoError(t, err)
			require.Len(t, users.Data, 25)
			evs := allEvents(t, b, eventsOpts())
			require.Equal(t, "dsync.activated", evs[0].Event)
			require.Equal(t, "dsync.user.created", evs[1].Event)

			// The link is used up.
			res, err = client.Get(link)
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, http.StatusNotFound, res.StatusCode)
		})
	}
}

func TestPortalLinkValidation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.portal.GenerateLink(context.Background(), portal.GenerateLinkOpts{Intent: portal.DSync, Organization: "org_missing"})
	require.Equal(t, 404, httpCode(t, err))
	_, err = b.portal.GenerateLink(context.Background(), portal.GenerateLinkOpts{Intent: portal.DSync})
	require.Equal(t, 422, httpCode(t, err))
}

// TestPortalProviderIsChosenThere: as in WorkOS, generate_link takes no provider and
// the portal preselects none: completing without a choice is refused and creates no
// directory. The emulator records what generate_link received.
func TestPortalProviderIsChosenThere(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	ctx := context.Background()
	org, err := b.em.CreateOrganization(emulator.Organization{Name: "Choice Co"})
	require.NoError(t, err)
	link, err := b.portal.GenerateLink(ctx, portal.GenerateLinkOpts{Intent: portal.DSync, Organization: org.ID, SuccessURL: "https://app.example/done"})
	require.NoError(t, err)
	require.Equal(t, []emulator.PortalLinkRequest{{Organization: org.ID, Intent: "dsync", SuccessURL: "https://app.example/done",
		Fields: []string{"intent", "organization", "return_url", "success_url"}}}, b.em.PortalLinkRequests())

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(link)
	require.NoError(t, err)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(page), `<select id="provider" name="provider" required><option value="" selected disabled>`)
	require.NotContains(t, string(page), `<option value="okta scim v2.0" selected`)

	token, err := url.QueryUnescape(strings.TrimPrefix(link, b.srv.URL+"/portal/setup?token="))
	require.NoError(t, err)
	res, err = client.PostForm(b.srv.URL+"/portal/setup", url.Values{"token": {token}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	dirs, err := b.dsync.ListDirectories(ctx, directorysync.ListDirectoriesOpts{OrganizationID: org.ID})
	require.NoError(t, err)
	require.Empty(t, dirs.Data)

	res, err = client.PostForm(b.srv.URL+"/portal/setup", url.Values{"token": {token}, "provider": {"okta scim v2.0"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the link stays usable after a refused completion")
}
