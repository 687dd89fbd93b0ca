package engine_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
)

// setRole sets a user's role by hand.
func (b *bundle) setRole(t testing.TB, email, role string) {
	t.Helper()
	_, err := b.db.NewUpdate().Model((*db.User)(nil)).Set("role = ?", role).
		Where("company_id = ? AND email = ?", b.company, email).Exec(context.Background())
	require.NoError(t, err)
}

// roles returns every user's role by email.
func (b *bundle) roles(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for e, u := range b.users(t) {
		out[e] = u.Role
	}
	return out
}

// roleAudit is one user.role_changed audit event's details.
type roleAudit struct {
	RunID  string  `json:"runId"`
	UserID string  `json:"userId"`
	Email  string  `json:"email"`
	From   *string `json:"from"`
	To     string  `json:"to"`
}

// roleAudits returns the company's role change audit events by email.
func (b *bundle) roleAudits(t testing.TB) map[string][]roleAudit {
	t.Helper()
	events, _, err := db.ListAudit(context.Background(), b.db, b.company, 500, "")
	require.NoError(t, err)
	out := map[string][]roleAudit{}
	for _, e := range events {
		if e.Action != db.AuditRoleChanged {
			continue
		}
		require.Nil(t, e.ActorUserID, "the sync changed it")
		var a roleAudit
		require.NoError(t, json.Unmarshal(e.Details, &a))
		out[a.Email] = append(out[a.Email], a)
	}
	return out
}

// roleChanges returns the run's role field changes by email, as "from>to" ("" for none).
func roleChanges(run *db.SyncRun) map[string]string {
	out := map[string]string{}
	for _, c := range run.Changes {
		for _, f := range c.Fields {
			if f.Field == engine.FieldRole {
				from := ""
				if f.From != nil {
					from = *f.From
				}
				out[c.Email] = from + ">" + *f.To
			}
		}
	}
	return out
}

// previewRoles returns the preview's role of each mirrored directory user by email.
func (b *bundle) previewRoles(t testing.TB) map[string]string {
	t.Helper()
	ctx := context.Background()
	var ids []string
	require.NoError(t, b.db.NewRaw("SELECT id FROM directory_users WHERE company_id = ?", b.company).Scan(ctx, &ids))
	users, err := db.GetDirectoryUsers(ctx, b.db, b.company, ids)
	require.NoError(t, err)
	previews, err := b.svc.Preview(ctx, b.company, users)
	require.NoError(t, err)
	out := map[string]string{}
	for _, p := range previews {
		out[p.Mapped.Email] = p.Role
	}
	return out
}

