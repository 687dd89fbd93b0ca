package engine_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// groupMirror reads the company's mirrored groups as "name: member emails".
func groupMirror(t *testing.T, b *bundle) map[string][]string {
	t.Helper()
	var rows []struct {
		Name  string
		Email *string
	}
	require.NoError(t, b.db.NewRaw(`SELECT g.name, d.email FROM directory_groups g
LEFT JOIN directory_group_members m ON m.company_id = g.company_id AND m.group_id = g.id
LEFT JOIN directory_users d ON d.company_id = m.company_id AND d.id = m.user_id
WHERE g.company_id = ?`, b.company).Scan(context.Background(), &rows))
	out := map[string][]string{}
	for _, r := range rows {
		if _, ok := out[r.Name]; !ok {
			out[r.Name] = []string{}
		}
		if r.Email != nil {
			out[r.Name] = append(out[r.Name], *r.Email)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

func TestGroupsMirror(t *testing.T) {
	t.Parallel()
	for _, mode := range []emulator.GroupsMode{emulator.GroupsFilled, emulator.GroupsEmpty} {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			b := setup(t, opts{groups: mode})
			ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Engineering-Berlin", "IT-Admins"}})
			b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Engineering-Berlin"}})
			b.put(t, emulator.User{Email: "cy@acme.test"})
			run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			require.Equal(t, 3, run.Created)
			require.Equal(t, map[string][]string{
				"Engineering-Berlin": {"ada@acme.test", "bob@acme.test"},
				"IT-Admins":          {"ada@acme.test"},
			}, groupMirror(t, b))
			var withGroups int
			require.NoError(t, b.db.NewRaw(`SELECT count(*) FROM directory_users WHERE company_id = ? AND raw::jsonb ? 'groups'`,
				b.company).Scan(ctx, &withGroups))
			require.Zero(t, withGroups, "the mirrored user JSON has no groups member")

			before := snapshot(t, b.db)
			run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			require.Equal(t, 3, run.Unchanged)
			require.Equal(t, before, snapshot(t, b.db))

			groups, err := b.emu.Groups(b.dir.ID)
			require.NoError(t, err)
			byName := map[string]emulator.Group{}
			for _, g := range groups {
				byName[g.Name] = g
			}
			require.NoError(t, b.emu.RemoveUserFromGroup(byName["Engineering-Berlin"].ID, ada.ID))
			admins := byName["IT-Admins"]
			admins.Name = "IT Administrators"
			_, err = b.emu.PutGroup(b.dir.ID, admins)
			require.NoError(t, err)
			_, err = b.emu.PutGroup(b.dir.ID, emulator.Group{Name: "Empty"})
			require.NoError(t, err)
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			require.Equal(t, map[string][]string{
				"Engineering-Berlin": {"bob@acme.test"},
				"IT Administrators":  {"ada@acme.test"},
				"Empty":              {},
			}, groupMirror(t, b))

			require.NoError(t, b.emu.RemoveGroup(byName["Engineering-Berlin"].ID))
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			require.Equal(t, map[string][]string{"IT Administrators": {"ada@acme.test"}, "Empty": {}}, groupMirror(t, b))
		})
	}
}

// TestGroupsFailingPageChangesNothing: a run that cannot read every group page fails and
// changes neither users nor the mirror.
func TestGroupsFailingPageChangesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{groups: emulator.GroupsEmpty})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", FirstName: "Ada", Groups: []string{"A"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	mirror := groupMirror(t, b)

	ada.FirstName = "Ada L."
	b.put(t, ada)
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"A", "B"}})
	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{FailGroupPage: 1, FailGroupPageMode: emulator.FailAlways}))
	before := snapshot(t, b.db)
	run := b.sync(t, engine.RunOptions{}, db.RunFailed)
	require.Contains(t, *run.Error, "group")
	require.Equal(t, before, snapshot(t, b.db), "no user changed")
	require.Equal(t, mirror, groupMirror(t, b), "the group mirror is as before")
	var users int
	require.NoError(t, b.db.NewRaw("SELECT count(*) FROM directory_users WHERE company_id = ?", b.company).Scan(context.Background(), &users))
	require.Equal(t, 1, users, "the user mirror is as before")

	require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{}))
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, map[string][]string{"A": {"ada@acme.test", "bob@acme.test"}, "B": {"bob@acme.test"}}, groupMirror(t, b))
}

