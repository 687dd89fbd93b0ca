package emulator_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

// rolesOf reads role and roles of a user over HTTP (SDK v4 decodes only role).
func rolesOf(t *testing.T, b *bundle, userID string) (string, []string) {
	t.Helper()
	u, err := b.dsync.GetUser(context.Background(), directorysync.GetUserOpts{User: userID})
	require.NoError(t, err)
	var raw struct {
		Roles []struct{ Slug string } `json:"roles"`
	}
	rawGet(t, b, "/directory_users/"+userID, 200, &raw)
	var roles []string
	for _, r := range raw.Roles {
		roles = append(roles, r.Slug)
	}
	return u.Role.Slug, roles
}

func TestGroupRoleAssignment(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit, func(o *emulator.Options) { o.Roles = []string{"admin", "manager", "member"} })
	d := b.directory(t, "okta", 3)
	users, err := b.em.Users(d.ID)
	require.NoError(t, err)
	u := users[1] // users[0] is the generated admin
	role, roles := rolesOf(t, b, u.ID)
	require.Equal(t, "member", role)
	require.Equal(t, []string{"member"}, roles)
	_, cursor := eventsSince(t, b, "")
	var admins, managers emulator.Group
	call(t, b, "POST", "/_emulator/directories/"+d.ID+"/groups", map[string]any{"name": "IT-Admins", "role": "admin"}, 200, &admins)
	require.Equal(t, "admin", admins.Role)
	call(t, b, "POST", "/_emulator/directories/"+d.ID+"/groups", map[string]any{"name": "Office Managers"}, 200, &managers)
	call(t, b, "PUT", "/_emulator/groups/"+managers.ID+"/role", map[string]any{"role": "manager"}, 200, &managers)
	require.Equal(t, "manager", managers.Role)
	evs, cursor := eventsSince(t, b, cursor)
	require.Equal(t, []string{"dsync.group.created", "dsync.group.created"}, eventNames(evs), "no members yet: no user changes")

	steps := []struct {
		name      string
		do        func()
		role      string
		roles     []string
		wantPrev  string // previous role in dsync.user.updated, "" for no update
		wantNames []string
	}{
		{"joins the managers", func() { call(t, b, "PUT", "/_emulator/groups/"+managers.ID+"/users/"+u.ID, nil, 204, nil) },
			"manager", []string{"manager"}, "member", []string{"dsync.group.user_added", "dsync.user.updated"}},
		{"joins the admins: highest priority wins", func() { call(t, b, "PUT", "/_emulator/groups/"+admins.ID+"/users/"+u.ID, nil, 204, nil) },
			"admin", []string{"admin", "manager"}, "manager", []string{"dsync.group.user_added", "dsync.user.updated"}},
		{"leaves the admins", func() { call(t, b, "DELETE", "/_emulator/groups/"+admins.ID+"/users/"+u.ID, nil, 204, nil) },
			"manager", []string{"manager"}, "admin", []string{"dsync.group.user_removed", "dsync.user.updated"}},
		{"role assignment removed", func() {
			call(t, b, "PUT", "/_emulator/groups/"+managers.ID+"/role", map[string]any{"role": ""}, 200, nil)
		},
			"member", []string{"member"}, "manager", []string{"dsync.user.updated"}},
		{"role assigned to the group again", func() {
			call(t, b, "PUT", "/_emulator/groups/"+managers.ID+"/role", map[string]any{"role": "manager"}, 200, nil)
		}, "manager", []string{"manager"}, "member", []string{"dsync.user.updated"}},
		{"group deleted", func() { call(t, b, "DELETE", "/_emulator/groups/"+managers.ID, nil, 204, nil) },
			"member", []string{"member"}, "manager", []string{"dsync.group.deleted", "dsync.user.updated"}},
	}
	for _, st := range steps {
		st.do()
		role, roles := rolesOf(t, b, u.ID)
		require.Equal(t, st.role, role, st.name)
		require.Equal(t, st.roles, roles, st.name)
		evs, next := eventsSince(t, b, cursor)
		cursor = next
		require.Equal(t, st.wantNames, eventNames(evs), st.name)
		var data struct {
			Role     struct{ Slug string } `json:"role"`
			Previous struct {
				Role struct{ Slug string } `json:"role"`
			} `json:"previous_attributes"`
		}
		require.NoError(t, json.Unmarshal(evs[len(evs)-1].Data, &data))
		require.Equal(t, st.role, data.Role.Slug, st.name)
		require.Equal(t, st.wantPrev, data.Previous.Role.Slug, st.name)
	}

	// HRIS directories have no group role assignment, as in WorkOS.
	hr, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: d.OrganizationID, Type: "workday"})
	require.NoError(t, err)
	call(t, b, "POST", "/_emulator/directories/"+hr.ID+"/groups", map[string]any{"name": "HR-Admins", "role": "admin"}, 422, nil)
}

