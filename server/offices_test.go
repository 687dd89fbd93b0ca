package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

// TestOfficeUsageAndDelete: offices report how many users are in them (one query for
// the list), and only an office nobody is in can be deleted.
func TestOfficeUsageAndDelete(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme, globex := b.company(t, "acme"), b.company(t, "globex")
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)
	globexAdmin := b.token(t, globex.id, globex.adminID)
	ctx := context.Background()

	create := func(name string) string {
		return decode[struct{ CreateOffice struct{ ID string } }](t,
			b.gql(t, admin, `mutation($n: String!) { createOffice(input: {name: $n}) { id } }`, map[string]any{"n": name})).CreateOffice.ID
	}
	oslo, lagos := create("Oslo"), create("Lagos")
	_, err := b.db.NewUpdate().TableExpr("users").Set("office_id = ?", oslo).Where("company_id = ?", acme.id).Exec(ctx)
	require.NoError(t, err)

	b.queries.Reset()
	list := decode[struct {
		Offices []struct {
			ID        string
			Name      string
			UserCount int
		}
	}](t, b.gql(t, member, `{ offices { id name userCount } }`, nil))
	require.Equal(t, []struct {
		ID        string
		Name      string
		UserCount int
	}{{lagos, "Lagos", 0}, {oslo, "Oslo", 2}}, list.Offices)
	require.LessOrEqual(t, b.queries.Count(), 3, "viewer, offices and one count for all of them")

	tests := []struct {
		name, token, id, code string
	}{
		{"a member may not delete", member, lagos, "FORBIDDEN"},
		{"another company's office is not found", globexAdmin, lagos, "NOT_FOUND"},
		{"an office people are in is kept", admin, oslo, "CONFLICT"},
		{"an unused office goes", admin, lagos, ""},
		{"gone is gone", admin, lagos, "NOT_FOUND"},
	}
	for _, tc := range tests {
		resp := b.gql(t, tc.token, `mutation($id: ID!) { deleteOffice(id: $id) }`, map[string]any{"id": tc.id})
		require.Equal(t, tc.code, resp.code(), "%s: %s", tc.name, resp.Raw)
		if tc.code == "CONFLICT" {
			require.Contains(t, resp.Errors[0].Message, `2 users are still in the office "Oslo"`)
		}
	}
	offices, err := db.ListOffices(ctx, b.db, acme.id)
	require.NoError(t, err)
	require.Len(t, offices, 1)
	require.Equal(t, "Oslo", offices[0].Name)
}
