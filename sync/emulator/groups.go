package emulator

import (
	"strings"
)

// PutGroup creates a group (dsync.group.created) or renames an existing one
// found by g.ID, else by g.IdpID, else by name (dsync.group.updated).
func (e *Emulator) PutGroup(dirID string, g Group) (Group, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return Group{}, notFound("directory", dirID)
	}
	name := strings.TrimSpace(g.Name)
	if name == "" {
		return Group{}, invalid("name", "required", "group name is required")
	}
	var rec *groupRec
	switch {
	case g.ID != "":
		rec = e.groups[g.ID]
		if rec == nil || rec.dir != d {
			return Group{}, notFound("group", g.ID)
		}
	case g.IdpID != "":
		for _, x := range d.groups {
			if x.idpID == g.IdpID {
				rec = x
			}
		}
	default:
		rec = d.byName[groupKey(name)]
	}
	if g.Role != "" && !supportsRoleAssignment(d.typ) {
		return Group{}, invalid("role", "unsupported", "directory type %q does not support group role assignment", d.typ)
	}
	if rec == nil {
		rec = e.createGroupLocked(d, name, g.IdpID)
	} else if rec.name != name {
		e.renameGroupLocked(rec, name)
	}
	if g.Role != "" && rec.role != Slug(g.Role) {
		rec.role = Slug(g.Role)
		for _, u := range rec.members {
			e.refreshRolesLocked(u)
		}
	}
	return rec.toGroup(), nil
}

// createGroupLocked stores a group and emits dsync.group.created.
func (e *Emulator) createGroupLocked(d *dirRec, name, idpID string) *groupRec {
	return e.createGroupWithIDLocked(d, "", name, idpID)
}

// createGroupWithIDLocked is createGroupLocked keeping a given (checked,
// unused) id; "" generates one.
func (e *Emulator) createGroupWithIDLocked(d *dirRec, id, name, idpID string) *groupRec {
	now := e.now()
	if id == "" {
		id = e.ids.next("directory_group_", now)
	}
	p := e.providerFor(d.typ)
	if idpID == "" {
		idpID = p.groupIdpID(e.rng)
	}
	rec := &groupRec{
		id: id, idpID: idpID, name: name, dir: d,
		createdAt: now, updatedAt: now, raw: p.groupRaw(idpID, name, d.domain),
	}
	rec.encode()
	e.groups[rec.id] = rec
	d.groups = insertSorted(d.groups, rec)
	d.byName[groupKey(name)] = rec
	e.emit(EventGroupCreated, d.orgID, rec.core)
	return rec
}

// renameGroupLocked renames rec and emits dsync.group.updated.
func (e *Emulator) renameGroupLocked(rec *groupRec, name string) {
	d := rec.dir
	old := rec.name
	delete(d.byName, groupKey(old))
	rec.name, rec.updatedAt = name, e.now()
	rec.raw = e.providerFor(d.typ).groupRaw(rec.idpID, name, d.domain)
	rec.encode()
	d.byName[groupKey(name)] = rec
	data := append(append([]byte{}, rec.core[:len(rec.core)-1]...), `,"previous_attributes":`...)
	data = append(appendJSON(data, obj{{"name", old}}), '}')
	e.emit(EventGroupUpdated, d.orgID, data)
}

// RemoveGroup deletes a group; like WorkOS it emits only dsync.group.deleted
// (no dsync.group.user_removed for its members).
func (e *Emulator) RemoveGroup(groupID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, ok := e.groups[groupID]
	if !ok {
		return notFound("group", groupID)
	}
	for _, u := range rec.members {
		u.groups = removeSorted(u.groups, rec)
	}
	d := rec.dir
	defer func() {
		if rec.role != "" {
			for _, u := range rec.members {
				e.refreshRolesLocked(u)
			}
		}
	}()
	delete(e.groups, rec.id)
	delete(d.byName, groupKey(rec.name))
	d.groups = removeSorted(d.groups, rec)
	e.emit(EventGroupDeleted, d.orgID, rec.core)
	return nil
}

// AddUserToGroup adds a membership and emits dsync.group.user_added. Adding
// an existing membership is a no-op.
func (e *Emulator) AddUserToGroup(groupID, userID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	g, u, err := e.membershipLocked(groupID, userID)
	if err != nil {
		return err
	}
	e.addMemberLocked(g, u)
	return nil
}

// RemoveUserFromGroup removes a membership and emits
// dsync.group.user_removed. Removing a missing membership is a no-op.
func (e *Emulator) RemoveUserFromGroup(groupID, userID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	g, u, err := e.membershipLocked(groupID, userID)
	if err != nil {
		return err
	}
	e.removeMemberLocked(g, u)
	return nil
}

func (e *Emulator) membershipLocked(groupID, userID string) (*groupRec, *userRec, error) {
	g, ok := e.groups[groupID]
	if !ok {
		return nil, nil, notFound("group", groupID)
	}
	u, ok := e.users[userID]
	if !ok {
		return nil, nil, notFound("user", userID)
	}
	if u.dir != g.dir {
		return nil, nil, invalid("user", "invalid", "user %s is not in the directory of group %s", userID, groupID)
	}
	return g, u, nil
}

func (e *Emulator) addMemberLocked(g *groupRec, u *userRec) {
	i := lowerBound(u.groups, g.id)
	if i < len(u.groups) && u.groups[i] == g {
		return
	}
	u.groups = insertSorted(u.groups, g)
	g.members = insertSorted(g.members, u)
	e.emit(EventGroupUserAdded, g.dir.orgID, membershipParts(u, g)...)
	if g.role != "" {
		e.refreshRolesLocked(u)
	}
}

func (e *Emulator) removeMemberLocked(g *groupRec, u *userRec) {
	i := lowerBound(u.groups, g.id)
	if i >= len(u.groups) || u.groups[i] != g {
		return
	}
	u.groups = removeSorted(u.groups, g)
	g.members = removeSorted(g.members, u)
	e.emit(EventGroupUserRemoved, g.dir.orgID, membershipParts(u, g)...)
	if g.role != "" {
		e.refreshRolesLocked(u)
	}
}

// setGroupsLocked makes u a member of exactly the named groups.
func (e *Emulator) setGroupsLocked(u *userRec, names []string) {
	d := u.dir
	want := map[*groupRec]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		g := d.byName[groupKey(n)]
		if g == nil {
			g = e.createGroupLocked(d, n, "")
		}
		want[g] = true
	}
	for _, g := range append([]*groupRec(nil), u.groups...) {
		if !want[g] {
			e.removeMemberLocked(g, u)
		}
	}
	for _, n := range names {
		if g := d.byName[groupKey(strings.TrimSpace(n))]; g != nil && want[g] {
			e.addMemberLocked(g, u)
		}
	}
}

// Groups returns the groups of a directory, oldest first.
func (e *Emulator) Groups(dirID string) ([]Group, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return nil, notFound("directory", dirID)
	}
	out := make([]Group, len(d.groups))
	for i, g := range d.groups {
		out[i] = g.toGroup()
	}
	return out, nil
}

func (g *groupRec) toGroup() Group {
	return Group{
		ID: g.id, DirectoryID: g.dir.id, IdpID: g.idpID, Name: g.name, Role: string(g.role),
		CreatedAt: formatTime(g.createdAt), UpdatedAt: formatTime(g.updatedAt),
	}
}
