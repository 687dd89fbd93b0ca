package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/workos_errors"

	"github.com/officetogether/dirsync/sync/emulator"
)

func httpCode(t *testing.T, err error) int {
	t.Helper()
	var he workos_errors.HTTPError
	require.True(t, errors.As(err, &he), "want an HTTPError, got %v", err)
	require.NotEmpty(t, he.RequestID, "X-Request-ID is set")
	return he.Code
}

func TestAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, fixed, key string
		want             int
	}{
		{"any sk_ key", "", "sk_live_abc", 200},
		{"not sk_", "", "pk_abc", 401},
		{"empty", "", "", 401},
		{"fixed key matches", "sk_fixed", "sk_fixed", 200},
		{"fixed key differs", "sk_fixed", "sk_other", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, func(o *emulator.Options) { o.APIKey = tt.fixed })
			c := &directorysync.Client{APIKey: tt.key, Endpoint: b.srv.URL, HTTPClient: b.srv.Client()}
			_, err := c.ListDirectories(context.Background(), directorysync.ListDirectoriesOpts{})
			if tt.want == 200 {
				require.NoError(t, err)
				return
			}
			require.Equal(t, tt.want, httpCode(t, err))
			require.ErrorContains(t, err, "Unauthorized")
		})
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"directory": func() error {
			_, err := b.dsync.GetDirectory(ctx, directorysync.GetDirectoryOpts{Directory: "directory_nope"})
			return err
		},
		"delete directory": func() error {
			return b.dsync.DeleteDirectory(ctx, directorysync.DeleteDirectoryOpts{Directory: "directory_nope"})
		},
		"user": func() error {
			_, err := b.dsync.GetUser(ctx, directorysync.GetUserOpts{User: "directory_user_nope"})
			return err
		},
		"group": func() error {
			_, err := b.dsync.GetGroup(ctx, directorysync.GetGroupOpts{Group: "directory_group_nope"})
			return err
		},
		"users of unknown directory": func() error {
			_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: "directory_nope"})
			return err
		},
		"groups of unknown user": func() error {
			_, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{User: "directory_user_nope"})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := call()
			require.Equal(t, 404, httpCode(t, err))
			var he workos_errors.HTTPError
			require.True(t, errors.As(err, &he))
			require.Equal(t, "entity_not_found", he.ErrorCode)
		})
	}
}

func TestUserJSONShape(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := b.directory(t, "okta", 3)
	users, err := b.em.Users(d.ID)
	require.NoError(t, err)

	req, err := http.NewRequest(http.MethodGet, b.srv.URL+"/directory_users/"+users[0].ID, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	require.NotEmpty(t, res.Header.Get("X-Request-ID"))
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var u map[string]any
	require.NoError(t, json.Unmarshal(body, &u))
	for _, k := range []string{"object", "id", "directory_id", "organization_id", "idp_id", "email", "first_name",
		"last_name", "emails", "state", "raw_attributes", "custom_attributes", "role", "roles", "created_at",
		"updated_at", "groups"} {
		require.Contains(t, u, k)
	}
	require.Equal(t, "directory_user", u["object"])
	require.Equal(t, "2026-01-15T12:00:00.000Z", u["created_at"])
	require.Equal(t, []any{}, u["emails"], "emails are [] since 2026-04-15")
	require.Nil(t, u["job_title"], "job_title is null since 2026-04-15")
	require.Nil(t, u["username"], "username is null since 2026-04-15")
	require.NotEmpty(t, u["email"])
	require.Equal(t, map[string]any{}, u["raw_attributes"], "raw attributes are {} by default")
	require.Equal(t, map[string]any{"slug": "admin"}, u["role"])
	custom := u["custom_attributes"].(map[string]any)
	for _, k := range []string{"department_name", "division_name", "cost_center_name", "job_title", "employee_type", "addresses"} {
		require.NotEmpty(t, custom[k], k)
	}
	groups := u["groups"].([]any)
	require.Len(t, groups, 1)
	require.Equal(t, "directory_group", groups[0].(map[string]any)["object"])

	// The SDK decodes the same user.
	got, err := b.dsync.GetUser(context.Background(), directorysync.GetUserOpts{User: users[0].ID})
	require.NoError(t, err)
	require.Equal(t, users[0].Email, got.Email)
	require.Equal(t, directorysync.Active, got.State)
	require.Empty(t, got.Emails)
	require.Equal(t, custom["department_name"], got.Groups[0].Name)

	// Legacy mode (before 2026-04-15) fills emails, job_title and username.
	_, err = b.em.UpdateDirectory(d.ID, emulator.Directory{RawAttributes: emulator.RawLegacy})
	require.NoError(t, err)
	got, err = b.dsync.GetUser(context.Background(), directorysync.GetUserOpts{User: users[0].ID})
	require.NoError(t, err)
	require.Equal(t, []directorysync.UserEmail{{Primary: true, Type: "work", Value: users[0].Email}}, got.Emails)
	require.Equal(t, users[0].JobTitle, got.JobTitle)
	require.NotEmpty(t, got.JobTitle)
	require.Equal(t, users[0].Username, got.Username)
	require.NotEmpty(t, got.Username)
}

func TestRawAttributesModes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		typ, key string // key is a provider-specific raw attribute
	}{
		{"okta scim v2.0", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"},
		{"azure scim v2.0", "userName"},
		{"gsuite directory", "primaryEmail"},
		{"workday", "primary_work_email"},
		{"bamboohr", "workEmail"},
		{"rippling scim v2.0", "externalId"},
		{"generic scim v2.0", "schemas"},
		{"gusto", "work_email"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			d := b.directory(t, tt.typ, 2)
			get := func() map[string]json.RawMessage {
				users, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
				require.NoError(t, err)
				require.Len(t, users.Data, 2)
				var raw map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(users.Data[0].RawAttributes, &raw))
				return raw
			}
			require.Empty(t, get())
			_, err := b.em.UpdateDirectory(d.ID, emulator.Directory{RawAttributes: emulator.RawLegacy})
			require.NoError(t, err)
			require.Contains(t, get(), tt.key)
			dir, err := b.dsync.GetDirectory(context.Background(), directorysync.GetDirectoryOpts{Directory: d.ID})
			require.NoError(t, err)
			require.Equal(t, directorysync.DirectoryType(tt.typ), dir.Type)
			if hris := map[string]bool{"workday": true, "bamboohr": true, "rippling scim v2.0": true, "gusto": true}; hris[tt.typ] {
				require.Equal(t, directorysync.DirectoryState("validating"), dir.State, "HRIS directories validate first")
				b.clock.Advance(emulator.DefaultValidationDelay)
				dir, err = b.dsync.GetDirectory(context.Background(), directorysync.GetDirectoryOpts{Directory: d.ID})
				require.NoError(t, err)
			}
			require.Equal(t, directorysync.Linked, dir.State)
		})
	}
}
