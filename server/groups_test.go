package server_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDirectoryGroupsThroughGraphQL lists the mirrored groups with member counts, searches
// them, and lists a group's members with their groups.
func TestDirectoryGroupsThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	b.connect(t, admin, "okta scim v2.0")

	type group struct {
		ID, Name    string
		MemberCount int
	}
	type groupPage struct {
		DirectorySync struct {
			Groups struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node group }
			}
		}
	}
	const groupsDoc = `query($f: DirectoryGroupFilter, $after: String) { directorySync { groups(filter: $f, first: 100, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { id name memberCount } } } } }`
	all := decode[groupPage](t, b.gql(t, admin, groupsDoc, nil))
	groups := all.DirectorySync.Groups
	require.Positive(t, groups.TotalCount, "setup mirrors the directory's groups")
	require.Len(t, groups.Edges, groups.TotalCount)
	var biggest group
	for i, e := range groups.Edges {
		if i > 0 {
			require.LessOrEqual(t, strings.ToLower(groups.Edges[i-1].Node.Name), strings.ToLower(e.Node.Name), "by name")
		}
		if e.Node.MemberCount > biggest.MemberCount {
			biggest = e.Node
		}
	}
	require.Positive(t, biggest.MemberCount)

	part := strings.ToUpper(biggest.Name[1 : len(biggest.Name)-1])
	found := decode[groupPage](t, b.gql(t, admin, groupsDoc, map[string]any{"f": map[string]any{"query": part}}))
	require.NotEmpty(t, found.DirectorySync.Groups.Edges)
	for _, e := range found.DirectorySync.Groups.Edges {
		require.Contains(t, strings.ToLower(e.Node.Name), strings.ToLower(part))
	}

	members := decode[struct {
		DirectorySync struct {
			DirectoryUsers struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID     string
						Groups []group
					}
				}
			}
		}
	}](t, b.gql(t, admin, `query($g: ID) { directorySync { directoryUsers(filter: {groupId: $g}, first: 100) {
		totalCount edges { node { id groups { id name memberCount } } } } } }`, map[string]any{"g": biggest.ID}))
	users := members.DirectorySync.DirectoryUsers
	require.Equal(t, biggest.MemberCount, users.TotalCount)
	for _, e := range users.Edges {
		ids := []string{}
		for _, g := range e.Node.Groups {
			ids = append(ids, g.ID)
		}
		require.Contains(t, ids, biggest.ID, "a member lists the group")
	}

	resp := b.gql(t, admin, `{ directorySync { groups(after: "garbage") { totalCount } } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
}
