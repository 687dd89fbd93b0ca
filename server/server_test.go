package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
)

const viewerQuery = `{ viewer { isCompanyAdmin user { id email name role } company { id name } } }`

type viewerData struct {
	Viewer struct {
		IsCompanyAdmin bool
		User           struct{ ID, Email, Name, Role string }
		Company        struct{ ID, Name string }
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	expiredIssuer, err := auth.NewIssuer(testSecret, func() time.Time { return time.Now().Add(-48 * time.Hour) })
	require.NoError(t, err)
	expired, err := expiredIssuer.Issue(acme.adminID, acme.id, time.Hour)
	require.NoError(t, err)
	otherIssuer, err := auth.NewIssuer(strings.Repeat("x", 40), nil)
	require.NoError(t, err)
	forged, err := otherIssuer.Issue(acme.adminID, acme.id, time.Hour)
	require.NoError(t, err)
	inactive, err := db.CreateUser(context.Background(), b.db, db.NewUser{CompanyID: acme.id, Email: "gone@acme.example"})
	require.NoError(t, err)
	_, err = b.db.NewUpdate().Model((*db.User)(nil)).Set("status = 'INACTIVE'").Where("id = ?", inactive.ID).Exec(context.Background())
	require.NoError(t, err)

	tests := []struct {
		name, token, wantCode string
	}{
		{"no token", "", "UNAUTHENTICATED"},
		{"garbage", "not-a-jwt", "UNAUTHENTICATED"},
		{"expired", expired, "UNAUTHENTICATED"},
		{"wrong secret", forged, "UNAUTHENTICATED"},
		{"user of another company in claims", b.token(t, "00000000-0000-0000-0000-000000000000", acme.adminID), "UNAUTHENTICATED"},
		{"inactive user", b.token(t, acme.id, inactive.ID), "UNAUTHENTICATED"},
		{"member", b.token(t, acme.id, acme.memberID), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := b.gql(t, tc.token, viewerQuery, nil)
			require.Equal(t, tc.wantCode, resp.code(), resp.Raw)
			if tc.wantCode == "" {
				v := decode[viewerData](t, resp)
				require.Equal(t, "member@acme.example", v.Viewer.User.Email)
				require.False(t, v.Viewer.IsCompanyAdmin)
				require.Equal(t, "acme", v.Viewer.Company.Name)
			}
		})
	}
}

func TestRoleIsReadOnEveryRequest(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	token := b.token(t, acme.id, acme.adminID)
	create := `mutation($n: String!) { createOffice(input: {name: $n, aliases: ["B", " b ", ""]}) { id name aliases } }`

	resp := b.gql(t, token, create, map[string]any{"n": "Berlin"})
	office := decode[struct {
		CreateOffice struct {
			ID, Name string
			Aliases  []string
		}
	}](t, resp)
	require.Equal(t, []string{"B"}, office.CreateOffice.Aliases)

	_, err := b.db.NewUpdate().Model((*db.User)(nil)).Set("role = 'MEMBER'").Where("id = ?", acme.adminID).Exec(context.Background())
	require.NoError(t, err)
	resp = b.gql(t, token, create, map[string]any{"n": "Paris"})
	require.Equal(t, "FORBIDDEN", resp.code(), resp.Raw)

	_, err = b.db.NewUpdate().Model((*db.User)(nil)).Set("status = 'INACTIVE'").Where("id = ?", acme.adminID).Exec(context.Background())
	require.NoError(t, err)
	resp = b.gql(t, token, viewerQuery, nil)
	require.Equal(t, "UNAUTHENTICATED", resp.code(), resp.Raw)
}

