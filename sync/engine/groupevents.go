package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// eventGroup is the part of a directory group in an event the engine reads.
type eventGroup struct {
	ID          string `json:"id"`
	DirectoryID string `json:"directory_id"`
	IdpID       string `json:"idp_id"`
	Name        string `json:"name"`
}

// membershipEvent is the data of dsync.group.user_added and user_removed.
type membershipEvent struct {
	DirectoryID string     `json:"directory_id"`
	User        eventUser  `json:"user"`
	Group       eventGroup `json:"group"`
}

// isGroupEvent reports whether t is one of the dsync.group.* events.
func isGroupEvent(t string) bool {
	switch t {
	case workos.EventGroupCreated, workos.EventGroupUpdated, workos.EventGroupDeleted,
		workos.EventGroupUserAdded, workos.EventGroupUserRemoved:
		return true
	}
	return false
}

// foldGroupEvents applies an EVENTS run's dsync.group.* events, in order, to the mirrored
// groups and memberships and makes the result r.groups, which planning uses and the
// run's commit writes. A batch without group events leaves r.groups nil (the mirror is
// not rewritten). Events of other directories are ignored.
func (r *runner) foldGroupEvents(ctx context.Context) error {
	if r.batch == nil || r.groups != nil || !slices.ContainsFunc(r.batch.Events, func(e workos.Event) bool {
		return isGroupEvent(e.Type) && !e.CreatedAt.Before(r.batch.Since)
	}) {
		return nil
	}
	dirID := *r.connection.DirectoryID
	groups, members, err := db.GroupMirror(ctx, r.conn, r.run.CompanyID)
	if err != nil {
		return err
	}
	mirrored := slices.Clone(groups) // byID's rows are groups' own, changed in place
	byID := make(map[string]*db.GroupRow, len(groups))
	order := make([]string, 0, len(groups))
	for i := range groups {
		byID[groups[i].ID] = &groups[i]
		order = append(order, groups[i].ID)
	}
	type key struct{ group, user string }
	in := make(map[key]bool, len(members))
	for _, m := range members {
		in[key{m.GroupID, m.UserID}] = true
	}
	put := func(g eventGroup) {
		if cur, ok := byID[g.ID]; ok {
			cur.Name, cur.IdpID = g.Name, g.IdpID
			return
		}
		byID[g.ID] = &db.GroupRow{ID: g.ID, DirectoryID: dirID, IdpID: g.IdpID, Name: g.Name}
		order = append(order, g.ID)
	}
	for _, e := range r.batch.Events {
		if !isGroupEvent(e.Type) || e.CreatedAt.Before(r.batch.Since) {
			continue
		}
		switch e.Type {
		case workos.EventGroupUserAdded, workos.EventGroupUserRemoved:
			var m membershipEvent
			if err := json.Unmarshal(e.Data, &m); err != nil || m.Group.ID == "" || m.User.ID == "" {
				return fmt.Errorf("decode event %s: not a group membership (%v)", e.ID, err)
			}
			if m.DirectoryID != "" && m.DirectoryID != dirID {
				continue
			}
			k := key{m.Group.ID, m.User.ID}
			if e.Type == workos.EventGroupUserAdded {
				put(m.Group)
				in[k] = true
			} else {
				delete(in, k)
			}
		default:
			var g eventGroup
			if err := json.Unmarshal(e.Data, &g); err != nil || g.ID == "" {
				return fmt.Errorf("decode event %s: not a directory group (%v)", e.ID, err)
			}
			if g.DirectoryID != "" && g.DirectoryID != dirID {
				continue
			}
			if e.Type == workos.EventGroupDeleted {
				delete(byID, g.ID)
				continue
			}
			put(g)
		}
	}
	out := &pulledGroups{}
	for _, id := range order {
		if g, ok := byID[id]; ok {
			out.groups = append(out.groups, *g)
			delete(byID, id) // an id listed twice (created, deleted, created) is kept once
		}
	}
	known := make(map[string]bool, len(out.groups))
	for _, g := range out.groups {
		known[g.ID] = true
	}
	for k := range in {
		if known[k.group] {
			out.members = append(out.members, db.MemberRow{GroupID: k.group, UserID: k.user})
		}
	}
	slices.SortFunc(out.members, func(a, b db.MemberRow) int {
		if c := strings.Compare(a.GroupID, b.GroupID); c != 0 {
			return c
		}
		return strings.Compare(a.UserID, b.UserID)
	})
	out.change = groupMirrorChange(mirrored, members, out)
	r.groups = out
	return nil
}

// groupMirrorChange is what turns the mirrored groups and members into after's.
func groupMirrorChange(groups []db.GroupRow, members []db.MemberRow, after *pulledGroups) *db.GroupMirrorChange {
	c := &db.GroupMirrorChange{}
	before := make(map[string]db.GroupRow, len(groups))
	for _, g := range groups {
		before[g.ID] = g
	}
	for _, g := range after.groups {
		if b, ok := before[g.ID]; !ok || b.DirectoryID != g.DirectoryID || b.IdpID != g.IdpID || b.Name != g.Name {
			c.Upsert = append(c.Upsert, g)
		}
		delete(before, g.ID)
	}
	for _, id := range slices.Sorted(maps.Keys(before)) {
		c.Delete = append(c.Delete, id)
	}
	was := make(map[db.MemberRow]bool, len(members))
	for _, m := range members {
		was[m] = true
	}
	for _, m := range after.members {
		if !was[m] {
			c.Add = append(c.Add, m)
		}
		delete(was, m)
	}
	for m := range was {
		if _, gone := before[m.GroupID]; !gone { // a departed group's memberships go with it
			c.Remove = append(c.Remove, m)
		}
	}
	return c
}