func TestGeneratedGroupsAndPagination(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	ctx := context.Background()
	styles := map[string]func(string) bool{
		"okta":   func(n string) bool { return strings.Count(n, "-") >= 1 && !strings.HasPrefix(n, "SG-") },
		"entra":  func(n string) bool { return strings.HasPrefix(n, "SG-") },
		"google": func(n string) bool { return strings.Contains(n, " ") },
		"workday": func(n string) bool {
			return strings.Contains(n, " - ") || strings.HasSuffix(n, "(Supervisory Organization)")
		},
		"bamboohr": func(n string) bool { return strings.Contains(n, ": ") || !strings.Contains(n, " ") },
		"rippling": func(n string) bool { return strings.HasSuffix(n, " Team") || strings.HasSuffix(n, " Department") },
		"gusto":    func(n string) bool { return strings.HasSuffix(n, ")") || !strings.Contains(n, " ") },
	}
	for typ, styled := range styles {
		org, err := b.em.CreateOrganization(emulator.Organization{Name: "Groups " + typ, Domains: []string{typ + ".example"}})
		require.NoError(t, err)
		d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: typ, State: "linked"})
		require.NoError(t, err)
		call(t, b, "POST", "/_emulator/directories/"+d.ID+"/generate", map[string]any{"count": 40, "seed": 3, "groups": 25}, 200, nil)

		// Groups, 10 a page.
		var groups []directorysync.Group
		opts := directorysync.ListGroupsOpts{Directory: d.ID, Limit: 10, Order: directorysync.Asc}
		for pages := 0; ; pages++ {
			require.Less(t, pages, 4)
			res, err := b.dsync.ListGroups(ctx, opts)
			require.NoError(t, err)
			groups = append(groups, res.Data...)
			if res.ListMetadata.After == "" {
				break
			}
			opts.After = res.ListMetadata.After
		}
		require.Len(t, groups, 25, typ)
		names := map[string]bool{}
		for _, g := range groups {
			require.True(t, styled(g.Name), "%s group %q", typ, g.Name)
			names[g.Name] = true
		}
		require.Len(t, names, 25, "names are unique")

		// Members of each group, 7 a page; every user is in 1..8 groups.
		perUser := map[string]int{}
		for _, g := range groups {
			uopts := directorysync.ListUsersOpts{Group: g.ID, Limit: 7, Order: directorysync.Asc}
			for {
				res, err := b.dsync.ListUsers(ctx, uopts)
				require.NoError(t, err)
				for _, u := range res.Data {
					perUser[u.ID]++
					require.Contains(t, groupNames(u.Groups), g.Name)
				}
				if res.ListMetadata.After == "" {
					break
				}
				uopts.After = res.ListMetadata.After
			}
		}
		require.Len(t, perUser, 40, typ)
		for id, n := range perUser {
			require.GreaterOrEqual(t, n, 1, id)
			require.LessOrEqual(t, n, 8, id)
			mine, err := b.dsync.ListGroups(ctx, directorysync.ListGroupsOpts{User: id, Limit: 10})
			require.NoError(t, err)
			require.Len(t, mine.Data, n)
		}
	}
	call(t, b, "POST", "/_emulator/directories/"+b.directory(t, "okta", 0).ID+"/generate",
		map[string]any{"count": 1, "groups": 3, "min_groups": 4, "max_groups": 2}, 422, nil)
}

func groupNames(gs []directorysync.UserGroup) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	return out
}

func TestFailGroupPage(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 0)
	require.NoError(t, b.em.GenerateUsersWith(d.ID, emulator.GenerateOptions{Count: 30, Seed: 1, Groups: 12}))
	ctx := context.Background()
	walk := func() error {
		opts := directorysync.ListGroupsOpts{Directory: d.ID, Limit: 5}
		for {
			res, err := b.dsync.ListGroups(ctx, opts)
			if err != nil {
				return err
			}
			if res.ListMetadata.After == "" {
				return nil
			}
			opts.After = res.ListMetadata.After
		}
	}
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID+"/faults", map[string]any{"fail_group_page": 2}, 200, nil)
	require.Equal(t, 500, statusOf(t, walk()))
	require.NoError(t, walk(), "once by default")
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID+"/faults", map[string]any{"fail_group_page_mode": "always"}, 200, nil)
	require.Equal(t, 500, statusOf(t, walk()))
	require.Equal(t, 500, statusOf(t, walk()))
	// Users pages are not affected.
	_, err := b.dsync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: d.ID, Limit: 5, After: ""})
	require.NoError(t, err)
	call(t, b, "PATCH", "/_emulator/directories/"+d.ID+"/faults", map[string]any{"fail_group_page_mode": "sometimes"}, 422, nil)
}