func TestOffices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)

	resp := b.gql(t, member, `mutation { createOffice(input: {name: "Oslo"}) { id } }`, nil)
	require.Equal(t, "FORBIDDEN", resp.code())

	resp = b.gql(t, admin, `mutation { createOffice(input: {name: "  "}) { id } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code())
	require.Equal(t, "input.name", resp.Errors[0].Extensions["field"])

	created := decode[struct{ CreateOffice struct{ ID string } }](t, b.gql(t, admin, `mutation { createOffice(input: {name: "Oslo"}) { id } }`, nil))
	resp = b.gql(t, admin, `mutation { createOffice(input: {name: "oslo"}) { id } }`, nil)
	require.Equal(t, "CONFLICT", resp.code(), resp.Raw)

	updated := decode[struct {
		UpdateOffice struct {
			Name    string
			Aliases []string
		}
	}](t, b.gql(t, admin,
		`mutation($id: ID!) { updateOffice(input: {id: $id, name: "Oslo HQ", aliases: ["OSL"]}) { name aliases } }`,
		map[string]any{"id": created.CreateOffice.ID}))
	require.Equal(t, "Oslo HQ", updated.UpdateOffice.Name)
	require.Equal(t, []string{"OSL"}, updated.UpdateOffice.Aliases)

	list := decode[struct{ Offices []struct{ Name string } }](t, b.gql(t, member, `{ offices { name } }`, nil))
	require.Len(t, list.Offices, 1)
	require.Equal(t, "Oslo HQ", list.Offices[0].Name)
}

func TestTenancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme, globex := b.company(t, "acme"), b.company(t, "globex")
	ctx := context.Background()
	globexOffice, err := db.CreateOffice(ctx, b.db, globex.id, "Globex Tower", nil)
	require.NoError(t, err)
	_, err = db.CreateOffice(ctx, b.db, acme.id, "Acme Plaza", nil)
	require.NoError(t, err)
	acmeAdmin := b.token(t, acme.id, acme.adminID)

	tests := []struct {
		name, query string
		vars        map[string]any
	}{
		{"user of another company", `query($id: ID!) { user(id: $id) { id } }`, map[string]any{"id": globex.memberID}},
		{"unknown user", `query($id: ID!) { user(id: $id) { id } }`, map[string]any{"id": "5a1e0000-0000-0000-0000-000000000000"}},
		{"malformed user id", `query($id: ID!) { user(id: $id) { id } }`, map[string]any{"id": "nope"}},
		{"office of another company", `mutation($id: ID!) { updateOffice(input: {id: $id, name: "Mine"}) { id } }`, map[string]any{"id": globexOffice.ID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := b.gql(t, acmeAdmin, tc.query, tc.vars)
			require.Equal(t, "NOT_FOUND", resp.code(), resp.Raw)
		})
	}

	own := decode[struct{ User struct{ Email string } }](t, b.gql(t, acmeAdmin, `query($id: ID!) { user(id: $id) { email } }`, map[string]any{"id": acme.memberID}))
	require.Equal(t, "member@acme.example", own.User.Email)

	search := decode[struct {
		Users struct {
			TotalCount int
			Edges      []struct{ Node struct{ Email string } }
			Facets     struct{ Offices []struct{ Label string } }
		}
	}](t, b.gql(t, acmeAdmin, `{ users { totalCount edges { node { email } } facets { offices { label } } } }`, nil))
	require.Equal(t, 2, search.Users.TotalCount)
	for _, e := range search.Users.Edges {
		require.True(t, strings.HasSuffix(e.Node.Email, "@acme.example"), e.Node.Email)
	}
	for _, o := range search.Users.Facets.Offices {
		require.NotEqual(t, "Globex Tower", o.Label)
	}
	offices := decode[struct{ Offices []struct{ Name string } }](t, b.gql(t, acmeAdmin, `{ offices { name } }`, nil))
	require.Equal(t, []struct{ Name string }{{"Acme Plaza"}}, offices.Offices)

	unchanged, err := db.GetUser(ctx, b.db, globex.id, globex.memberID)
	require.NoError(t, err)
	require.Equal(t, "member@globex.example", unchanged.Email)
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	token := b.token(t, acme.id, acme.memberID)
	manyAliases := func(n int, field string) string {
		var sb strings.Builder
		sb.WriteString("{")
		for i := range n {
			fmt.Fprintf(&sb, " a%d: %s", i, field)
		}
		sb.WriteString(" }")
		return sb.String()
	}
	tests := []struct {
		name, query, wantCode string
	}{
		{"syntax error", `{ viewer { user { id }`, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", `{ viewer { nope } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"first zero", `{ users(first: 0) { totalCount } }`, "BAD_USER_INPUT"},
		{"first too large", `{ users(first: 101) { totalCount } }`, "BAD_USER_INPUT"},
		{"bad cursor", `{ users(after: "garbage") { totalCount } }`, "BAD_USER_INPUT"},
		{"too complex", manyAliases(60, `users(first: 100) { edges { node { id email name } } }`), "COMPLEXITY_LIMIT_EXCEEDED"},
		{"too many tokens", manyAliases(3000, `viewer { isCompanyAdmin }`), "GRAPHQL_PARSE_FAILED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := b.gql(t, token, tc.query, nil)
			require.Equal(t, tc.wantCode, resp.code(), resp.Raw)
		})
	}

	t.Run("body over 1 MiB", func(t *testing.T) {
		big := `{"query":"{ viewer { isCompanyAdmin } }","variables":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`
		resp := b.post(t, token, "application/json", []byte(big))
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.Status, resp.Raw)
		require.Equal(t, "BAD_USER_INPUT", resp.code())
	})
	t.Run("not JSON", func(t *testing.T) {
		resp := b.post(t, token, "application/json", []byte(`{"query": `))
		require.Equal(t, http.StatusBadRequest, resp.Status, resp.Raw)
		require.NotEmpty(t, resp.Errors)
	})
}

func TestInternalErrorsRevealNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	token := b.token(t, acme.id, acme.memberID)
	_, err := b.db.ExecContext(context.Background(), "ALTER TABLE offices RENAME TO offices_moved_away")
	require.NoError(t, err)

	resp := b.gql(t, token, `{ offices { id } }`, nil)
	require.Equal(t, "INTERNAL", resp.code(), resp.Raw)
	require.Equal(t, "internal error", resp.Errors[0].Message)
	for _, leak := range []string{"offices_moved_away", "relation", "SELECT", "SQLSTATE", ".go:", "goroutine"} {
		require.NotContains(t, resp.Raw, leak)
	}
	require.Contains(t, b.logs.String(), "offices", "the cause is logged for operators")
}

func TestSearchPageCostsTwoRoundTrips(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	ctx := context.Background()
	office, err := db.CreateOffice(ctx, b.db, acme.id, "Berlin", nil)
	require.NoError(t, err)
	for i := range 30 {
		u, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: acme.id, Email: fmt.Sprintf("p%d@acme.example", i), FirstName: "Pat", LastName: fmt.Sprint(i)})
		require.NoError(t, err)
		_, err = b.db.NewUpdate().Model((*db.User)(nil)).Where("id = ?", u.ID).
			Set("department = ?, office_id = ?, tags = ARRAY['t1', 't2']", []string{"Eng", "Ops"}[i%2], office.ID).Exec(ctx)
		require.NoError(t, err)
	}
	token := b.token(t, acme.id, acme.memberID)
	b.gql(t, token, `{ users(first: 1) { totalCount } }`, nil) // builds the company's search index
	b.queries.Reset()
	resp := b.gql(t, token, `{ users(first: 10, filter: {departments: ["Eng"]}) {
		totalCount pageInfo { hasNextPage endCursor }
		edges { node { name email department office { name } tags } }
		facets { departments { value count } divisions { value count } offices { label count } tags { value count } } } }`, nil)
	out := decode[struct {
		Users struct {
			TotalCount int
			PageInfo   struct{ HasNextPage bool }
			Edges      []struct {
				Node struct{ Office struct{ Name string } }
			}
			Facets struct {
				Departments []struct {
					Value string
					Count int
				}
			}
		}
	}](t, resp)
	require.Equal(t, 15, out.Users.TotalCount)
	require.True(t, out.Users.PageInfo.HasNextPage)
	require.Equal(t, "Berlin", out.Users.Edges[0].Node.Office.Name)
	require.ElementsMatch(t, []struct {
		Value string
		Count int
	}{{"Eng", 15}, {"Ops", 15}}, out.Users.Facets.Departments)
	require.LessOrEqual(t, b.queries.Count(), 2, "viewer lookup + one search statement on a warm index")
}

func TestHTTPEndpoints(t *testing.T) {
	t.Parallel()
	b := setup(t)
	get := func(path string) (int, string, http.Header) {
		resp, err := http.Get(b.url + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), resp.Header
	}
	tests := []struct {
		path, want string
		status     int
	}{
		{"/healthz", "ok", 200},
		{"/readyz", "ready", 200},
		{"/playground", "<title>dirsync GraphQL playground</title>", 200},
		{"/", "<title>dirsync</title>", 200},
		{"/people?query=ann", "<title>dirsync</title>", 200},
		{"/settings/directory-sync", "<title>dirsync</title>", 200},
		{"/assets/app.js", "console.log(1)", 200},
		{"/assets/missing.js", "404", 404},
	}
	for _, tc := range tests {
		status, body, _ := get(tc.path)
		require.Equal(t, tc.status, status, tc.path)
		require.Contains(t, body, tc.want, tc.path)
	}
	b.gql(t, "", viewerQuery, nil)
	status, body, _ := get("/metrics")
	require.Equal(t, 200, status)
	require.Contains(t, body, `dirsync_http_requests_total{code="200",method="POST",route="/graphql"}`)
	require.Contains(t, body, "dirsync_http_request_duration_seconds_bucket")

	_, err := b.db.ExecContext(context.Background(), "SELECT 1")
	require.NoError(t, err)
	require.NoError(t, b.db.Close())
	status, _, _ = get("/readyz")
	require.Equal(t, http.StatusServiceUnavailable, status)
}
