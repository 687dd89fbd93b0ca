package emulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/portal"

	"github.com/officetogether/dirsync/sync/emulator"
)

func TestDirectoryStateChangesEmitEvents(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 2)
	_, cursor := eventsSince(t, b, "")

	tests := []struct {
		state      string // sent through the control API
		wantREST   directorysync.DirectoryState
		wantEvents []string
		eventState string
	}{
		{"invalid_credentials", "invalid_credentials", []string{"dsync.deactivated"}, "invalid_credentials"},
		{"unlinked", "unlinked", nil, ""}, // not linked before: no event
		{"linked", "linked", []string{"dsync.activated"}, "active"},
		{"linked", "linked", nil, ""}, // unchanged
		{"inactive", "unlinked", []string{"dsync.deactivated"}, "inactive"},
		{"active", "linked", []string{"dsync.activated"}, "active"},
		{"validating", "validating", []string{"dsync.deactivated"}, "validating"},
	}
	for _, tt := range tests {
		call(t, b, "PATCH", "/_emulator/directories/"+d.ID, map[string]any{"state": tt.state}, 200, nil)
		dir, err := b.dsync.GetDirectory(context.Background(), directorysync.GetDirectoryOpts{Directory: d.ID})
		require.NoError(t, err)
		require.Equal(t, tt.wantREST, dir.State, tt.state)
		evs, next := eventsSince(t, b, cursor)
		cursor = next
		require.Equal(t, tt.wantEvents, nilIfEmpty(eventNames(evs)), tt.state)
		if len(evs) == 1 {
			var data map[string]any
			require.NoError(t, json.Unmarshal(evs[0].Data, &data))
			require.Equal(t, tt.eventState, data["state"])
			require.Equal(t, d.ID, data["id"])
			require.Equal(t, d.OrganizationID, data["organization_id"])
			require.ElementsMatch(t, []string{"object", "id", "external_key", "type", "state", "name", "organization_id",
				"domains", "created_at", "updated_at"}, keys(data))
		}
	}
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID, map[string]any{"state": "broken"}, 422, nil)

	// The Go method does the same.
	_, err := b.em.UpdateDirectory(d.ID, emulator.Directory{State: emulator.DirLinked})
	require.NoError(t, err)
	evs, _ := eventsSince(t, b, cursor)
	require.Equal(t, []string{"dsync.activated"}, eventNames(evs))
}

func TestHRISDirectoriesValidateThenLink(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	for _, typ := range []string{"workday", "bamboohr", "rippling", "gusto"} {
		org, err := b.em.CreateOrganization(emulator.Organization{Name: "HR " + typ})
		require.NoError(t, err)
		var d emulator.Directory
		call(t, b, "POST", "/_emulator/directories", map[string]any{"organization_id": org.ID, "type": typ}, 201, &d)
		require.Equal(t, emulator.DirValidating, d.State, typ)
	}
	okta := b.directory(t, "okta", 0)
	require.Equal(t, emulator.DirLinked, okta.State, "SCIM directories link at once")
	explicit, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: okta.OrganizationID, Type: "workday", State: "linked"})
	require.NoError(t, err)
	require.Equal(t, emulator.DirLinked, explicit.State)

	activated := func() int {
		n := 0
		for _, ev := range allEvents(t, b, eventsOpts()) {
			if ev.Event == "dsync.activated" {
				n++
			}
		}
		return n
	}
	require.Equal(t, 2, activated())
	b.clock.Advance(emulator.DefaultValidationDelay - time.Millisecond)
	require.Equal(t, 2, activated())
	b.clock.Advance(time.Millisecond)
	require.Equal(t, 6, activated(), "each HRIS directory is activated when it links")
	dirs, err := b.dsync.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{Limit: 100})
	require.NoError(t, err)
	for _, d := range dirs.Data {
		require.Equal(t, directorysync.Linked, d.State, d.Type)
	}

	linked := setup(t, func(o *emulator.Options) { o.ValidationDelay = emulator.NoValidation })
	org, err := linked.em.CreateOrganization(emulator.Organization{Name: "HR"})
	require.NoError(t, err)
	d, err := linked.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "bamboohr"})
	require.NoError(t, err)
	require.Equal(t, emulator.DirLinked, d.State)
}

// rawGet sends an authorized GET and decodes the JSON answer.
func rawGet(t *testing.T, b *bundle, path string, wantStatus int, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, wantStatus, res.StatusCode, "%s: %s", path, data)
	if out != nil {
		require.NoError(t, json.Unmarshal(data, out), string(data))
	}
}

func TestEventsIgnoreOrderAndHonourRanges(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 2)
	b.clock.Advance(time.Hour)
	mid := b.clock.Now()
	_, err := b.em.PutUser(d.ID, emulator.User{Email: "late@test.example", FirstName: "Late"})
	require.NoError(t, err)
	b.clock.Advance(time.Hour)
	_, err = b.em.PutUser(d.ID, emulator.User{Email: "later@test.example", FirstName: "Later"})
	require.NoError(t, err)

	type page struct {
		Data []struct {
			ID        string    `json:"id"`
			CreatedAt time.Time `json:"created_at"`
		} `json:"data"`
	}
	var asc, desc, bogus page
	q := "/events?events=dsync.user.created&limit=100"
	rawGet(t, b, q, 200, &asc)
	rawGet(t, b, q+"&order=desc", 200, &desc)
	rawGet(t, b, q+"&order=sideways", 200, &bogus)
	require.Len(t, asc.Data, 4)
	require.Equal(t, asc, desc, "order is ignored: always oldest first")
	require.Equal(t, asc, bogus)
	require.True(t, slices.IsSortedFunc(asc.Data, func(a, b struct {
		ID        string    `json:"id"`
		CreatedAt time.Time `json:"created_at"`
	}) int {
		return strings.Compare(a.ID, b.ID)
	}))

	var ranged page
	start := url.QueryEscape(mid.Format(time.RFC3339Nano))
	end := url.QueryEscape(mid.Add(time.Hour).Format(time.RFC3339Nano))
	rawGet(t, b, q+"&range_start="+start, 200, &ranged)
	require.Len(t, ranged.Data, 2, "range_start keeps events at or after it")
	rawGet(t, b, q+"&range_start="+start+"&range_end="+end, 200, &ranged)
	require.Len(t, ranged.Data, 1, "range_end keeps events before it")
	require.Equal(t, mid, ranged.Data[0].CreatedAt)
	rawGet(t, b, q+"&range_start="+start+"&after="+ranged.Data[0].ID, 200, &ranged)
	require.Len(t, ranged.Data, 1, "after and range_start apply together")
	rawGet(t, b, q+"&range_start=yesterday", 422, nil)
}