// TestAdminsFromGroup: with an admin group, members are promoted and linked admins outside
// it demoted (in the dry run first, then applied and audited); a hand-made unlinked admin
// keeps its role, and without rules roles never change.
func TestAdminsFromGroup(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"IT-Admins"}})
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Sales"}})
	b.put(t, emulator.User{Email: "cy@acme.test", Groups: []string{"Sales"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.setRole(t, "bob@acme.test", db.RoleCompanyAdmin) // made admin by hand, linked

	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 3, run.Unchanged, "no rules: roles are not managed")
	require.Empty(t, roleChanges(run))
	require.Equal(t, map[string]string{"ada@acme.test": "", "bob@acme.test": "", "cy@acme.test": ""}, b.previewRoles(t))

	ids := groupIDs(t, b)
	saveRules(t, b, engine.GroupRules{AdminGroupIDs: []string{ids["IT-Admins"]}})
	require.Equal(t, map[string]string{"ada@acme.test": db.RoleCompanyAdmin, "bob@acme.test": db.RoleMember, "cy@acme.test": db.RoleMember},
		b.previewRoles(t))
	before := snapshot(t, b.db)
	dry := b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded)
	want := map[string]string{"ada@acme.test": "MEMBER>COMPANY_ADMIN", "bob@acme.test": "COMPANY_ADMIN>MEMBER"}
	require.Equal(t, want, roleChanges(dry))
	require.Equal(t, 2, dry.Updated)
	require.Equal(t, before, snapshot(t, b.db), "a dry run changes nothing")

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, want, roleChanges(run))
	require.Equal(t, 2, run.Updated)
	require.Equal(t, map[string]string{"root@acme.test": db.RoleCompanyAdmin, "ada@acme.test": db.RoleCompanyAdmin,
		"bob@acme.test": db.RoleMember, "cy@acme.test": db.RoleMember}, b.roles(t), "the unlinked hand-made admin keeps the role")
	audits := b.roleAudits(t)
	require.Len(t, audits, 2)
	us := b.users(t)
	require.Equal(t, []roleAudit{{RunID: run.ID, UserID: us["ada@acme.test"].ID, Email: "ada@acme.test", From: ptr(db.RoleMember), To: db.RoleCompanyAdmin}}, audits["ada@acme.test"])
	require.Equal(t, []roleAudit{{RunID: run.ID, UserID: us["bob@acme.test"].ID, Email: "bob@acme.test", From: ptr(db.RoleCompanyAdmin), To: db.RoleMember}}, audits["bob@acme.test"])

	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 3, run.Unchanged, "roles in place: nothing to do")

	// A new member of the group is created as an administrator.
	b.put(t, emulator.User{Email: "dan@acme.test", Groups: []string{"IT-Admins"}})
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Created)
	require.Equal(t, map[string]string{"dan@acme.test": ">COMPANY_ADMIN"}, roleChanges(run))
	require.Equal(t, db.RoleCompanyAdmin, b.roles(t)["dan@acme.test"])
	require.Equal(t, []roleAudit{{RunID: run.ID, UserID: b.users(t)["dan@acme.test"].ID, Email: "dan@acme.test", To: db.RoleCompanyAdmin}},
		b.roleAudits(t)["dan@acme.test"])

	// Rules without admin groups or slugs stop managing roles: nothing is changed back.
	saveRules(t, b, engine.GroupRules{SyncOnlyGroupIDs: []string{ids["IT-Admins"], ids["Sales"]}})
	b.setRole(t, "cy@acme.test", db.RoleCompanyAdmin)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Empty(t, roleChanges(run))
	require.Equal(t, db.RoleCompanyAdmin, b.roles(t)["cy@acme.test"])
}

// TestAdminsFromRoleSlug: users whose WorkOS role or one of whose roles is a listed slug
// are administrators, following the group role assignment.
func TestAdminsFromRoleSlug(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Admins"}})
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Admins"}})
	b.put(t, emulator.User{Email: "cy@acme.test", Role: "member", Roles: []emulator.Slug{"member", "owner"}})
	b.put(t, emulator.User{Email: "dan@acme.test"})
	ids := groupIDs(t, b)
	_, err := b.emu.SetGroupRole(ids["Admins"], "admin")
	require.NoError(t, err)
	b.sync(t, engine.RunOptions{}, db.RunSucceeded) // mirrors the users with their roles

	checked, err := b.svc.CheckGroupRules(context.Background(), b.company, engine.GroupRules{AdminRoleSlugs: []string{" admin ", "", "owner", "admin"}})
	require.NoError(t, err)
	require.Equal(t, []string{"admin", "owner"}, checked.AdminRoleSlugs, "trimmed, blanks and repeats dropped")
	require.NoError(t, b.svc.SaveGroupRules(context.Background(), b.company, checked))
	require.Equal(t, map[string]string{"ada@acme.test": db.RoleCompanyAdmin, "bob@acme.test": db.RoleCompanyAdmin,
		"cy@acme.test": db.RoleCompanyAdmin, "dan@acme.test": db.RoleMember}, b.previewRoles(t))

	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, map[string]string{"ada@acme.test": "MEMBER>COMPANY_ADMIN", "bob@acme.test": "MEMBER>COMPANY_ADMIN",
		"cy@acme.test": "MEMBER>COMPANY_ADMIN"}, roleChanges(run), "role.slug, and a slug among roles")
	require.Equal(t, db.RoleMember, b.roles(t)["dan@acme.test"])

	// The group loses its role assignment: its members go back to their own role.
	_, err = b.emu.SetGroupRole(ids["Admins"], "")
	require.NoError(t, err)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, map[string]string{"ada@acme.test": "COMPANY_ADMIN>MEMBER", "bob@acme.test": "COMPANY_ADMIN>MEMBER"}, roleChanges(run),
		"2 of 4 administrators is not more than half")
	require.Equal(t, map[string]string{"root@acme.test": db.RoleCompanyAdmin, "ada@acme.test": db.RoleMember,
		"bob@acme.test": db.RoleMember, "cy@acme.test": db.RoleCompanyAdmin, "dan@acme.test": db.RoleMember}, b.roles(t))
	require.Len(t, b.roleAudits(t)["ada@acme.test"], 2)
}

