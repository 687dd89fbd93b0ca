package resolvers

import (
	"context"
	"errors"
	"strings"

	"github.com/uptrace/bun"
	"github.com/vikstrous/dataloadgen"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/sync/mapping"
)

// maxAssignmentIDs bounds one setDirectoryUserAssignment call.
const maxAssignmentIDs = 1000

func (r *Resolver) configuration(ctx context.Context, companyID string) (*model.SyncConfiguration, error) {
	cfg, err := r.Engine.Configuration(ctx, companyID)
	if err != nil {
		return nil, err
	}
	conn, err := db.GetDirectoryConnection(ctx, r.DB, companyID)
	connected := err == nil && conn.Connected()
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return nil, err
	}
	out, err := toConfiguration(cfg, connected, r.now())
	if err != nil {
		return nil, err
	}
	return r.withNotificationSettings(ctx, companyID, out)
}

func (r *Resolver) runs(ctx context.Context, companyID string, first *int, after *string) (*model.SyncRunConnection, error) {
	n, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	list := db.ListSyncRunSummaries
	if runDetailsRequested(ctx) {
		list = db.ListSyncRuns
	}
	page, err := list(ctx, r.DB, companyID, n, deref(after))
	if err != nil {
		return nil, err
	}
	out := &model.SyncRunConnection{Edges: make([]*model.SyncRunEdge, len(page.Runs)), PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage}}
	for i := range page.Runs {
		out.Edges[i] = &model.SyncRunEdge{Cursor: page.Runs[i].Cursor(), Node: toSyncRun(&page.Runs[i])}
	}
	setPageEnds(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

func (r *Resolver) directoryUsers(ctx context.Context, companyID string, f *model.DirectoryUserFilter, first *int, after *string) (*model.DirectoryUserConnection, error) {
	n, err := pageSize(first, 50)
	if err != nil {
		return nil, err
	}
	q := db.DirectoryUserQuery{CompanyID: companyID, First: n, After: deref(after)}
	if f != nil {
		if q.Text, err = searchText("filter.query", f.Query); err != nil {
			return nil, err
		}
		q.Assigned, q.GroupID = f.Assigned, deref(f.GroupID)
		switch state := strings.ToLower(deref(f.State)); state {
		case "", db.DirectoryUserActive, db.DirectoryUserInactive:
			q.State = state
		default:
			return nil, inputErr("filter.state", "must be active or inactive, got %q", state)
		}
	}
	page, err := db.ListDirectoryUsers(ctx, r.DB, q)
	if err != nil {
		return nil, err
	}
	nodes, err := r.rememberDirectoryUsers(ctx, page.Users)
	if err != nil {
		return nil, err
	}
	out := &model.DirectoryUserConnection{Edges: make([]*model.DirectoryUserEdge, len(nodes)),
		PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage}, TotalCount: page.TotalCount}
	for i, node := range nodes {
		out.Edges[i] = &model.DirectoryUserEdge{Cursor: page.Users[i].Cursor(), Node: node}
	}
	setPageEnds(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

// rememberDirectoryUsers converts mirror rows and keeps them for the request's previews.
func (r *Resolver) rememberDirectoryUsers(ctx context.Context, users []db.DirectoryUser) ([]*model.DirectoryUser, error) {
	l, err := loadersFrom(ctx)
	if err != nil {
		return nil, err
	}
	l.remember(users)
	out := make([]*model.DirectoryUser, len(users))
	for i := range users {
		out[i] = toDirectoryUser(&users[i])
	}
	return out, nil
}

// attributes discovers every attribute path in the company's mirror.
func (r *Resolver) attributes(ctx context.Context, companyID string) ([]*model.DirectoryAttribute, error) {
	var d mapping.Discoverer
	err := db.EachDirectoryUser(ctx, r.DB, companyID, 1000, func(batch []db.DirectoryUser) error {
		for i := range batch {
			if err := d.AddJSON(batch[i].Raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	attrs := d.Attributes()
	out := make([]*model.DirectoryAttribute, len(attrs))
	for i, a := range attrs {
		out[i] = &model.DirectoryAttribute{Path: a.Path, UserCount: a.UserCount, Samples: a.Samples}
	}
	return out, nil
}

func (r *Resolver) auditEvents(ctx context.Context, companyID string, first *int, after *string) (*model.AuditEventConnection, error) {
	n, err := pageSize(first, 50)
	if err != nil {
		return nil, err
	}
	events, more, err := db.ListAudit(ctx, r.DB, companyID, n, deref(after))
	if err != nil {
		return nil, err
	}
	out := &model.AuditEventConnection{Edges: make([]*model.AuditEventEdge, len(events)), PageInfo: &model.PageInfo{HasNextPage: more}}
	for i := range events {
		out.Edges[i] = &model.AuditEventEdge{Cursor: db.TimeCursor(events[i].CreatedAt, events[i].ID), Node: toAuditEvent(&events[i])}
	}
	setPageEnds(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

// userByID loads a user of the viewer's company through the request's loader;
// a user that no longer exists is nil.
func (r *Resolver) userByID(ctx context.Context, id string) (*model.User, error) {
	l, err := loadersFrom(ctx)
	if err != nil {
		return nil, err
	}
	return optionalLoad(l.usersByID.Load(ctx, id))
}

// optionalLoad turns a loader's not-found into a null relation.
func optionalLoad[T any](v *T, err error) (*T, error) {
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func setPageEnds(p *model.PageInfo, n int, cursor func(int) string) {
	if n == 0 {
		return
	}
	start, end := cursor(0), cursor(n-1)
	p.StartCursor, p.EndCursor = &start, &end
}

// activeRun is the company's active (QUEUED or RUNNING) run, or nil.
func activeRun(ctx context.Context, idb bun.IDB, companyID string) (*model.SyncRun, error) {
	run, err := db.ActiveSyncRun(ctx, idb, companyID)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return toSyncRun(run), nil
}
