package resolvers

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"github.com/vikstrous/dataloadgen"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
)

// loaders batch the relations one request resolves, so a list never costs a
// query per row. They live for one request.
type loaders struct {
	usersByID       *dataloadgen.Loader[string, *model.User]
	usersByDirector *dataloadgen.Loader[string, *model.User]
	previews        *dataloadgen.Loader[string, *model.MappedUser]
	groups          *dataloadgen.Loader[string, []*model.DirectoryGroup] // by directory user id
	officeUsers     *dataloadgen.Loader[string, int]

	mu   sync.Mutex
	rows map[string]*db.DirectoryUser // directory users this request read, for previews

	labels labelMemo // the viewer's company's tag field labels
}

type loadersKey struct{}

// WithLoaders gives each request its own dataloaders.
func (r *Resolver) WithLoaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx := context.WithValue(req.Context(), loadersKey{}, r.newLoaders())
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

func (r *Resolver) newLoaders() *loaders {
	l := &loaders{rows: map[string]*db.DirectoryUser{}}
	// gqlgen resolves a list's fields in goroutines; 2 ms lets one page land in one batch.
	wait := dataloadgen.WithWait(2 * time.Millisecond)
	l.usersByID = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*model.User, error) {
		return r.loadUsers(ctx, ids, db.UsersByIDs)
	}, wait)
	l.usersByDirector = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*model.User, error) {
		return r.loadUsers(ctx, ids, db.UsersByDirectoryUserIDs)
	}, wait)
	l.groups = r.newGroupsLoader(wait)
	l.previews = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*model.MappedUser, error) {
		return r.loadPreviews(ctx, l, ids)
	}, wait)
	l.officeUsers = dataloadgen.NewMappedLoader(r.loadOfficeUserCounts, wait)
	return l
}

// loadOfficeUserCounts counts the viewer's company's users per office; an office nobody
// is in counts 0.
func (r *Resolver) loadOfficeUserCounts(ctx context.Context, ids []string) (map[string]int, error) {
	v, err := auth.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := db.OfficeUserCounts(ctx, r.DB, v.CompanyID, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := counts[id]; !ok {
			counts[id] = 0 // nobody is there: a missing key would read as "not found"
		}
	}
	return counts, nil
}

func loadersFrom(ctx context.Context) (*loaders, error) {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		return nil, fmt.Errorf("resolvers: no dataloaders in context")
	}
	return l, nil
}

// remember keeps the directory users a resolver read so their previews need no second read.
func (l *loaders) remember(users []db.DirectoryUser) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range users {
		l.rows[users[i].ID] = &users[i]
	}
}

type userLookup func(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]*db.User, error)

// loadUsers loads users of the viewer's company with their offices, keyed as lookup keys them.
func (r *Resolver) loadUsers(ctx context.Context, ids []string, lookup userLookup) (map[string]*model.User, error) {
	v, err := auth.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	users, err := lookup(ctx, r.DB, v.CompanyID, ids)
	if err != nil {
		return nil, err
	}
	officeIDs := make([]string, 0, len(users))
	for _, u := range users {
		if u.OfficeID != nil {
			officeIDs = append(officeIDs, *u.OfficeID)
		}
	}
	offices, err := db.OfficesByIDs(ctx, r.DB, v.CompanyID, officeIDs)
	if err != nil {
		return nil, err
	}
	var labels tagLabels
	for _, u := range users {
		if needsLabels(u) {
			if labels, err = r.tagLabelsOf(ctx, v.CompanyID); err != nil {
				return nil, err
			}
			break
		}
	}
	out := make(map[string]*model.User, len(users))
	for key, u := range users {
		var office *db.Office
		if u.OfficeID != nil {
			office = offices[*u.OfficeID]
		}
		out[key] = toUser(u, office, labels)
	}
	return out, nil
}

// loadPreviews maps the remembered directory users (reading any others) through the
// company's saved mapping in one batch.
func (r *Resolver) loadPreviews(ctx context.Context, l *loaders, ids []string) (map[string]*model.MappedUser, error) {
	v, err := auth.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]db.DirectoryUser, 0, len(ids))
	var missing []string
	l.mu.Lock()
	for _, id := range ids {
		if u, ok := l.rows[id]; ok {
			rows = append(rows, *u)
		} else {
			missing = append(missing, id)
		}
	}
	l.mu.Unlock()
	if len(missing) > 0 {
		more, err := db.GetDirectoryUsers(ctx, r.DB, v.CompanyID, missing)
		if err != nil {
			return nil, err
		}
		rows = append(rows, more...)
	}
	previews, err := r.Engine.Preview(ctx, v.CompanyID, rows)
	if err != nil {
		return nil, err
	}
	labels, err := r.tagLabelsOf(ctx, v.CompanyID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*model.MappedUser, len(previews))
	for _, p := range previews {
		out[p.DirectoryUserID] = toMappedUser(p, labels)
	}
	return out, nil
}
