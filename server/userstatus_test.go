package server_test

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUserStatusFilter: Power Search lists active users by default; a Company
// Administrator may ask for inactive users or everyone, a member gets FORBIDDEN.
func TestUserStatusFilter(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	ctx := context.Background()
	_, err := b.db.ExecContext(ctx, `INSERT INTO users (company_id, email, first_name, role, status, source, tags, tag_fields)
		VALUES (?, 'left@acme.example', 'Lea', 'MEMBER', 'INACTIVE', 'MANUAL', '{}', '{}')`, acme.id)
	require.NoError(t, err)
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)
	const q = `query($status: UserStatusFilter) { users(filter: {status: $status}) { totalCount edges { node { email status } } } }`

	tests := []struct {
		name   string
		token  string
		status any
		code   string
		emails []string
	}{
		{"admin, default", admin, nil, "", []string{"admin@acme.example", "member@acme.example"}},
		{"admin, active", admin, "ACTIVE", "", []string{"admin@acme.example", "member@acme.example"}},
		{"admin, inactive", admin, "INACTIVE", "", []string{"left@acme.example"}},
		{"admin, all", admin, "ALL", "", []string{"admin@acme.example", "left@acme.example", "member@acme.example"}},
		{"member, default", member, nil, "", []string{"admin@acme.example", "member@acme.example"}},
		{"member, active", member, "ACTIVE", "", []string{"admin@acme.example", "member@acme.example"}},
		{"member, inactive", member, "INACTIVE", "FORBIDDEN", nil},
		{"member, all", member, "ALL", "FORBIDDEN", nil},
		{"unknown status", admin, "GONE", "GRAPHQL_VALIDATION_FAILED", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]any{}
			if tc.status != nil {
				vars["status"] = tc.status
			}
			resp := b.gql(t, tc.token, q, vars)
			require.Equal(t, tc.code, resp.code(), resp.Raw)
			if tc.code != "" {
				require.NotContains(t, resp.Raw, "left@acme.example")
				return
			}
			got := decode[struct {
				Users struct {
					TotalCount int
					Edges      []struct {
						Node struct{ Email, Status string }
					}
				}
			}](t, resp)
			var emails []string
			for _, e := range got.Users.Edges {
				emails = append(emails, e.Node.Email)
				require.Equal(t, e.Node.Email == "left@acme.example", e.Node.Status == "INACTIVE", e.Node.Email)
			}
			sort.Strings(emails)
			require.Equal(t, tc.emails, emails)
			require.Equal(t, len(tc.emails), got.Users.TotalCount)
		})
	}
}
