package resolvers

import (
	"context"

	"github.com/vikstrous/dataloadgen"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/sync/engine"
)

// directoryGroups answers directorySync.groups.
func (r *Resolver) directoryGroups(ctx context.Context, companyID string, f *model.DirectoryGroupFilter, first *int, after *string) (*model.DirectoryGroupConnection, error) {
	n, err := pageSize(first, 50)
	if err != nil {
		return nil, err
	}
	query := ""
	if f != nil {
		if query, err = searchText("filter.query", f.Query); err != nil {
			return nil, err
		}
	}
	page, err := db.ListDirectoryGroups(ctx, r.DB, companyID, query, n, deref(after))
	if err != nil {
		return nil, err
	}
	out := &model.DirectoryGroupConnection{Edges: make([]*model.DirectoryGroupEdge, len(page.Groups)),
		PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage}, TotalCount: page.TotalCount}
	for i := range page.Groups {
		g := &page.Groups[i]
		out.Edges[i] = &model.DirectoryGroupEdge{Cursor: g.Cursor(), Node: toDirectoryGroup(g)}
	}
	setPageEnds(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

func toDirectoryGroup(g *db.DirectoryGroup) *model.DirectoryGroup {
	return &model.DirectoryGroup{ID: g.ID, Name: g.Name, MemberCount: g.MemberCount}
}

// newGroupsLoader batches DirectoryUser.groups of one request.
func (r *Resolver) newGroupsLoader(wait dataloadgen.Option) *dataloadgen.Loader[string, []*model.DirectoryGroup] {
	return dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*model.DirectoryGroup, error) {
		v, err := auth.FromContext(ctx)
		if err != nil {
			return nil, err
		}
		byUser, err := db.GroupsOfDirectoryUsers(ctx, r.DB, v.CompanyID, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[string][]*model.DirectoryGroup, len(ids))
		for _, id := range ids {
			gs := byUser[id]
			list := make([]*model.DirectoryGroup, len(gs))
			for i := range gs {
				list[i] = toDirectoryGroup(&gs[i])
			}
			out[id] = list
		}
		return out, nil
	}, wait)
}

// groupRules answers SyncConfiguration.groupRules: the saved rules with their groups
// (groups no longer mirrored are left out).
func (r *Resolver) groupRules(ctx context.Context, companyID string) (*model.GroupRules, error) {
	g, err := r.Engine.GroupRules(ctx, companyID)
	if err != nil {
		return nil, err
	}
	ids := append(append(append([]string(nil), g.TagGroupIDs...), g.SyncOnlyGroupIDs...), g.AdminGroupIDs...)
	groups, err := db.DirectoryGroupsByIDs(ctx, r.DB, companyID, ids)
	if err != nil {
		return nil, err
	}
	pick := func(ids []string) []*model.DirectoryGroup {
		out := []*model.DirectoryGroup{}
		for _, id := range ids {
			if gr, ok := groups[id]; ok {
				out = append(out, toDirectoryGroup(&gr))
			}
		}
		return out
	}
	slugs := g.AdminRoleSlugs
	if slugs == nil {
		slugs = []string{}
	}
	return &model.GroupRules{AllGroupsAsTags: g.AllGroupsAsTags, TagGroups: pick(g.TagGroupIDs),
		SyncOnlyGroups: pick(g.SyncOnlyGroupIDs), AdminGroups: pick(g.AdminGroupIDs), AdminRoleSlugs: slugs}, nil
}

// fromGroupRulesInput converts SyncConfigurationInput.groupRules (nil stays nil).
func fromGroupRulesInput(in *model.GroupRulesInput) *engine.GroupRules {
	if in == nil {
		return nil
	}
	return &engine.GroupRules{AllGroupsAsTags: in.AllGroupsAsTags != nil && *in.AllGroupsAsTags,
		TagGroupIDs: in.TagGroupIds, SyncOnlyGroupIDs: in.SyncOnlyGroupIds, AdminGroupIDs: in.AdminGroupIds,
		AdminRoleSlugs: in.AdminRoleSlugs}
}
