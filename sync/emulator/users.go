package emulator

import (
	"fmt"
)

// PutUser creates or updates a user in directory dirID and emits the
// matching events: dsync.user.created for a new user; dsync.user.updated
// (with previous_attributes) for a changed one; dsync.user.deleted when the
// user becomes inactive in a secure-flow directory. An existing user is
// found by u.ID, else by u.IdpID. The update replaces all fields.
// When u.Groups is non-nil, memberships are set to exactly those groups
// (missing groups are created), emitting dsync.group.* events.
func (e *Emulator) PutUser(dirID string, u User) (User, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return User{}, notFound("directory", dirID)
	}
	rec, id, err := e.putUserLocked(d, u)
	if err != nil {
		return User{}, fmt.Errorf("put user in %s: %w", dirID, err)
	}
	if rec == nil {
		return User{ID: id, DirectoryID: d.id, OrganizationID: d.orgID, State: StateInactive}, nil
	}
	return rec.toUser(), nil
}

// putUserLocked implements PutUser; it returns a nil record and the id
// when the user was deleted by the secure flow.
func (e *Emulator) putUserLocked(d *dirRec, u User) (*userRec, string, error) {
	var existing *userRec
	switch {
	case u.ID != "":
		existing = e.users[u.ID]
		if existing == nil || existing.dir != d {
			return nil, "", notFound("user", u.ID)
		}
	case u.IdpID != "":
		existing = d.byIdp[u.IdpID]
	}
	if existing != nil {
		u.ID = existing.id
		if u.IdpID == "" {
			u.IdpID = existing.idpID
		}
	}
	forRaw := u
	if forRaw.Groups == nil && existing != nil {
		forRaw.Groups = existing.groupNames()
	}
	f, err := e.fieldsFromUser(d, forRaw)
	if err != nil {
		return nil, "", err
	}
	if existing == nil {
		if f.state == StateInactive && d.flow == SecureFlow {
			return nil, "", invalid("state", "invalid", "directory %s uses the secure flow: inactive users are deleted", d.id)
		}
		rec := e.createUserLocked(d, &f)
		if u.Groups != nil {
			e.setGroupsLocked(rec, u.Groups)
		}
		return rec, rec.id, nil
	}
	return e.updateUserLocked(existing, &f, u.Groups), existing.id, nil
}

// createUserLocked stores a new user and emits dsync.user.created.
func (e *Emulator) createUserLocked(d *dirRec, f *userFields) *userRec {
	now := e.now()
	if f.id == "" {
		f.id = e.ids.next("directory_user_", now)
	}
	if f.createdAt.IsZero() {
		f.createdAt, f.updatedAt = now, now
	}
	rec := &userRec{id: f.id, idpID: f.idpID, email: f.email, state: f.state, dir: d, raw: exact(f.raw), createdAt: f.createdAt,
		ownRole: f.role, ownRoles: f.roles}
	rec.setEncoded(f)
	e.users[rec.id] = rec
	d.users = insertSorted(d.users, rec)
	d.byIdp[rec.idpID] = rec
	if rec.state == StateInactive {
		d.inactive++
	}
	e.emit(EventUserCreated, d.orgID, rec.core)
	return rec
}

