package search_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/search"
)

// buildCounter is a slog handler counting the Service's "search index built" lines.
type buildCounter struct{ n atomic.Int64 }

func (c *buildCounter) Enabled(context.Context, slog.Level) bool { return true }
func (c *buildCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "search index built" {
		c.n.Add(1)
	}
	return nil
}
func (c *buildCounter) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *buildCounter) WithGroup(string) slog.Handler      { return c }
func (c *buildCounter) builds() int                        { return int(c.n.Load()) }

func (s *bundle) countedService(maxBytes int64) (*search.Service, *buildCounter) {
	c := &buildCounter{}
	return search.New(search.Config{DB: s.db, MaxBytes: maxBytes, Logger: slog.New(c)}), c
}

// TestSearchSeesCommittedChanges changes the people after both services (two
// replicas) have indexed them; the next search of each reflects the change.
func TestSearchSeesCommittedChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change string
		q      search.Query
		want   []string
	}{
		{"a new user", `INSERT INTO users (company_id, email, first_name, last_name) VALUES (?0, 'nina.new@a.example', 'Nina', 'New')`,
			search.Query{Text: "nina"}, []string{"nina.new@a.example"}},
		{"a renamed user", `UPDATE users SET last_name = 'Smythe' WHERE email = 'anna.smith@a.example'`,
			search.Query{Text: "smy"}, []string{"anna.smith@a.example"}},
		{"a moved user", `UPDATE users SET department = 'Sales' WHERE email = 'anna.smith@a.example'`,
			search.Query{Departments: []string{"Sales"}}, []string{"anna.smith@a.example", "bob.builder@a.example", "jose.nunez@a.example"}},
		{"a retagged user", `UPDATE users SET tags = '{swift}' WHERE email = 'anna.smith@a.example'`,
			search.Query{Tags: []string{"remote"}}, []string{"bob.builder@a.example", "jose.nunez@a.example"}},
		{"an inactivated user", `UPDATE users SET status = 'INACTIVE' WHERE email = 'bob.builder@a.example'`,
			search.Query{Text: "an"}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"a deleted user", `DELETE FROM users WHERE email = 'annabel.lee@a.example'`,
			search.Query{Text: "ann"}, []string{"anna.smith@a.example"}},
		{"a user moved to an office", `UPDATE users SET office_id = ?1 WHERE email = 'mj.obrien@a.example'`,
			search.Query{OfficeIDs: []string{"Madrid"}}, []string{"jose.nunez@a.example", "mj.obrien@a.example"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t)
			other := s.newService(0)
			q := tc.q
			q.OfficeIDs = s.officeIDs(q.OfficeIDs)
			q.WithTotal = true
			before := emails(s.search(t, q))
			require.NotEqual(t, tc.want, before)
			s.searchWith(t, other, q)
			s.exec(t, tc.change, s.a, s.offices["Madrid"])
			for _, svc := range []*search.Service{s.svc, other} {
				res := s.searchWith(t, svc, q)
				require.ElementsMatch(t, tc.want, emails(res))
				require.Equal(t, len(tc.want), res.TotalCount)
			}
		})
	}
	t.Run("a renamed office", func(t *testing.T) {
		t.Parallel()
		s := setup(t)
		other := s.newService(0)
		q := search.Query{Text: "anna smith", WithFacets: true}
		for _, svc := range []*search.Service{s.svc, other} {
			require.Equal(t, "Berlin", s.searchWith(t, svc, q).Facets.Offices[0].Label)
		}
		s.exec(t, "UPDATE offices SET name = 'Berlin Mitte' WHERE id = ?", s.offices["Berlin"])
		for _, svc := range []*search.Service{s.svc, other} {
			res := s.searchWith(t, svc, q)
			require.Equal(t, "Berlin Mitte", res.Facets.Offices[0].Label)
			require.Equal(t, "Berlin Mitte", res.Users[0].Office.Name)
		}
	})
	t.Run("a new office", func(t *testing.T) {
		t.Parallel()
		s := setup(t)
		q := search.Query{WithFacets: true}
		s.search(t, q)
		var id string
		require.NoError(t, s.db.NewRaw("INSERT INTO offices (company_id, name) VALUES (?, 'Paris') RETURNING id", s.a).Scan(s.ctx, &id))
		q.OfficeIDs = []string{id}
		res := s.search(t, q)
		require.Empty(t, res.Users)
		require.Contains(t, res.Facets.Offices, search.FacetCount{Value: id, Label: "Paris"})
	})
}

