package emulator_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/events"

	"github.com/officetogether/dirsync/sync/emulator"
)

// eventsSince returns the dsync events after cursor and the new cursor.
func eventsSince(t *testing.T, b *bundle, after string) ([]events.Event, string) {
	t.Helper()
	opts := eventsOpts()
	opts.After = after
	evs := allEvents(t, b, opts)
	if len(evs) > 0 {
		after = evs[len(evs)-1].ID
	}
	return evs, after
}

func eventNames(evs []events.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Event
	}
	return out
}

func TestInactiveUserFlows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		flow       emulator.InactiveFlow
		wantEvent  string
		wantListed bool
	}{
		{emulator.SecureFlow, "dsync.user.deleted", false},
		{emulator.CustomFlow, "dsync.user.updated", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.flow), func(t *testing.T) {
			t.Parallel()
			b := setup(t, noRateLimit)
			org, err := b.em.CreateOrganization(emulator.Organization{Name: "Flow"})
			require.NoError(t, err)
			d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, InactiveUsers: tt.flow, RawAttributes: emulator.RawLegacy})
			require.NoError(t, err)
			require.NoError(t, b.em.GenerateUsers(d.ID, 3, 1))
			users, err := b.em.Users(d.ID)
			require.NoError(t, err)
			_, cursor := eventsSince(t, b, "")

			_, err = b.em.SetUserState(users[1].ID, emulator.StateInactive)
			require.NoError(t, err)
			evs, _ := eventsSince(t, b, cursor)
			require.Equal(t, []string{tt.wantEvent}, eventNames(evs))
			var data map[string]any
			require.NoError(t, json.Unmarshal(evs[0].Data, &data))
			require.Equal(t, users[1].ID, data["id"])
			require.Equal(t, "inactive", data["state"])
			if tt.flow == emulator.CustomFlow {
				require.Equal(t, map[string]any{"state": "active", "raw_attributes": map[string]any{"active": true}},
					data["previous_attributes"])
				require.Equal(t, false, data["raw_attributes"].(map[string]any)["active"])
			}

			res, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID})
			require.NoError(t, err)
			ids := map[string]directorysync.UserState{}
			for _, u := range res.Data {
				ids[u.ID] = u.State
			}
			_, listed := ids[users[1].ID]
			require.Equal(t, tt.wantListed, listed)
			if listed {
				require.Equal(t, directorysync.Inactive, ids[users[1].ID])
				dir, err := b.em.Directory(d.ID)
				require.NoError(t, err)
				require.Equal(t, emulator.CustomFlow, dir.InactiveUsers)
			}
		})
	}
}