// TestRolesLastAdmin: the company's only active administrator, linked to the directory and
// in no admin group, is not demoted; the run says why.
func TestRolesLastAdmin(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	_, err := b.emu.PutGroup(b.dir.ID, emulator.Group{Name: "IT-Admins"})
	require.NoError(t, err)
	b.put(t, emulator.User{Email: "root@acme.test", FirstName: "Root", Groups: []string{"Sales"}})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Sales"}})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated, "the hand-made admin is linked")
	ids := groupIDs(t, b)
	saveRules(t, b, engine.GroupRules{AdminGroupIDs: []string{ids["IT-Admins"]}})

	for _, dry := range []bool{true, false} {
		run = b.sync(t, engine.RunOptions{DryRun: dry}, db.RunSucceeded)
		require.Empty(t, roleChanges(run), "dry run %v", dry)
		require.Equal(t, 2, run.Unchanged)
		require.Len(t, run.Issues, 1)
		require.Equal(t, engine.IssueLastAdmin, run.Issues[0].Kind)
		require.Contains(t, run.Issues[0].Message, "root@acme.test is the last active company administrator")
	}
	require.Equal(t, db.RoleCompanyAdmin, b.roles(t)["root@acme.test"])
	require.Empty(t, b.roleAudits(t))

	// With another administrator from the group, the demotion is possible; demoting the
	// only administrator (more than half) waits for review.
	require.NoError(t, b.emu.AddUserToGroup(ids["IT-Admins"], ada.ID))
	run = b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	require.Equal(t, map[string]string{"ada@acme.test": "MEMBER>COMPANY_ADMIN", "root@acme.test": "COMPANY_ADMIN>MEMBER"}, roleChanges(run))
	require.Len(t, run.Issues, 1)
	require.Equal(t, engine.IssueAdminGuard, run.Issues[0].Kind)
	run, err = b.svc.Approve(context.Background(), b.company, run.ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, run.Status, "%v", run.Error)
	require.Equal(t, map[string]string{"root@acme.test": db.RoleMember, "ada@acme.test": db.RoleCompanyAdmin}, b.roles(t))
}