// TestPeopleVersion checks which statements bump companies.people_version: once
// per statement that changes an indexed value, never for statements that change
// none, and only the companies whose people changed.
func TestPeopleVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change string
		bumpA  int64
	}{
		{"an update of no row", `UPDATE users SET department = 'X' WHERE false`, 0},
		{"a no-op update", `UPDATE users SET first_name = first_name, tags = tags WHERE company_id = ?0`, 0},
		{"columns the index does not hold", `UPDATE users SET job_title = 'Boss', last_synced_at = now(), updated_at = now()`, 0},
		{"an office touched but not renamed", `UPDATE offices SET updated_at = now()`, 0},
		{"one statement over many users", `UPDATE users SET department = 'Ops' WHERE company_id = ?0 AND department IS NOT NULL`, 1},
		{"one user", `UPDATE users SET first_name = 'Anne' WHERE email = 'anna.smith@a.example'`, 1},
		{"an insert", `INSERT INTO users (company_id, email) VALUES (?0, 'x1@a.example'), (?0, 'x2@a.example')`, 1},
		{"a delete", `DELETE FROM users WHERE company_id = ?0 AND department = 'Support'`, 1},
		{"new aliases", `UPDATE offices SET aliases = '{B}' WHERE company_id = ?0`, 1},
		{"an office deleted", `DELETE FROM offices WHERE name = 'Madrid'`, 2}, // its users' office_id is cleared too
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t)
			a, b := s.version(t, s.a), s.version(t, s.b)
			require.Positive(t, a)
			s.exec(t, tc.change, s.a)
			require.Equal(t, a+tc.bumpA, s.version(t, s.a))
			require.Equal(t, b, s.version(t, s.b), "company B's people did not change")
		})
	}
	t.Run("rows are read fresh without a bump", func(t *testing.T) {
		t.Parallel()
		s := setup(t)
		q := search.Query{Text: "anna smith"}
		s.search(t, q)
		s.exec(t, "UPDATE users SET job_title = 'Boss' WHERE email = 'anna.smith@a.example'")
		require.Equal(t, "Boss", *s.search(t, q).Users[0].User.JobTitle)
	})
}

// TestSearchWarmIsOneStatement counts the SQL statements of searches: one for a
// warm index whatever the filters, more only when the people changed.
func TestSearchWarmIsOneStatement(t *testing.T) {
	t.Parallel()
	s := setup(t)
	counter := dbtest.CountQueries(s.db)
	queries := []search.Query{
		{First: 3, WithTotal: true, WithFacets: true},
		{Text: "an", Departments: []string{"Engineering"}, Tags: []string{"go"}, OfficeIDs: []string{s.offices["London"]},
			Divisions: []string{"Platform"}, First: 2, WithTotal: true, WithFacets: true},
		{Text: "qqq", WithTotal: true, WithFacets: true},
	}
	s.search(t, queries[0])
	for _, q := range queries {
		counter.Reset()
		res := s.search(t, q)
		require.NotNil(t, res.Facets.Departments, "facets were computed")
		require.Equal(t, 1, counter.Count())
	}
	s.exec(t, "UPDATE users SET first_name = 'Anne' WHERE email = 'anna.smith@a.example'")
	counter.Reset()
	res := s.search(t, search.Query{Text: "anne"})
	require.Equal(t, []string{"anna.smith@a.example"}, emails(res))
	require.Greater(t, counter.Count(), 1, "a stale index is rebuilt")
	counter.Reset()
	s.search(t, search.Query{Text: "anne"})
	require.Equal(t, 1, counter.Count())
}

// TestSearchConcurrentRebuild runs many searches while the people change: every
// search waiting on a stale index shares one rebuild, and results stay consistent.
func TestSearchConcurrentRebuild(t *testing.T) {
	t.Parallel()
	s := setup(t)
	svc, builds := s.countedService(0)
	q := search.Query{Departments: []string{"Engineering"}, WithTotal: true, WithFacets: true}
	q.CompanyID = s.a

	searchAll := func() {
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				res, err := svc.Search(s.ctx, q)
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, res.TotalCount, res.Facets.Departments[0].Count)
				assert.Len(t, res.Users, res.TotalCount)
				for _, r := range res.Users {
					assert.Equal(t, "Engineering", *r.User.Department)
				}
			})
		}
		wg.Wait()
	}
	searchAll()
	require.Equal(t, 1, builds.builds(), "concurrent cold searches share one build")
	s.exec(t, "UPDATE users SET department = 'Engineering' WHERE email = 'bob.builder@a.example'")
	searchAll()
	require.Equal(t, 2, builds.builds(), "concurrent searches of a stale index share one rebuild")

	var wg sync.WaitGroup
	wg.Go(func() {
		for _, dept := range []string{"Sales", "Engineering", "Support", "Engineering", "Sales"} {
			_, err := s.db.NewRaw("UPDATE users SET department = ? WHERE email = 'helpdesk@a.example'", dept).Exec(s.ctx)
			assert.NoError(t, err)
		}
	})
	for range 3 {
		wg.Go(searchAll)
	}
	wg.Wait()
	res, err := svc.Search(s.ctx, q)
	require.NoError(t, err)
	require.Equal(t, 4, res.TotalCount, "anna, annabel, zoë and bob")
}

