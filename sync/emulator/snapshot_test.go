package emulator_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

// directoryView is what the SDK shows of every directory, with all its users
// and groups, compared before and after a snapshot round trip.
type directoryView struct {
	Directory directorysync.Directory
	Users     []directorysync.User
	Groups    []directorysync.Group
}

func viewAll(t *testing.T, b *bundle) []directoryView {
	t.Helper()
	ctx := context.Background()
	dirs, err := b.dsync.ListDirectories(ctx, directorysync.ListDirectoriesOpts{Limit: 100})
	require.NoError(t, err)
	var out []directoryView
	for _, d := range dirs.Data {
		// Created and updated times of directories are not kept.
		d.CreatedAt, d.UpdatedAt = "", ""
		v := directoryView{Directory: d}
		for after := ""; ; {
			res, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID, Limit: 100, After: after})
			require.NoError(t, err)
			for _, u := range res.Data {
				// Attributes keep their content, not their key order.
				u.RawAttributes = canonicalJSON(t, u.RawAttributes)
				u.CustomAttributes = canonicalJSON(t, u.CustomAttributes)
				v.Users = append(v.Users, u)
			}
			if after = res.ListMetadata.After; after == "" {
				break
			}
		}
		groups, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{Directory: d.ID, Limit: 100})
		require.NoError(t, err)
		v.Groups = groups.Data
		out = append(out, v)
	}
	return out
}

// TestSnapshotRoundTrip: the demo fixture with an inactive user, a renamed
// group and a group role, snapshotted to JSON and restored into a new
// emulator, lists the same directories, users and groups under the same ids
// through the SDK; the events are the same, a cursor taken before sees
// exactly the changes made after the restore, and new ids never repeat old
// ones even on the same clock.
func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	b1 := setup(t)
	_, err := b1.em.LoadDemo()
	require.NoError(t, err)
	dirs := b1.em.Directories()
	var custom, okta emulator.Directory
	for _, d := range dirs {
		switch d.Type {
		case "workday":
			custom = d
		case "okta scim v2.0":
			okta = d
		}
	}
	require.NotEmpty(t, custom.ID)
	require.NotEmpty(t, okta.ID)
	customUsers, err := b1.em.Users(custom.ID)
	require.NoError(t, err)
	_, err = b1.em.SetUserState(customUsers[3].ID, emulator.StateInactive)
	require.NoError(t, err)
	oktaGroups, err := b1.em.Groups(okta.ID)
	require.NoError(t, err)
	_, err = b1.em.PutGroup(okta.ID, emulator.Group{ID: oktaGroups[0].ID, Name: "Renamed Team", Role: "admin"})
	require.NoError(t, err)
	before := viewAll(t, b1)
	beforeEvents := allEvents(t, b1, eventsOpts())
	cursor := beforeEvents[len(beforeEvents)-1].ID

	data, err := json.Marshal(b1.em.Snapshot())
	require.NoError(t, err)
	b2 := setup(t)
	require.NoError(t, b2.em.Restore(data))
	requireSameJSON(t, before, viewAll(t, b2))
	requireSameJSON(t, beforeEvents, allEvents(t, b2, eventsOpts()))
	evs, _ := eventsSince(t, b2, cursor)
	require.Empty(t, evs, "the restore emits no events")
	require.Error(t, b2.em.Restore(data), "a second restore into a non-empty emulator")

	u := before[0].Users[0]
	_, err = b2.em.PutUser(before[0].Directory.ID, emulator.User{ID: u.ID, Email: u.Emails[0].Value, FirstName: "Renamed", LastName: u.LastName})
	require.NoError(t, err)
	added, err := b2.em.PutUser(before[0].Directory.ID, emulator.User{Email: "new.person@example.com", FirstName: "New", LastName: "Person"})
	require.NoError(t, err)
	evs, _ = eventsSince(t, b2, cursor)
	require.Equal(t, []string{"dsync.user.updated", "dsync.user.created"}, eventNames(evs))
	seen := map[string]bool{}
	for _, v := range before {
		for _, x := range v.Users {
			seen[x.ID] = true
		}
	}
	require.False(t, seen[added.ID], "a new user's id %s repeats an old one", added.ID)
}

// requireSameJSON compares two values as indented JSON, so a difference
// shows as lines (raw attributes are json.RawMessage).
func requireSameJSON(t *testing.T, want, got any) {
	t.Helper()
	w, err := json.MarshalIndent(want, "", " ")
	require.NoError(t, err)
	g, err := json.MarshalIndent(got, "", " ")
	require.NoError(t, err)
	require.Equal(t, string(w), string(g))
}

func canonicalJSON(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return out
}