// TestAdminDemotionGuard: a run demoting more than half of the administrators (4 of 6)
// stops for review and changes nothing; approving it applies the demotions.
func TestAdminDemotionGuard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{})
	var admins []emulator.User
	for _, name := range []string{"a1", "a2", "a3", "a4", "a5"} {
		admins = append(admins, b.put(t, emulator.User{Email: name + "@acme.test", Groups: []string{"Admins"}}))
	}
	b.put(t, emulator.User{Email: "m1@acme.test", Groups: []string{"Staff"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	ids := groupIDs(t, b)
	saveRules(t, b, engine.GroupRules{AdminGroupIDs: []string{ids["Admins"]}})
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Len(t, roleChanges(run), 5, "promotions are never held")

	for _, u := range admins[:4] {
		require.NoError(t, b.emu.RemoveUserFromGroup(ids["Admins"], u.ID))
	}
	dry := b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded)
	require.Len(t, roleChanges(dry), 4)
	before := snapshot(t, b.db)
	held := b.sync(t, engine.RunOptions{}, db.RunNeedsReview)
	require.Len(t, roleChanges(held), 4)
	var guard []db.SyncIssue
	for _, is := range held.Issues {
		if is.Kind == engine.IssueAdminGuard {
			guard = append(guard, is)
		}
	}
	require.Len(t, guard, 1)
	require.Contains(t, guard[0].Message, "demote 4 of 6 company administrators")
	require.Contains(t, guard[0].Message, "admin demotions")
	require.Contains(t, guard[0].Message, "more than half")
	require.Equal(t, before, snapshot(t, b.db), "held: nothing changed")

	approved, err := b.svc.Approve(ctx, b.company, held.ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, db.RunSucceeded, approved.Status, "%v", approved.Error)
	roles := b.roles(t)
	for _, name := range []string{"a1", "a2", "a3", "a4"} {
		require.Equal(t, db.RoleMember, roles[name+"@acme.test"], name)
		a := b.roleAudits(t)[name+"@acme.test"]
		require.Len(t, a, 2)
		require.Equal(t, held.ID, a[0].RunID, "newest first: the approved run's demotion")
	}
	require.Equal(t, db.RoleCompanyAdmin, roles["a5@acme.test"])
	require.Equal(t, db.RoleCompanyAdmin, roles["root@acme.test"])
}

// TestRolesFromEvents: a group role assignment reaches WorkOS users as dsync.user.updated
// events; a run applying them changes the roles in that run.
func TestRolesFromEvents(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Admins"}})
	b.put(t, emulator.User{Email: "bob@acme.test", Groups: []string{"Staff"}})
	saveRules(t, b, engine.GroupRules{AdminRoleSlugs: []string{"admin"}})
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, db.RoleMember, b.roles(t)["ada@acme.test"])

	b.skipEvents(t)
	_, err := b.emu.SetGroupRole(groupIDs(t, b)["Admins"], "admin")
	require.NoError(t, err)
	run := b.applyNewEvents(t)
	require.Equal(t, db.RunSucceeded, run.Status, "%v", run.Error)
	require.Equal(t, map[string]string{"ada@acme.test": "MEMBER>COMPANY_ADMIN"}, roleChanges(run))
	require.Equal(t, db.RoleCompanyAdmin, b.roles(t)["ada@acme.test"])
	require.Equal(t, db.RoleMember, b.roles(t)["bob@acme.test"])
}

// TestRolesLastAdminWithInactivation: when one administrator leaves the directory and the
// rules would demote the other, the demotion is undone so that one stays.
func TestRolesLastAdminWithInactivation(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	_, err := b.emu.PutGroup(b.dir.ID, emulator.Group{Name: "IT-Admins"})
	require.NoError(t, err)
	b.put(t, emulator.User{Email: "root@acme.test", Groups: []string{"Staff"}})
	ada := b.put(t, emulator.User{Email: "ada@acme.test", Groups: []string{"Staff"}})
	for _, name := range []string{"bob", "cy", "dan"} {
		b.put(t, emulator.User{Email: name + "@acme.test", Groups: []string{"Staff"}})
	}
	b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	b.setRole(t, "ada@acme.test", db.RoleCompanyAdmin)
	saveRules(t, b, engine.GroupRules{AdminGroupIDs: []string{groupIDs(t, b)["IT-Admins"]}})
	require.NoError(t, b.emu.RemoveUser(ada.ID))

	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Deactivated)
	require.Empty(t, roleChanges(run))
	require.Len(t, run.Issues, 1)
	require.Equal(t, engine.IssueLastAdmin, run.Issues[0].Kind)
	require.Contains(t, run.Issues[0].Message, "root@acme.test")
	us := b.users(t)
	require.Equal(t, db.RoleCompanyAdmin, us["root@acme.test"].Role)
	require.Equal(t, db.StatusActive, us["root@acme.test"].Status)
	require.Equal(t, db.StatusInactive, us["ada@acme.test"].Status)
}