// updateUserLocked applies new fields to rec and emits the events.
func (e *Emulator) updateUserLocked(rec *userRec, f *userFields, groups []string) *userRec {
	d := rec.dir
	f.id = rec.id
	f.createdAt = rec.createdAt
	f.updatedAt = e.now()
	rec.ownRole, rec.ownRoles = f.role, f.roles
	f.role, f.roles = rec.effectiveRoles(e.roleRank)
	core, _, _ := encodeUser(d, f)
	prev := previousAttributes(rec.core, core)
	if prev != nil {
		delete(d.byIdp, rec.idpID)
		if rec.state == StateInactive {
			d.inactive--
		}
		rec.idpID, rec.email, rec.state, rec.raw = f.idpID, f.email, f.state, exact(f.raw)
		rec.setEncoded(f)
		core = rec.core
		d.byIdp[rec.idpID] = rec
		if rec.state == StateInactive {
			d.inactive++
		}
		if rec.state == StateInactive && d.flow == SecureFlow {
			e.deleteUserLocked(rec)
			return nil
		}
		data := append(append([]byte{}, core[:len(core)-1]...), `,"previous_attributes":`...)
		data = append(appendJSON(data, prev), '}')
		e.emit(EventUserUpdated, d.orgID, data)
	} else {
		// Nothing WorkOS shows changed (e.g. job_title in RawEmpty mode):
		// keep the rendering, remember the fields for a later mode switch.
		custom, updated := rec.f.custom, rec.f.updatedAt
		rec.raw = exact(f.raw)
		rec.f = *f
		rec.f.custom, rec.f.updatedAt, rec.f.raw = custom, updated, rec.raw
	}
	if groups != nil {
		e.setGroupsLocked(rec, groups)
	}
	return rec
}

// deleteUserLocked removes rec and emits dsync.user.deleted.
func (e *Emulator) deleteUserLocked(rec *userRec) {
	d := rec.dir
	for _, g := range rec.groups {
		g.members = removeSorted(g.members, rec)
	}
	rec.groups = nil
	delete(e.users, rec.id)
	if d.byIdp[rec.idpID] == rec {
		delete(d.byIdp, rec.idpID)
	}
	d.users = removeSorted(d.users, rec)
	if rec.state == StateInactive {
		d.inactive--
	}
	e.emit(EventUserDeleted, d.orgID, rec.core)
}

// RemoveUser deletes a user (as when it is unassigned in the provider) and
// emits dsync.user.deleted.
func (e *Emulator) RemoveUser(userID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, ok := e.users[userID]
	if !ok {
		return notFound("user", userID)
	}
	e.deleteUserLocked(rec)
	return nil
}

// SetUserState sets a user active or inactive. In a secure-flow directory
// an inactive user is deleted (dsync.user.deleted) and the returned User has
// only ID and State; otherwise dsync.user.updated is emitted.
func (e *Emulator) SetUserState(userID, state string) (User, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, ok := e.users[userID]
	if !ok {
		return User{}, notFound("user", userID)
	}
	st, err := normalizeState(state)
	if err != nil {
		return User{}, err
	}
	u := rec.toUser()
	u.State = st
	u.Groups = nil
	setRawActive(u.RawAttributes, st == StateActive)
	if _, _, err := e.putUserLocked(rec.dir, u); err != nil {
		return User{}, fmt.Errorf("set state of %s: %w", userID, err)
	}
	if cur, ok := e.users[userID]; ok {
		return cur.toUser(), nil
	}
	return User{ID: userID, DirectoryID: rec.dir.id, OrganizationID: rec.dir.orgID, State: st}, nil
}

// User returns a user by id.
func (e *Emulator) User(userID string) (User, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	rec, ok := e.users[userID]
	if !ok {
		return User{}, notFound("user", userID)
	}
	return rec.toUser(), nil
}

// Users returns the users of a directory, oldest first.
func (e *Emulator) Users(dirID string) ([]User, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return nil, notFound("directory", dirID)
	}
	out := make([]User, len(d.users))
	for i, u := range d.users {
		out[i] = u.toUser()
	}
	return out, nil
}

// groupNames lists the names of u's groups.
func (u *userRec) groupNames() []string {
	out := make([]string, len(u.groups))
	for i, g := range u.groups {
		out[i] = g.name
	}
	return out
}

// setRawActive updates the provider's activity flag in a raw payload: SCIM
// "active", Google "suspended", BambooHR "status", Gusto "terminated".
func setRawActive(raw map[string]any, active bool) {
	if _, ok := raw["active"]; ok {
		raw["active"] = active
	}
	if _, ok := raw["suspended"]; ok {
		raw["suspended"] = !active
	}
	if _, ok := raw["terminated"]; ok {
		raw["terminated"] = !active
	}
	if _, ok := raw["status"]; ok {
		raw["status"] = map[bool]string{true: "Active", false: "Inactive"}[active]
	}
}
