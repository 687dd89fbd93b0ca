package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestInputReachingPostgreSQLIsChecked sends text PostgreSQL cannot store (NUL, invalid
// UTF-8, lone surrogates), over-long searches and malformed ids through every kind of
// argument; each is a clear error naming the field, and nothing is saved or altered.
func TestInputReachingPostgreSQLIsChecked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	ctx := context.Background()
	b.connect(t, admin, "okta scim v2.0")
	office := decode[struct{ CreateOffice struct{ ID string } }](t,
		b.gql(t, admin, `mutation { createOffice(input: {name: "Oslo", aliases: ["OSL"]}) { id } }`, nil)).CreateOffice.ID
	long := strings.Repeat("a", 201)

	tests := []struct {
		name, query string
		vars        map[string]any
		code, field string
	}{
		{"NUL in a mapping pointer", `mutation($p: String!) { updateSyncConfiguration(input: {mapping: {email: $p}}) { dailyAt } }`,
			map[string]any{"p": "/email\u0000"}, "BAD_USER_INPUT", "input.mapping.email"},
		{"NUL in a value alias", `mutation($v: String!) { updateSyncConfiguration(input: {mapping: {email: "/email", valueAliases: [{field: "department", from: $v, to: "Eng"}]}}) { dailyAt } }`,
			map[string]any{"v": "E\u0000ng"}, "BAD_USER_INPUT", "input.mapping.valueAliases[0].from"},
		{"NUL in an office name", `mutation($n: String!) { createOffice(input: {name: $n}) { id } }`,
			map[string]any{"n": "Syd\u0000ney"}, "BAD_USER_INPUT", "input.name"},
		{"NUL in an office alias", `mutation($id: ID!, $a: String!) { updateOffice(input: {id: $id, aliases: ["OSL", $a]}) { id } }`,
			map[string]any{"id": office, "a": "Os\u0000lo"}, "BAD_USER_INPUT", "input.aliases[1]"},
		{"over-long office alias", `mutation($id: ID!, $a: String!) { updateOffice(input: {id: $id, aliases: [$a]}) { id } }`,
			map[string]any{"id": office, "a": long}, "BAD_USER_INPUT", "input.aliases[0]"},
		{"NUL in a run id", `query($id: ID!) { directorySync { run(id: $id) { id } } }`,
			map[string]any{"id": "1\u0000"}, "BAD_USER_INPUT", "id"},
		{"NUL in directory user ids", `mutation($ids: [ID!]!) { setDirectoryUserAssignment(ids: $ids, assigned: false) { id } }`,
			map[string]any{"ids": []string{"directory_user_1\u0000"}}, "BAD_USER_INPUT", "ids[0]"},
		{"a long word in the directory users search", `query($q: String!) { directorySync { directoryUsers(filter: {query: $q}) { totalCount } } }`,
			map[string]any{"q": long}, "BAD_USER_INPUT", "filter.query"},
		{"a long word in the people search", `query($q: String!) { users(filter: {query: $q}) { totalCount } }`,
			map[string]any{"q": long}, "BAD_USER_INPUT", "filter.query"},
		{"a huge text anywhere", `query($q: String!) { users(filter: {departments: [$q]}) { totalCount } }`,
			map[string]any{"q": strings.Repeat("x", 5000)}, "BAD_USER_INPUT", "filter.departments[0]"},
		{"malformed run id", `{ directorySync { run(id: "not-a-uuid") { id } } }`, nil, "NOT_FOUND", ""},
		{"malformed run id to approve", `mutation { approveSyncRun(id: "not-a-uuid") { id } }`, nil, "NOT_FOUND", ""},
		{"malformed run id to reject", `mutation { rejectSyncRun(id: "nope") { id } }`, nil, "NOT_FOUND", ""},
		{"malformed office id", `mutation { updateOffice(input: {id: "nope", name: "X"}) { id } }`, nil, "NOT_FOUND", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := b.gql(t, admin, tc.query, tc.vars)
			require.Equal(t, tc.code, resp.code(), resp.Raw)
			if tc.field != "" {
				require.Equal(t, tc.field, resp.Errors[0].Extensions["field"], resp.Raw)
			}
			require.NotContains(t, resp.Raw, "SQLSTATE")
		})
	}

	t.Run("nothing was saved or altered", func(t *testing.T) {
		cfg := decode[struct {
			DirectorySync struct {
				Configuration struct {
					UpdatedAt *string
					Mapping   struct{ Email string }
				}
			}
		}](t, b.gql(t, admin, `{ directorySync { configuration { updatedAt mapping { email } } } }`, nil))
		require.Nil(t, cfg.DirectorySync.Configuration.UpdatedAt, "no configuration was saved")
		require.Equal(t, "/email", cfg.DirectorySync.Configuration.Mapping.Email)
		var names []string
		require.NoError(t, b.db.NewSelect().ColumnExpr("name || ':' || array_to_string(aliases, ',')").TableExpr("offices").
			Where("company_id = ?", acme.id).Scan(ctx, &names))
		require.Equal(t, []string{"Oslo:OSL"}, names)
	})

	t.Run("invalid UTF-8 in the body", func(t *testing.T) {
		body := []byte("{\"query\":\"mutation { createOffice(input: {name: \\\"Z\xffrich\\\"}) { id } }\"}")
		resp := b.post(t, admin, "application/json", body)
		require.Equal(t, http.StatusBadRequest, resp.Status, resp.Raw)
		require.Equal(t, "BAD_USER_INPUT", resp.code())
	})
	t.Run("a lone surrogate escape", func(t *testing.T) {
		resp := b.post(t, admin, "application/json", []byte(`{"query":"mutation($n: String!) { createOffice(input: {name: $n}) { id } }","variables":{"n":"Z\ud800rich"}}`))
		require.Equal(t, http.StatusBadRequest, resp.Status, resp.Raw)
		require.Equal(t, "BAD_USER_INPUT", resp.code())
	})
	t.Run("a lone surrogate escape in a literal", func(t *testing.T) {
		resp := b.post(t, admin, "application/json", []byte(`{"query":"mutation { createOffice(input: {name: \"Z\\ud800rich\"}) { id } }"}`))
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		n, err := b.db.NewSelect().TableExpr("offices").Where("company_id = ? AND name LIKE 'Z%rich'", acme.id).Count(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "no office was created")
		resp = b.get(t, admin, `{ users(filter: {query: "Z\udc00rich"}) { totalCount } }`, "")
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		resp = b.get(t, admin, `query($q: String) { users(filter: {query: $q}) { totalCount } }`, `{"q":"Z\udc00rich"}`)
		require.Equal(t, http.StatusBadRequest, resp.Status, resp.Raw)
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		resp = b.get(t, admin, `query($q: String) { users(filter: {query: $q}) { totalCount } }`, "{\"q\":\"Z\xffrich\"}")
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		resp = b.get(t, admin, `query($q: String) { users(filter: {query: $q}) { totalCount } }`, `{"q":"Z\ud83d\ude00rich"}`)
		require.Empty(t, resp.Errors, resp.Raw)
	})
	t.Run("escapes in literals that are text", func(t *testing.T) {
		doc := `mutation { createOffice(input: {name: "Z\ud83d\ude00rich \\ud800 \ufffd", aliases: ["""\ud800"""]}) { name aliases } }`
		body, err := json.Marshal(map[string]string{"query": doc})
		require.NoError(t, err)
		resp := b.post(t, admin, "application/json", body)
		require.Empty(t, resp.Errors, resp.Raw)
		require.Contains(t, resp.Raw, "\"Z\U0001F600rich \\\\ud800 \uFFFD\"")
		require.Contains(t, resp.Raw, `["\\ud800"]`)
	})
	t.Run("a surrogate pair is text", func(t *testing.T) {
		resp := b.post(t, admin, "application/json", []byte(`{"query":"mutation($n: String!) { createOffice(input: {name: $n}) { name } }","variables":{"n":"Z\ud83d\ude00rich \\\\u d800"}}`))
		require.Empty(t, resp.Errors, resp.Raw)
		require.Contains(t, resp.Raw, "Z\U0001F600rich")
	})
	t.Run("invalid UTF-8 in a GET query", func(t *testing.T) {
		resp := b.get(t, admin, "{ users(filter: {query: \"Z\xffrich\"}) { totalCount } }", "")
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		require.Equal(t, "filter.query", resp.Errors[0].Extensions["field"], resp.Raw)
	})
}