// groupRows reads the company's mirrored groups ("id name idp_id") and memberships
// ("group_id user_id"), sorted.
func groupRows(t *testing.T, b *bundle) ([]string, []string) {
	t.Helper()
	var groups, members []string
	require.NoError(t, b.db.NewRaw(`SELECT id || ' ' || name || ' ' || coalesce(idp_id, '') FROM directory_groups WHERE company_id = ? ORDER BY 1`,
		b.company).Scan(context.Background(), &groups))
	require.NoError(t, b.db.NewRaw(`SELECT group_id || ' ' || user_id FROM directory_group_members WHERE company_id = ? ORDER BY 1`,
		b.company).Scan(context.Background(), &members))
	return groups, members
}

// TestGroupEventsMatchPull: each batch of group events, applied as an EVENTS run (which
// writes only what the events changed), leaves the group mirror as a full pull of the
// directory then does.
func TestGroupEventsMatchPull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{groups: emulator.GroupsEmpty})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Berlin", "Ops"}})
	bob := b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Berlin"}})
	cy := b.put(t, emulator.User{Email: "cy@acme.test", Groups: []string{"Ops"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	ids := groupIDs(t, b)
	steps := []struct {
		name   string
		change func(t *testing.T)
	}{
		{"member added", func(t *testing.T) { require.NoError(t, b.emu.AddUserToGroup(ids["Ops"], bob.ID)) }},
		{"member removed", func(t *testing.T) { require.NoError(t, b.emu.RemoveUserFromGroup(ids["Berlin"], ada.ID)) }},
		{"group renamed", func(t *testing.T) {
			_, err := b.emu.PutGroup(b.dir.ID, emulator.Group{ID: ids["Berlin"], Name: "Berlin HQ"})
			require.NoError(t, err)
		}},
		{"group created with members", func(t *testing.T) {
			g, err := b.emu.PutGroup(b.dir.ID, emulator.Group{Name: "Madrid"})
			require.NoError(t, err)
			require.NoError(t, b.emu.AddUserToGroup(g.ID, cy.ID))
			require.NoError(t, b.emu.AddUserToGroup(g.ID, ada.ID))
		}},
		{"group deleted", func(t *testing.T) { require.NoError(t, b.emu.RemoveGroup(ids["Ops"])) }},
		{"added, removed and added again", func(t *testing.T) {
			require.NoError(t, b.emu.AddUserToGroup(ids["Berlin"], cy.ID))
			require.NoError(t, b.emu.RemoveUserFromGroup(ids["Berlin"], cy.ID))
			require.NoError(t, b.emu.RemoveUserFromGroup(ids["Berlin"], bob.ID))
			require.NoError(t, b.emu.AddUserToGroup(ids["Berlin"], cy.ID))
		}},
	}
	for _, st := range steps {
		_, cursor, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: b.dir.OrganizationID, RangeStart: time.Now()})
		require.NoError(t, err)
		before := time.Now().Add(-time.Second)
		st.change(t)
		events, _, err := b.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: b.dir.OrganizationID, After: cursor, RangeStart: before})
		require.NoError(t, err)
		require.NotEmpty(t, events, st.name)
		run, err := b.svc.ApplyEvents(ctx, b.company, engine.EventBatch{Events: events})
		require.NoError(t, err, st.name)
		require.Equal(t, db.RunSucceeded, run.Status, "%s: %v", st.name, run.Error)
		groups, members := groupRows(t, b)
		b.sync(t, engine.RunOptions{}, db.RunSucceeded)
		pulledGroups, pulledMembers := groupRows(t, b)
		require.Equal(t, pulledGroups, groups, st.name)
		require.Equal(t, pulledMembers, members, st.name)
	}
	require.Equal(t, map[string][]string{"Berlin HQ": {"cy@acme.test"}, "Madrid": {"ada@acme.test", "cy@acme.test"}}, groupMirror(t, b))
}
