package engine_test

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
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
