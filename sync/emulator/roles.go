package emulator

import (
	"slices"
)

// DefaultRoles is the environment's role list when Options.Roles is empty,
// highest priority first.
var DefaultRoles = []string{"admin", "member"}

// roleRank orders role slugs: those of Options.Roles by their position, any
// other after them.
func (e *Emulator) roleRank(s Slug) int {
	if i := slices.Index(e.opts.Roles, string(s)); i >= 0 {
		return i
	}
	return len(e.opts.Roles)
}

// effectiveRoles is what WorkOS renders for u: with group role assignments,
// role is the highest-priority role among u's groups and roles all of them
// (highest first); without, the role given to the user directly.
func (u *userRec) effectiveRoles(rank func(Slug) int) (Slug, []Slug) {
	var roles []Slug
	for _, g := range u.groups {
		if g.role != "" && !slices.Contains(roles, g.role) {
			roles = append(roles, g.role)
		}
	}
	if len(roles) == 0 {
		return u.ownRole, u.ownRoles
	}
	slices.SortStableFunc(roles, func(a, b Slug) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	return roles[0], roles
}

// refreshRolesLocked re-renders u when its group-derived roles changed and
// emits dsync.user.updated with the previous role and roles.
func (e *Emulator) refreshRolesLocked(u *userRec) {
	role, roles := u.effectiveRoles(e.roleRank)
	if role == u.f.role && slices.Equal(roles, u.f.roles) {
		return
	}
	prevRoles := make([]obj, len(u.f.roles))
	for i, r := range u.f.roles {
		prevRoles[i] = obj{{"slug", string(r)}}
	}
	prev := obj{{"role", obj{{"slug", string(u.f.role)}}}, {"roles", prevRoles}}
	u.f.role, u.f.roles = role, roles
	u.f.updatedAt = e.now()
	u.reencode()
	data := append(append([]byte{}, u.core[:len(u.core)-1]...), `,"previous_attributes":`...)
	data = append(appendJSON(data, prev), '}')
	e.emit(EventUserUpdated, u.dir.orgID, data)
}

// SetGroupRole assigns a role slug to a group (WorkOS's directory group role
// assignment; "" removes it). Members' role and roles follow, each change
// emitting dsync.user.updated. Only SCIM and Google Workspace directories
// support it, as in WorkOS.
func (e *Emulator) SetGroupRole(groupID, role string) (Group, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	g, ok := e.groups[groupID]
	if !ok {
		return Group{}, notFound("group", groupID)
	}
	if role != "" && !supportsRoleAssignment(g.dir.typ) {
		return Group{}, invalid("role", "unsupported", "directory type %q does not support group role assignment", g.dir.typ)
	}
	if g.role == Slug(role) {
		return g.toGroup(), nil
	}
	g.role = Slug(role)
	for _, u := range g.members {
		e.refreshRolesLocked(u)
	}
	return g.toGroup(), nil
}