// TestSearchCacheBound checks the byte bound: when A's and B's indexes together are
// over the limit, searching A, B, A evicts A for B and rebuilds it; when they fit, A
// is built once; an index larger than the whole limit is never kept.
func TestSearchCacheBound(t *testing.T) {
	t.Parallel()
	s := setup(t)
	sizeOf := func(company string) int64 {
		svc, _ := s.countedService(0)
		_, err := svc.Search(s.ctx, search.Query{CompanyID: company})
		require.NoError(t, err)
		return int64(cacheGauge(t, svc, "dirsync_search_cache_bytes"))
	}
	a, b := sizeOf(s.a), sizeOf(s.b)
	require.Positive(t, a)
	require.Positive(t, b)
	for _, tc := range []struct {
		max           int64
		builds, kept  int
		used, evicted int64
	}{{a + b - 1, 3, 1, a, 2}, {a + b, 2, 2, a + b, 0}, {min(a, b) - 1, 3, 0, 0, 0}} {
		svc, builds := s.countedService(tc.max)
		for _, company := range []string{s.a, s.b, s.a} {
			_, err := svc.Search(s.ctx, search.Query{CompanyID: company})
			require.NoError(t, err)
		}
		require.Equal(t, tc.builds, builds.builds(), "max %d bytes", tc.max)
		require.Equal(t, float64(tc.kept), cacheGauge(t, svc, "dirsync_search_cache_companies"))
		require.Equal(t, float64(tc.used), cacheGauge(t, svc, "dirsync_search_cache_bytes"))
		require.Equal(t, float64(tc.evicted), cacheGauge(t, svc, "dirsync_search_cache_evictions_total"))
		require.Equal(t, float64(tc.max), cacheGauge(t, svc, "dirsync_search_cache_limit_bytes"))
	}
}

// cacheGauge reads one of the service's dirsync_search_cache_* metrics.
func cacheGauge(t *testing.T, svc *search.Service, name string) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(svc.Collector()))
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() == name {
			m := f.GetMetric()[0]
			if m.GetGauge() != nil {
				return m.GetGauge().GetValue()
			}
			return m.GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// TestSearchCancelledWait checks that a search whose context ends while it waits
// for a build returns the context's error.
func TestSearchCancelledWait(t *testing.T) {
	t.Parallel()
	s := setup(t)
	ctx, cancel := context.WithCancel(s.ctx)
	cancel()
	_, err := s.svc.Search(ctx, search.Query{CompanyID: s.a})
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, s.search(t, search.Query{}).Users, 11, "the service still works")
}

// churnHook moves a user in or out of Engineering right before each of the first
// `left` page statements, so the page a search reads never matches its snapshot.
type churnHook struct {
	s    *bundle
	left atomic.Int64
	in   bool
}

func (h *churnHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if !strings.Contains(e.Query, "LEFT JOIN users u") || h.left.Add(-1) < 0 {
		return ctx
	}
	h.in = !h.in
	dept := map[bool]string{true: "Engineering", false: "Support"}[h.in]
	_, _ = h.s.db.NewRaw("UPDATE users SET department = ? WHERE email = 'sam.lee1@a.example'", dept).Exec(ctx)
	return ctx
}

func (h *churnHook) AfterQuery(context.Context, *bun.QueryEvent) {}

// TestSearchUnderChurn checks that a search whose pages keep going stale still
// answers consistently: the page, the total and the facets agree.
func TestSearchUnderChurn(t *testing.T) {
	t.Parallel()
	s := setup(t)
	q := search.Query{Departments: []string{"Engineering"}, WithTotal: true, WithFacets: true}
	s.search(t, q)
	hook := &churnHook{s: s}
	hook.left.Store(10)
	s.db.AddQueryHook(hook)
	res := s.search(t, q)
	require.Equal(t, int64(10-3), hook.left.Load(), "the people changed before each of three page reads")
	require.Equal(t, res.TotalCount, res.Facets.Departments[0].Count)
	require.Len(t, res.Users, res.TotalCount)
	for _, r := range res.Users {
		require.Equal(t, "Engineering", *r.User.Department, r.User.Email)
	}
}
