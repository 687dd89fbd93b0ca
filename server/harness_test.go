package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/resolvers"
	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/server"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	dirsetup "github.com/officetogether/dirsync/sync/setup"
	"github.com/officetogether/dirsync/sync/workos"
)

const testSecret = "test-secret-test-secret-test-secret-0123"

// testBundle is one test's server over its own database, with its own WorkOS emulator.
type testBundle struct {
	db       *bun.DB
	issuer   *auth.Issuer
	url      string
	queries  *dbtest.QueryCounter
	logs     *lockedWriter
	emulator *emulator.Emulator
}

func setup(t testing.TB) *testBundle {
	t.Helper()
	bdb := dbtest.NewDB(t)
	issuer, err := auth.NewIssuer(testSecret, nil)
	require.NoError(t, err)
	logs := &lockedWriter{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	em := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit})
	emSrv := httptest.NewServer(em)
	t.Cleanup(func() { emSrv.Close(); _ = em.Close() })
	client, err := workos.New(workos.Config{APIKey: "sk_test_server", Endpoint: emSrv.URL, RateLimit: -1, Logger: logger})
	require.NoError(t, err)
	eng, err := engine.New(engine.Config{DB: bdb, Directory: client, Logger: logger})
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = eng.Close(ctx)
	})
	setupSvc, err := dirsetup.New(dirsetup.Config{DB: bdb, WorkOS: client, Puller: eng, Logger: logger})
	require.NoError(t, err)
	h := server.New(server.Config{
		DB:       bdb,
		Issuer:   issuer,
		Resolver: &resolvers.Resolver{DB: bdb, Search: search.New(search.Config{DB: bdb, Logger: logger}), Engine: eng, Setup: setupSvc, Logger: logger},
		Registry: prometheus.NewRegistry(),
		Logger:   logger,
		SPA: fstest.MapFS{
			"index.html":      {Data: []byte("<!doctype html><title>dirsync</title>")},
			"playground.html": {Data: []byte("<!doctype html><title>dirsync GraphQL playground</title>")},
			"assets/app.js":   {Data: []byte("console.log(1)")},
			"favicon.ico":     {Data: []byte("ico")},
		},
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testBundle{db: bdb, issuer: issuer, url: srv.URL, queries: dbtest.CountQueries(bdb), logs: logs, emulator: em}
}

// company is a tenant with an admin and a member.
type company struct {
	id, adminID, memberID string
}

func (b *testBundle) company(t testing.TB, name string) company {
	t.Helper()
	ctx := context.Background()
	c, err := db.CreateCompany(ctx, b.db, name)
	require.NoError(t, err)
	admin, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: c.ID, Email: "admin@" + name + ".example", FirstName: "Ada", LastName: "Admin", Role: db.RoleCompanyAdmin})
	require.NoError(t, err)
	member, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: c.ID, Email: "member@" + name + ".example", FirstName: "Max", LastName: "Member"})
	require.NoError(t, err)
	return company{id: c.ID, adminID: admin.ID, memberID: member.ID}
}

func (b *testBundle) token(t testing.TB, companyID, userID string) string {
	t.Helper()
	tok, err := b.issuer.Issue(userID, companyID, time.Hour)
	require.NoError(t, err)
	return tok
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	Raw    string
}

func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// gql posts a GraphQL request with the token (none when empty).
func (b *testBundle) gql(t testing.TB, token, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	require.NoError(t, err)
	return b.post(t, token, "application/json", body)
}

func (b *testBundle) post(t testing.TB, token, contentType string, body []byte) gqlResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.url+"/graphql", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	return b.send(t, token, req)
}

// get sends a GraphQL query and its variables (JSON, none when empty) in the URL, as
// the GET transport takes them.
func (b *testBundle) get(t testing.TB, token, query, variables string) gqlResponse {
	t.Helper()
	params := url.Values{"query": {query}}
	if variables != "" {
		params.Set("variables", variables)
	}
	req, err := http.NewRequest(http.MethodGet, b.url+"/graphql?"+params.Encode(), nil)
	require.NoError(t, err)
	return b.send(t, token, req)
}

// send sends a GraphQL request with the token (none when empty) and reads the answer.
func (b *testBundle) send(t testing.TB, token string, req *http.Request) gqlResponse {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	out := gqlResponse{Status: resp.StatusCode, Raw: string(raw)}
	if json.Valid(raw) {
		require.NoError(t, json.Unmarshal(raw, &out))
	}
	return out
}

// decode unmarshals the response data, failing the test on GraphQL errors.
func decode[T any](t testing.TB, r gqlResponse) T {
	t.Helper()
	require.Empty(t, r.Errors, "unexpected errors: %s", r.Raw)
	var v T
	require.NoError(t, json.Unmarshal(r.Data, &v))
	return v
}