func TestUserAndGroupEvents(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	org, err := b.em.CreateOrganization(emulator.Organization{Name: "Evented", Domains: []string{"evented.example"}})
	require.NoError(t, err)
	d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "workday", RawAttributes: emulator.RawLegacy})
	require.NoError(t, err)
	evs, _ := eventsSince(t, b, "")
	require.Empty(t, evs, "an HRIS directory validates before it is activated")
	got, err := b.em.Directory(d.ID)
	require.NoError(t, err)
	require.Equal(t, emulator.DirValidating, got.State)
	b.clock.Advance(emulator.DefaultValidationDelay)
	evs, cursor := eventsSince(t, b, "")
	require.Equal(t, []string{"dsync.activated"}, eventNames(evs))
	got, err = b.em.Directory(d.ID)
	require.NoError(t, err)
	require.Equal(t, emulator.DirLinked, got.State)
	var act map[string]any
	require.NoError(t, json.Unmarshal(evs[0].Data, &act))
	require.Equal(t, "active", act["state"])
	require.Equal(t, "workday", act["type"])
	require.Len(t, act["domains"], 1)

	type step struct {
		name string
		do   func() error
		want []string
	}
	var steps []step
	var u emulator.User
	var g emulator.Group
	steps = append(steps,
		step{"create user with a group", func() (err error) {
			u, err = b.em.PutUser(d.ID, emulator.User{IdpID: "w-1", FirstName: "Ann", LastName: "Lee", Email: "ann@evented.example",
				CustomAttributes: map[string]any{"department_name": "Finance"}, Groups: []string{"Finance"}})
			return err
		}, []string{"dsync.user.created", "dsync.group.created", "dsync.group.user_added"}},
		step{"update by idp id", func() (err error) {
			u, err = b.em.PutUser(d.ID, emulator.User{IdpID: "w-1", FirstName: "Ann", LastName: "Lee", Email: "ann@evented.example",
				CustomAttributes: map[string]any{"department_name": "Legal"}})
			return err
		}, []string{"dsync.user.updated"}},
		step{"unchanged put emits nothing", func() (err error) {
			_, err = b.em.PutUser(d.ID, emulator.User{ID: u.ID, IdpID: "w-1", FirstName: "Ann", LastName: "Lee", Email: "ann@evented.example",
				CustomAttributes: map[string]any{"department_name": "Legal"}})
			return err
		}, nil},
		step{"rename group", func() (err error) {
			gs, err := b.em.Groups(d.ID)
			if err != nil {
				return err
			}
			g, err = b.em.PutGroup(d.ID, emulator.Group{ID: gs[0].ID, Name: "Finance & Legal"})
			return err
		}, []string{"dsync.group.updated"}},
		step{"remove from group", func() error { return b.em.RemoveUserFromGroup(g.ID, u.ID) }, []string{"dsync.group.user_removed"}},
		step{"add to group", func() error { return b.em.AddUserToGroup(g.ID, u.ID) }, []string{"dsync.group.user_added"}},
		step{"delete group", func() error { return b.em.RemoveGroup(g.ID) }, []string{"dsync.group.deleted"}},
		step{"remove user", func() error { return b.em.RemoveUser(u.ID) }, []string{"dsync.user.deleted"}},
		step{"delete directory", func() error {
			if _, err := b.em.PutUser(d.ID, emulator.User{Email: "x@evented.example", Groups: []string{"X"}}); err != nil {
				return err
			}
			_, cursor = eventsSince(t, b, cursor)
			return b.dsync.DeleteDirectory(context.Background(), directorysync.DeleteDirectoryOpts{Directory: d.ID})
		}, []string{"dsync.deleted"}},
	)
	for _, st := range steps {
		require.NoError(t, st.do(), st.name)
		var evs []events.Event
		evs, cursor = eventsSince(t, b, cursor)
		require.Equal(t, st.want, nilIfEmpty(eventNames(evs)), st.name)
		if st.name == "delete directory" {
			var data map[string]any
			require.NoError(t, json.Unmarshal(evs[0].Data, &data))
			require.ElementsMatch(t, []string{"object", "id", "organization_id", "type", "state", "name", "created_at", "updated_at"},
				keys(data), "dsync.deleted carries only the documented fields")
			require.Equal(t, "deleting", data["state"])
			require.Equal(t, d.ID, data["id"])
		}
		if st.name == "update by idp id" {
			var data map[string]any
			require.NoError(t, json.Unmarshal(evs[0].Data, &data))
			require.Equal(t, map[string]any{"custom_attributes": map[string]any{"department_name": "Finance"},
				"raw_attributes": map[string]any{"department_name": "Finance"}}, data["previous_attributes"])
		}
		if st.name == "create user with a group" {
			var data struct {
				DirectoryID string         `json:"directory_id"`
				User        map[string]any `json:"user"`
				Group       map[string]any `json:"group"`
			}
			require.NoError(t, json.Unmarshal(evs[2].Data, &data))
			require.Equal(t, d.ID, data.DirectoryID)
			require.Equal(t, u.ID, data.User["id"])
			require.Equal(t, "Finance", data.Group["name"])
		}
	}
	_, err = b.em.Directory(d.ID)
	require.ErrorIs(t, err, emulator.ErrNotFound)
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
