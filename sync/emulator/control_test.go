package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

// call sends a control API request and decodes the JSON answer into out.
func call(t *testing.T, b *bundle, method, path string, body any, wantStatus int, out any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, b.srv.URL+path, rd)
	require.NoError(t, err)
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, wantStatus, res.StatusCode, "%s %s: %s", method, path, data)
	if out != nil {
		require.NoError(t, json.Unmarshal(data, out), string(data))
	}
}

func TestControlAPI(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	var org emulator.Organization
	call(t, b, "POST", "/_emulator/organizations", map[string]any{"name": "Ctl", "domains": []string{"ctl.example"}}, 201, &org)
	var dir emulator.Directory
	call(t, b, "POST", "/_emulator/directories", map[string]any{
		"organization_id": org.ID, "type": "bamboohr", "raw_attributes": "legacy", "inactive_users": "custom",
	}, 201, &dir)
	require.Equal(t, "bamboohr", dir.Type)
	require.Equal(t, "Ctl BambooHR", dir.Name)
	require.Equal(t, emulator.CustomFlow, dir.InactiveUsers)

	var user map[string]any
	call(t, b, "POST", "/_emulator/directories/"+dir.ID+"/users", map[string]any{
		"first_name": "Zoe", "last_name": "Ng", "email": "zoe@ctl.example", "groups": []string{"Ops"},
		"custom_attributes": map[string]any{"department_name": "Ops"},
	}, 200, &user)
	uid := user["id"].(string)
	require.Equal(t, "Ops", user["groups"].([]any)[0].(map[string]any)["name"])
	require.Equal(t, "zoe@ctl.example", user["raw_attributes"].(map[string]any)["workEmail"])

	call(t, b, "PUT", "/_emulator/users/"+uid, map[string]any{"first_name": "Zoë", "last_name": "Ng", "email": "zoe@ctl.example"}, 200, &user)
	require.Equal(t, "Zoë", user["first_name"])
	require.Len(t, user["groups"], 1, "PUT without groups keeps memberships")
	call(t, b, "POST", "/_emulator/users/"+uid+"/state", map[string]any{"state": "inactive"}, 200, &user)
	require.Equal(t, "inactive", user["state"], "custom flow keeps the user")
	require.Equal(t, "Inactive", user["raw_attributes"].(map[string]any)["status"])

	var grp emulator.Group
	call(t, b, "POST", "/_emulator/directories/"+dir.ID+"/groups", map[string]any{"name": "Admins"}, 200, &grp)
	call(t, b, "PUT", "/_emulator/groups/"+grp.ID+"/users/"+uid, nil, 204, nil)
	call(t, b, "PUT", "/_emulator/groups/"+grp.ID, map[string]any{"name": "Administrators"}, 200, &grp)
	require.Equal(t, "Administrators", grp.Name)
	call(t, b, "DELETE", "/_emulator/groups/"+grp.ID+"/users/"+uid, nil, 204, nil)
	call(t, b, "DELETE", "/_emulator/groups/"+grp.ID, nil, 204, nil)

	call(t, b, "POST", "/_emulator/directories/"+dir.ID+"/generate", map[string]any{"count": 10, "seed": 3}, 200, nil)
	var faults emulator.Faults
	call(t, b, "PATCH", "/_emulator/directories/"+dir.ID+"/faults", map[string]any{"latency": "5ms", "fail_at_page": 3}, 200, &faults)
	require.Equal(t, emulator.Faults{Latency: emulator.Duration(5 * time.Millisecond), FailAtPage: 3}, faults)
	call(t, b, "PUT", "/_emulator/directories/"+dir.ID+"/faults", map[string]any{"rate_limit": 2}, 200, &faults)
	require.Equal(t, emulator.Faults{RateLimit: 2}, faults)
	call(t, b, "PATCH", "/_emulator/directories/"+dir.ID, map[string]any{"raw_attributes": "empty"}, 200, &dir)
	require.Equal(t, emulator.RawEmpty, dir.RawAttributes)

	var state struct {
		Organizations []struct {
			Directories []struct {
				Users, Groups int
			}
		}
		Events int
	}
	call(t, b, "GET", "/_emulator/", nil, 200, &state)
	require.Equal(t, 11, state.Organizations[0].Directories[0].Users)
	require.Positive(t, state.Events)

	res, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: dir.ID, Limit: 100})
	require.NoError(t, err)
	require.Len(t, res.Data, 11)

	call(t, b, "DELETE", "/_emulator/users/"+uid, nil, 204, nil)
	call(t, b, "DELETE", "/_emulator/users/"+uid, nil, 404, nil)
	call(t, b, "POST", "/_emulator/directories", map[string]any{"organization_id": org.ID, "type": "lotus notes"}, 422, nil)
	call(t, b, "POST", "/_emulator/directories/"+dir.ID+"/users", map[string]any{"state": "gone"}, 422, nil)
	call(t, b, "PUT", "/_emulator/directories/"+dir.ID+"/faults", map[string]any{"error_rate": 2}, 422, nil)
	call(t, b, "DELETE", "/_emulator/directories/"+dir.ID, nil, 204, nil)
	call(t, b, "GET", "/_emulator/directories/"+dir.ID, nil, 404, nil)
}

func TestControlSeedAndWebhook(t *testing.T) {
	t.Parallel()
	rc, hook := newReceiver(t, 0)
	b := setup(t)
	call(t, b, "PUT", "/_emulator/webhook", map[string]any{"url": hook.URL, "secret": "s3"}, 204, nil)
	fixture, err := emulator.FixtureData(emulator.FixtureBadRecords)
	require.NoError(t, err)
	req, err := http.NewRequest("POST", b.srv.URL+"/_emulator/seed", bytes.NewReader(fixture))
	require.NoError(t, err)
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	rc.wait(t, 6) // dsync.activated + 5 users
}

func TestForwardedPrefixInLinks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	org, err := b.em.CreateOrganization(emulator.Organization{Name: "P"})
	require.NoError(t, err)
	req, err := http.NewRequest("POST", b.srv.URL+"/portal/generate_link",
		strings.NewReader(`{"intent":"dsync","organization":"`+org.ID+`","return_url":"","success_url":""}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("X-Forwarded-Prefix", "/proxied/")
	req.Header.Set("X-Forwarded-Host", "dev.example:8443")
	req.Header.Set("X-Forwarded-Proto", "https")
	res, err := b.srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, 201, res.StatusCode)
	var body struct{ Link string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	require.True(t, strings.HasPrefix(body.Link, "https://dev.example:8443/proxied/portal/setup?token="), body.Link)
}
