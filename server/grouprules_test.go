package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGroupRulesThroughGraphQL saves group rules, refuses unknown group ids naming them,
// and reads the rules back with their groups.
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
	for field, r := range map[string]map[string]any{
		"groupRules.adminGroupIds":  {"adminGroupIds": []string{g2.ID}},
		"groupRules.adminRoleSlugs": {"adminRoleSlugs": []string{"admin"}},
	} {
		resp := b.gql(t, admin, save, map[string]any{"r": r})
		require.Equal(t, "BAD_USER_INPUT", resp.code(), "roles from the directory are refused until they are managed: %s", resp.Raw)
		require.Equal(t, field, resp.Errors[0].Extensions["field"])
	}

	out := decode[struct{ UpdateSyncConfiguration struct{ GroupRules rules } }](t, b.gql(t, admin, save, map[string]any{"r": map[string]any{
		"tagGroupIds": []string{g1.ID, g1.ID}, "syncOnlyGroupIds": []string{g2.ID}, "adminRoleSlugs": []string{" ", ""}}}))
	got := out.UpdateSyncConfiguration.GroupRules
	require.False(t, got.AllGroupsAsTags)
	require.Len(t, got.TagGroups, 1, "duplicates dropped")
	require.Equal(t, g1.Name, got.TagGroups[0].Name)
	require.Equal(t, g2.ID, got.SyncOnlyGroups[0].ID)
	require.Empty(t, got.AdminGroups)
	require.Empty(t, got.AdminRoleSlugs)

	read := decode[struct {
		DirectorySync struct{ Configuration struct{ GroupRules rules } }
	}](t, b.gql(t, admin, `{ directorySync { configuration { groupRules { allGroupsAsTags tagGroups { id name } syncOnlyGroups { id } adminGroups { id } adminRoleSlugs } } } }`, nil))
	require.Equal(t, got, read.DirectorySync.Configuration.GroupRules)

	member := b.token(t, acme.id, acme.memberID)
	require.Equal(t, "FORBIDDEN", b.gql(t, member, save, map[string]any{"r": map[string]any{"allGroupsAsTags": true}}).code())
}
