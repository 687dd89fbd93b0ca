package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/officetogether/dirsync/db"
)

// Roles from the directory (GroupRules.AdminGroupIDs, AdminRoleSlugs). When either is set
// the sync manages the role of the users it links to directory users: members of an admin
// group, and users with a listed WorkOS role slug, are company administrators, the others
// members. Users not linked to the directory keep their role, the last active administrator
// is never demoted (keepLastAdmin), and the guard holds a run demoting many (demotionRule).

// managesRoles reports whether the rules make the sync manage roles.
func (g *GroupRules) managesRoles() bool {
	return len(g.AdminGroupIDs) > 0 || len(g.AdminRoleSlugs) > 0
}

// adminByGroups reports whether one of groupIDs (a directory user's groups) is an admin group.
func (g *GroupRules) adminByGroups(groupIDs []string) bool {
	return slices.ContainsFunc(groupIDs, func(id string) bool { return slices.Contains(g.AdminGroupIDs, id) })
}

// workosRoles is the part of a WorkOS directory user naming its roles.
type workosRoles struct {
	Role *struct {
		Slug string `json:"slug"`
	} `json:"role"`
	Roles []struct {
		Slug string `json:"slug"`
	} `json:"roles"`
}

// adminBySlug reports whether the WorkOS directory user raw has a listed admin role slug,
// as its role.slug or one of its roles[].slug. A role or roles of another shape counts as
// none (WorkOS adds fields; a directory without roles leaves them out).
func (g *GroupRules) adminBySlug(raw []byte) (bool, error) {
	if len(g.AdminRoleSlugs) == 0 {
		return false, nil
	}
	var rs workosRoles
	// A role or roles of another type fails only that field; the rest is still read.
	if err := json.Unmarshal(raw, &rs); err != nil {
		if te := (*json.UnmarshalTypeError)(nil); !errors.As(err, &te) {
			return false, fmt.Errorf("read roles of directory user: %w", err)
		}
	}
	if rs.Role != nil && slices.Contains(g.AdminRoleSlugs, rs.Role.Slug) {
		return true, nil
	}
	for _, r := range rs.Roles {
		if slices.Contains(g.AdminRoleSlugs, r.Slug) {
			return true, nil
		}
	}
	return false, nil
}

// desiredRole is the role the rules give a directory user with these groups and WorkOS
// JSON: "" when the rules do not manage roles. The plan (through pulled.admin) and the
// preview both decide with it.
func (g *GroupRules) desiredRole(groupIDs []string, raw []byte) (string, error) {
	if !g.managesRoles() {
		return "", nil
	}
	bySlug, err := g.adminBySlug(raw)
	if err != nil {
		return "", err
	}
	return roleOf(bySlug || g.adminByGroups(groupIDs)), nil
}

// roleOf is the stored role of an administrator (admin) or a member.
func roleOf(admin bool) string {
	if admin {
		return db.RoleCompanyAdmin
	}
	return db.RoleMember
}

// demotion is a planned change of an administrator to a member, kept so that
// keepLastAdmin can undo one.
type demotion struct {
	user     int  // existing user index
	upsert   int  // index in plan.Upserts
	change   int  // index in plan.Changes, -1 when not kept for display
	onlyRole bool // the role is the user's only change
	active   bool // the user is active before the run (counts for the guard)
}

// roleChange is the user's planned role, "" when the plan leaves it, and whether it differs
// from u's (u nil for a new user).
func (pl *planner) roleChange(u *db.SyncUser, p *pulled) (role string, changed bool) {
	if !pl.in.roles {
		return "", false
	}
	role = roleOf(p.admin)
	return role, u == nil || u.Admin != p.admin
}

// keepLastAdmin undoes one demotion when the plan, with its demotions and inactivations,
// would leave the company without an active administrator: that user stays one, with a
// last_admin issue. Inactivations already spare the last admin (deactivations); this covers
// the admins the role rules demote.
func (pl *planner) keepLastAdmin() {
	if pl.out.Admins == 0 || pl.adminsAfter > 0 || len(pl.demotions) == 0 {
		return
	}
	d := pl.demotions[0]
	for _, o := range pl.demotions[1:] {
		if pl.in.existing.list[o.user].Email < pl.in.existing.list[d.user].Email {
			d = o
		}
	}
	u := &pl.in.existing.list[d.user]
	pl.adminsAfter++
	if d.active {
		pl.out.Demoted--
	}
	if d.onlyRole {
		pl.out.Upserts = slices.Delete(pl.out.Upserts, d.upsert, d.upsert+1)
		if d.change >= 0 {
			pl.out.Changes = slices.Delete(pl.out.Changes, d.change, d.change+1)
		}
		pl.out.Counts.Updated--
		pl.out.Counts.Unchanged++
	} else {
		pl.out.Upserts[d.upsert].Role = ""
		if d.change >= 0 {
			c := &pl.out.Changes[d.change]
			c.Fields = slices.DeleteFunc(c.Fields, func(f db.FieldChange) bool { return f.Field == FieldRole })
		}
	}
	pl.out.Issues = append(pl.out.Issues, db.SyncIssue{
		DirectoryUserID: u.DirectoryUserID, Email: u.Email, Kind: IssueLastAdmin,
		Message: fmt.Sprintf("%s is the last active company administrator and stays one, though no admin group or role makes them one", u.Email),
	})
}
