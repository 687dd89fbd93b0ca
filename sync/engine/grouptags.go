package engine

import (
	"cmp"
	"context"
	"slices"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// applyGroupRules applies the company's group rules to the pulled users before planning:
// with sync-only groups, users in none of them are planned as un-assigned (inactivated
// through the guard if they were synced); the names of their tag groups become values of
// the mapping's groups tag field; members of admin groups are administrators (roles.go).
// Memberships are the pull's, or the mirror's after the
// batch's group events for a run that applies events.
func (r *runner) applyGroupRules(ctx context.Context) error {
	if err := r.foldGroupEvents(ctx); err != nil {
		return err
	}
	rules := &r.rules
	_, groupField := r.mapping.GroupTagField()
	tags := groupField && (rules.AllGroupsAsTags || len(rules.TagGroupIDs) > 0)
	if !tags && len(rules.SyncOnlyGroupIDs) == 0 && len(rules.AdminGroupIDs) == 0 {
		return nil
	}
	groups := r.groups
	if groups == nil {
		g, m, err := db.GroupMirror(ctx, r.conn, r.run.CompanyID)
		if err != nil {
			return err
		}
		groups = &pulledGroups{groups: g, members: m}
	}
	names := make(map[string]string, len(groups.groups))
	for _, g := range groups.groups {
		names[g.ID] = g.Name
	}
	byUser := make(map[string][]string, len(r.users))
	for _, m := range groups.members {
		if _, ok := names[m.GroupID]; ok {
			byUser[m.UserID] = append(byUser[m.UserID], m.GroupID)
		}
	}
	for i := range r.users {
		p := &r.users[i]
		mine := byUser[p.id]
		if len(rules.SyncOnlyGroupIDs) > 0 && !slices.ContainsFunc(mine, func(id string) bool { return slices.Contains(rules.SyncOnlyGroupIDs, id) }) {
			p.assigned = false
		}
		if rules.adminByGroups(mine) {
			p.admin = true
		}
		if !tags || p.m == nil {
			continue
		}
		var tagNames []string
		for _, id := range mine {
			if rules.tagsGroup(id) {
				tagNames = append(tagNames, names[id])
			}
		}
		slices.SortFunc(tagNames, func(a, b string) int { return cmp.Compare(a, b) })
		if r.mapper.AddGroupTags(&p.m.res, tagNames) {
			p.m.problems = append(p.m.problems, mapping.Problem{Field: mapping.FieldTags, Kind: mapping.ProblemTooManyValues,
				Message: "tags: more than 50 tags with the user's groups; only the first 50 were kept"})
		}
	}
	return nil
}
