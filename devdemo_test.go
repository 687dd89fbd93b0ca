package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/db/seed"
)

// devGraphQL posts a GraphQL document to a dev server as token and decodes data into out.
func devGraphQL(t *testing.T, baseURL, token, query string, vars map[string]any, out any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, baseURL+"/graphql", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var res struct {
		Data   json.RawMessage
		Errors []json.RawMessage
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&res))
	require.Empty(t, res.Errors, "%s", query)
	require.NoError(t, json.Unmarshal(res.Data, out))
}

// TestDevDemoDirectoryLinksSeededPeople: on a fresh `dirsync dev`, a directory set up in
// the emulator's Admin Portal holds some of the seeded demo people (by email), and the
// first sync links them (updates them, keeping their accounts) instead of creating them.
func TestDevDemoDirectoryLinksSeededPeople(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dataDir, dbURL := t.TempDir(), dbtest.NewDatabaseURL(t)
	dev := startDev(t, dataDir, dbURL)

	bdb, err := db.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bdb.Close() })
	admin, err := db.FindUserByEmail(ctx, bdb, "", seed.DemoAdminEmail)
	require.NoError(t, err)
	var before []db.User
	require.NoError(t, bdb.NewSelect().Model(&before).Where("company_id = ?", admin.CompanyID).Scan(ctx))
	seeded := map[string]db.User{}
	for _, u := range before {
		seeded[u.Email] = u
	}
	state, err := loadDevState(dataDir)
	require.NoError(t, err)
	issuer, err := auth.NewIssuer(state.SessionSecret, nil)
	require.NoError(t, err)
	token, err := issuer.Issue(admin.ID, admin.CompanyID, time.Hour)
	require.NoError(t, err)

	// The setup wizard: the Admin Portal link, the portal's form, then completing setup.
	var link struct{ StartDirectorySetup struct{ URL string } }
	devGraphQL(t, dev.url, token, `mutation { startDirectorySetup(input: {provider: "okta scim v2.0"}) { url } }`, nil, &link)
	u, err := url.Parse(link.StartDirectorySetup.URL)
	require.NoError(t, err)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(u.Scheme+"://"+u.Host+u.Path, url.Values{"token": {u.Query().Get("token")}, "provider": {"okta scim v2.0"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	var conn struct{ CompleteDirectorySetup struct{ UserCount int } }
	devGraphQL(t, dev.url, token, `mutation { completeDirectorySetup { userCount } }`, nil, &conn)

	var users struct {
		DirectorySync struct {
			DirectoryUsers struct {
				Edges []struct{ Node struct{ Email string } }
			}
		}
	}
	devGraphQL(t, dev.url, token, `{ directorySync { directoryUsers(first: 100) { edges { node { email } } } } }`, nil, &users)
	var known []string
	for _, e := range users.DirectorySync.DirectoryUsers.Edges {
		if _, ok := seeded[e.Node.Email]; ok {
			known = append(known, e.Node.Email)
		}
	}
	total := len(users.DirectorySync.DirectoryUsers.Edges)
	require.Equal(t, conn.CompleteDirectorySetup.UserCount, total)
	// The dev test seeds 6 people besides the admin and the member; two in five of the
	// 25 directory users are seeded people while they last.
	require.Len(t, known, min(6, total*2/5), "seeded people in the directory: %v", known)

	b := &crashBundle{db: bdb, company: admin.CompanyID, token: token}
	id, _ := b.runSync(t, dev.url)
	run := b.waitStatus(t, id, db.RunWaiting, time.Minute)
	run = b.waitStatus(t, run.ID, db.RunQueued, time.Minute)
	run = b.waitStatus(t, run.ID, db.RunRunning, time.Minute)
	require.Equal(t, db.RunSucceeded, run.Status, "%+v\n%s", run, dev.logs.String())
	require.Equal(t, len(known), run.Updated, "the seeded people are linked, not created")
	require.Equal(t, total-len(known), run.Created)

	for _, email := range known {
		after, err := db.FindUserByEmail(ctx, bdb, admin.CompanyID, email)
		require.NoError(t, err)
		require.Equal(t, seeded[email].ID, after.ID, "%s keeps their account", email)
		require.Equal(t, db.SourceDirectory, after.Source, "%s is linked to the directory", email)
		require.NotNil(t, after.DirectoryUserID)
		require.True(t, strings.HasSuffix(email, "@acme.example"), email)
	}
}
