package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGroupRulesThroughGraphQL saves group rules, refuses unknown group ids and bad role
// slugs naming them, reads the rules back with their groups, and previews the role the
// admin groups give each directory user.
func TestGroupRulesThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	b.connect(t, admin, "okta scim v2.0")
	groups := decode[struct {
		DirectorySync struct {
			Groups struct {
				Edges []struct{ Node struct{ ID, Name string } }
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { groups(first: 2) { edges { node { id name } } } } }`, nil))
	edges := groups.DirectorySync.Groups.Edges
	require.Len(t, edges, 2)
	g1, g2 := edges[0].Node, edges[1].Node

	const save = `mutation($r: GroupRulesInput) { updateSyncConfiguration(input: {groupRules: $r}) { groupRules {
		allGroupsAsTags tagGroups { id name } syncOnlyGroups { id } adminGroups { id } adminRoleSlugs } } }`
	resp := b.gql(t, admin, save, map[string]any{"r": map[string]any{"tagGroupIds": []string{g1.ID, "directory_group_missing"}}})
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "groupRules.tagGroupIds", resp.Errors[0].Extensions["field"])
	require.Contains(t, resp.Errors[0].Message, "directory_group_missing")

	type rules struct {
		AllGroupsAsTags bool
		TagGroups       []struct{ ID, Name string }
		SyncOnlyGroups  []struct{ ID string }
		AdminGroups     []struct{ ID string }
		AdminRoleSlugs  []string
	}
	tooMany := make([]string, 51)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("role-%d", i)
	}
	for name, tc := range map[string]struct {
		rules map[string]any
		field string
		says  string
	}{
		"unknown admin group": {map[string]any{"adminGroupIds": []string{g2.ID, "directory_group_gone"}}, "groupRules.adminGroupIds", "directory_group_gone"},
		"long slug":           {map[string]any{"adminRoleSlugs": []string{strings.Repeat("a", 201)}}, "groupRules.adminRoleSlugs", "200 bytes"},
		"too many slugs":      {map[string]any{"adminRoleSlugs": tooMany}, "groupRules.adminRoleSlugs", "at most 50"},
	} {
		resp := b.gql(t, admin, save, map[string]any{"r": tc.rules})
		require.Equal(t, "BAD_USER_INPUT", resp.code(), "%s: %s", name, resp.Raw)
		require.Equal(t, tc.field, resp.Errors[0].Extensions["field"], name)
		require.Contains(t, resp.Errors[0].Message, tc.says, name)
	}

	type previewPage struct {
		DirectorySync struct {
			DirectoryUsers struct {
				Edges []struct {
					Node struct {
						Groups  []struct{ ID string }
						Preview struct{ Role *string }
					}
				}
			}
		}
	}
	const previews = `{ directorySync { directoryUsers(first: 50) { edges { node { groups { id } preview { role } } } } } }`
	for _, e := range decode[previewPage](t, b.gql(t, admin, previews, nil)).DirectorySync.DirectoryUsers.Edges {
		require.Nil(t, e.Node.Preview.Role, "roles are not managed yet")
	}

	out := decode[struct{ UpdateSyncConfiguration struct{ GroupRules rules } }](t, b.gql(t, admin, save, map[string]any{"r": map[string]any{
		"tagGroupIds": []string{g1.ID, g1.ID}, "syncOnlyGroupIds": []string{g2.ID}, "adminRoleSlugs": []string{" ", ""}}}))
	got := out.UpdateSyncConfiguration.GroupRules
	require.False(t, got.AllGroupsAsTags)
	require.Len(t, got.TagGroups, 1, "duplicates dropped")
	require.Equal(t, g1.Name, got.TagGroups[0].Name)
	require.Equal(t, g2.ID, got.SyncOnlyGroups[0].ID)
	require.Empty(t, got.AdminGroups)
	require.Empty(t, got.AdminRoleSlugs, "blank slugs are dropped")

	out = decode[struct{ UpdateSyncConfiguration struct{ GroupRules rules } }](t, b.gql(t, admin, save, map[string]any{"r": map[string]any{
		"tagGroupIds": []string{g1.ID}, "syncOnlyGroupIds": []string{g2.ID}, "adminGroupIds": []string{g2.ID},
		"adminRoleSlugs": []string{" owner ", "", "owner"}}}))
	got = out.UpdateSyncConfiguration.GroupRules
	require.Equal(t, []struct{ ID string }{{g2.ID}}, got.AdminGroups)
	require.Equal(t, []string{"owner"}, got.AdminRoleSlugs, "trimmed, blanks and repeats dropped")
	admins, members := 0, 0
	for _, e := range decode[previewPage](t, b.gql(t, admin, previews, nil)).DirectorySync.DirectoryUsers.Edges {
		require.NotNil(t, e.Node.Preview.Role)
		inGroup := slices.Contains(e.Node.Groups, struct{ ID string }{g2.ID})
		if inGroup {
			admins++
			require.Equal(t, "COMPANY_ADMIN", *e.Node.Preview.Role, "a member of the admin group")
		} else {
			members++
			require.Equal(t, "MEMBER", *e.Node.Preview.Role)
		}
	}
	require.Positive(t, admins)
	require.Positive(t, members)

	read := decode[struct {
		DirectorySync struct{ Configuration struct{ GroupRules rules } }
	}](t, b.gql(t, admin, `{ directorySync { configuration { groupRules { allGroupsAsTags tagGroups { id name } syncOnlyGroups { id } adminGroups { id } adminRoleSlugs } } } }`, nil))
	require.Equal(t, got, read.DirectorySync.Configuration.GroupRules)

	member := b.token(t, acme.id, acme.memberID)
	require.Equal(t, "FORBIDDEN", b.gql(t, member, save, map[string]any{"r": map[string]any{"allGroupsAsTags": true}}).code())
}
