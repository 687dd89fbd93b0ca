package engine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
	"github.com/officetogether/dirsync/sync/workos"
)

// groupIDs returns the emulator's group ids by name.
func groupIDs(t *testing.T, b *bundle) map[string]string {
	t.Helper()
	groups, err := b.emu.Groups(b.dir.ID)
	require.NoError(t, err)
	out := map[string]string{}
	for _, g := range groups {
		out[g.Name] = g.ID
	}
	return out
}

// saveRules checks and saves group rules as the resolver does.
func saveRules(t *testing.T, b *bundle, rules engine.GroupRules) {
	t.Helper()
	ctx := context.Background()
	checked, err := b.svc.CheckGroupRules(ctx, b.company, rules)
	require.NoError(t, err)
	require.NoError(t, b.svc.SaveGroupRules(ctx, b.company, checked))
}

func TestGroupsAsTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{groups: emulator.GroupsEmpty})
	b.put(t, emulator.User{Email: "ada@acme.test", CustomAttributes: map[string]any{"employee_type": "Full Time"},
		Groups: []string{"Engineering-Berlin", "IT-Admins"}})
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Sales"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded) // mirrors the groups
	ids := groupIDs(t, b)

	m := mapping.DefaultMapping()
	m.TagFields = []mapping.TagField{
		{Key: "type", Label: "Employment type", Pointer: "/custom_attributes/employee_type"},
		{Key: "groups", FromGroups: true},
	}
	_, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	saveRules(t, b, engine.GroupRules{TagGroupIDs: []string{ids["Engineering-Berlin"], ids["Sales"]}})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Updated)
	us := b.users(t)
	require.Equal(t, []string{"Full Time", "Engineering-Berlin"}, us["ada@acme.test"].Tags, "only chosen groups, after the mapped tags")
	require.Equal(t, []string{"type", "groups"}, us["ada@acme.test"].TagFields)
	require.Equal(t, []string{"Sales"}, us["bob@acme.test"].Tags)

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 2, run.Unchanged, "unchanged groups write nothing")

	saveRules(t, b, engine.GroupRules{AllGroupsAsTags: true})
	_, err = b.emu.PutGroup(b.dir.ID, emulator.Group{ID: ids["Engineering-Berlin"], Name: "Eng Berlin"})
	require.NoError(t, err)
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, []string{"Full Time", "Eng Berlin", "IT-Admins"}, b.users(t)["ada@acme.test"].Tags, "all groups; a renamed group renames the tag")
}

func TestSyncOnlyGroups(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"OfficeTogether Users"}})
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"OfficeTogether Users"}})
	b.put(t, emulator.User{Email: "cy@acme.test", Groups: []string{"Contractors"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Len(t, b.users(t), 4, "everyone (and the admin) before the rule")
	ids := groupIDs(t, b)

	bad, err := b.svc.CheckGroupRules(context.Background(), b.company, engine.GroupRules{SyncOnlyGroupIDs: []string{ids["Contractors"], "directory_group_nope"}})
	var ve *engine.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "groupRules.syncOnlyGroupIds", ve.Field)
	require.Contains(t, ve.Message, "directory_group_nope")
	require.Equal(t, []string{ids["Contractors"], "directory_group_nope"}, bad.SyncOnlyGroupIDs)

	saveRules(t, b, engine.GroupRules{SyncOnlyGroupIDs: []string{ids["OfficeTogether Users"]}})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Deactivated, "a synced non-member is inactivated like an un-assigned user")
	us := b.users(t)
	require.Equal(t, db.StatusInactive, us["cy@acme.test"].Status)
	require.Equal(t, db.StatusActive, us["ada@acme.test"].Status)

	// A member who leaves the group is inactivated by the next run; the guard holds a run
	// that would inactivate too many.
	require.NoError(t, b.emu.RemoveUserFromGroup(ids["OfficeTogether Users"], ada.ID))
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Deactivated)
	require.Equal(t, db.StatusInactive, b.users(t)["ada@acme.test"].Status)

	_, err = b.svc.SaveConfiguration(context.Background(), b.company, b.admin, engine.ConfigurationUpdate{MaxDeactivationPercent: ptr(0.0), MaxDeactivationCount: ptr(0)})
	require.NoError(t, err)
	saveRules(t, b, engine.GroupRules{SyncOnlyGroupIDs: []string{ids["Contractors"]}})
	b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	require.Equal(t, db.StatusActive, b.users(t)["bob@acme.test"].Status, "held for review, nothing changed")
}

// TestGroupEventsReachTags: membership and rename events applied as one EVENTS run change
// the group mirror and the users' group tags in that run; sync-only groups follow too.
func TestGroupEventsReachTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{groups: emulator.GroupsEmpty})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Berlin"}})
	bob := b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Berlin"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	ids := groupIDs(t, b)
	m := mapping.DefaultMapping()
	m.TagFields = []mapping.TagField{{Key: "groups", Label: "Teams", FromGroups: true}}
	_, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	saveRules(t, b, engine.GroupRules{AllGroupsAsTags: true, SyncOnlyGroupIDs: []string{ids["Berlin"]}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, []string{"Berlin"}, b.users(t)["ada@acme.test"].Tags)

	_, cursor, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: b.dir.OrganizationID})
	require.NoError(t, err)
	madrid, err := b.emu.PutGroup(b.dir.ID, emulator.Group{Name: "Madrid"})
	require.NoError(t, err)
	require.NoError(t, b.emu.AddUserToGroup(madrid.ID, ada.ID))
	_, err = b.emu.PutGroup(b.dir.ID, emulator.Group{ID: ids["Berlin"], Name: "Berlin HQ"})
	require.NoError(t, err)
	require.NoError(t, b.emu.RemoveUserFromGroup(ids["Berlin"], bob.ID))
	events, _, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: b.dir.OrganizationID, After: cursor})
	require.NoError(t, err)
	require.NotEmpty(t, events)

	run, err := b.svc.ApplyEvents(ctx, b.company, engine.EventBatch{Events: events})
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status, "%v", run.Error)
	us := b.users(t)
	require.Equal(t, []string{"Berlin HQ", "Madrid"}, us["ada@acme.test"].Tags)
	require.Equal(t, db.StatusInactive, us["bob@acme.test"].Status, "left the sync-only group")
	require.Equal(t, map[string][]string{"Berlin HQ": {"ada@acme.test"}, "Madrid": {"ada@acme.test"}}, groupMirror(t, b))
}