func TestDirectoryUsersFilterByIdpIDAndEmail(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 20)
	users, err := b.em.Users(d.ID)
	require.NoError(t, err)
	target := users[7]

	type list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	var got list
	rawGet(t, b, "/directory_users?directory="+d.ID+"&idp_id="+target.IdpID, 200, &got)
	require.Len(t, got.Data, 1)
	require.Equal(t, target.ID, got.Data[0].ID)
	rawGet(t, b, "/directory_users?directory="+d.ID+"&email="+url.QueryEscape(strings.ToUpper(target.Email)), 200, &got)
	require.Len(t, got.Data, 1, "email matches case-insensitively")
	require.Equal(t, target.ID, got.Data[0].ID)
	rawGet(t, b, "/directory_users?directory="+d.ID+"&email="+url.QueryEscape(target.Email)+"&idp_id=nope", 200, &got)
	require.Empty(t, got.Data)
	g, err := b.em.Groups(d.ID)
	require.NoError(t, err)
	rawGet(t, b, "/directory_users?group="+g[0].ID+"&idp_id="+target.IdpID, 422, nil)
}

func TestUserGroupsEmptyMode(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 5)
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID, map[string]any{"user_groups": "empty"}, 200, nil)
	list, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
	require.NoError(t, err)
	require.Len(t, list.Data, 5)
	for _, u := range list.Data {
		require.NotNil(t, u.Groups)
		require.Empty(t, u.Groups)
		// Memberships are still listed per user.
		gs, err := b.dsync.ListGroups(context.Background(), directorysync.ListGroupsOpts{User: u.ID})
		require.NoError(t, err)
		require.NotEmpty(t, gs.Data)
	}
	u, err := b.dsync.GetUser(context.Background(), directorysync.GetUserOpts{User: list.Data[0].ID})
	require.NoError(t, err)
	require.Empty(t, u.Groups)
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID, map[string]any{"user_groups": "filled"}, 200, nil)
	u, err = b.dsync.GetUser(context.Background(), directorysync.GetUserOpts{User: list.Data[0].ID})
	require.NoError(t, err)
	require.NotEmpty(t, u.Groups)
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID, map[string]any{"user_groups": "some"}, 422, nil)
}

func TestReplaceDirectoryOfAnOrganization(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	old := b.directory(t, "okta", 3)
	_, cursor := eventsSince(t, b, "")

	// Through the control API.
	call(t, b, "DELETE", "/_emulator/directories/"+old.ID, nil, 204, nil)
	var second emulator.Directory
	call(t, b, "POST", "/_emulator/directories", map[string]any{"organization_id": old.OrganizationID, "type": "entra"}, 201, &second)
	evs, cursor := eventsSince(t, b, cursor)
	require.Equal(t, []string{"dsync.deleted", "dsync.activated"}, eventNames(evs))
	var data map[string]any
	require.NoError(t, json.Unmarshal(evs[1].Data, &data))
	require.Equal(t, second.ID, data["id"])
	require.Equal(t, old.OrganizationID, data["organization_id"])
	_, err := b.dsync.GetDirectory(context.Background(), directorysync.GetDirectoryOpts{Directory: old.ID})
	require.Error(t, err)

	// Through the Admin Portal, after deleting it with the SDK.
	require.NoError(t, b.dsync.DeleteDirectory(context.Background(), directorysync.DeleteDirectoryOpts{Directory: second.ID}))
	link, err := b.portal.GenerateLink(context.Background(), portal.GenerateLinkOpts{Intent: portal.DSync, Organization: old.OrganizationID})
	require.NoError(t, err)
	token, err := url.QueryUnescape(strings.TrimPrefix(link, b.srv.URL+"/portal/setup?token="))
	require.NoError(t, err)
	res, err := b.srv.Client().PostForm(b.srv.URL+"/portal/setup", url.Values{"token": {token}, "provider": {"gsuite directory"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	dirs, err := b.dsync.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{OrganizationID: old.OrganizationID})
	require.NoError(t, err)
	require.Len(t, dirs.Data, 1)
	third := dirs.Data[0]
	require.Equal(t, directorysync.GSuiteDirectory, third.Type)
	require.Equal(t, directorysync.Linked, third.State)
	evs, _ = eventsSince(t, b, cursor)
	require.Equal(t, "dsync.deleted", evs[0].Event)
	require.Contains(t, string(evs[0].Data), second.ID)
	require.Equal(t, "dsync.activated", evs[1].Event)
	require.Contains(t, string(evs[1].Data), third.ID)
	users, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: third.ID, Limit: 100})
	require.NoError(t, err)
	require.Len(t, users.Data, 25)
}
