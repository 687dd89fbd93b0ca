package search_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/db/seed"
	"github.com/officetogether/dirsync/search"
)

// benchUsers is the size of the benchmark company.
const benchUsers = 100_000

// benchSeedVersion changes when the seeded data changes, so a kept database is rebuilt.
const benchSeedVersion = "search-v2"

// benchTagFields is how many named tag fields the benchmark's tags are spread over.
const benchTagFields = 5

// BenchmarkSearch100k measures Service.Search (a page of 50 with the total and the
// facets, its one SQL statement included) on a company of 100,000 users seeded by
// seed.Bulk, and reports p50/p95/p99 latencies. The "rebuild" case reports the
// time to index the company from the database and the snapshot's heap size. The
// seeded database is kept between runs, keyed by the migrations and the seed:
//
//	go test ./search -run '^$' -bench . -benchtime 200x
func BenchmarkSearch100k(b *testing.B) {
	ctx := context.Background()
	bdb, companyID, f := benchDatabase(b)
	newService := func() *search.Service {
		return search.New(search.Config{DB: bdb, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	b.Run("rebuild", func(b *testing.B) {
		// Each build takes a while; a few give a stable median whatever b.N is.
		var durations []time.Duration
		var heap uint64
		for range min(b.N, 5) {
			before := heapAlloc()
			svc := newService()
			start := time.Now()
			if _, err := svc.Search(ctx, search.Query{CompanyID: companyID, First: 1}); err != nil {
				b.Fatal(err)
			}
			durations = append(durations, time.Since(start))
			heap = heapAlloc() - before
			runtime.KeepAlive(svc)
		}
		slices.Sort(durations)
		b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds()), "ns/op")
		b.ReportMetric(ms(durations[len(durations)/2]), "build-ms")
		b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	})

	svc := newService()
	base := search.Query{CompanyID: companyID, First: 50, WithTotal: true, WithFacets: true}
	with := func(f func(q *search.Query)) search.Query {
		q := base
		f(&q)
		return q
	}
	cases := []struct {
		name string
		q    search.Query
		page int // the page to time; earlier pages are walked before the timer
	}{
		{"no_filter", base, 1},
		{"one_department", with(func(q *search.Query) { q.Departments = []string{f.department} }), 1},
		{"department_and_tag", with(func(q *search.Query) {
			q.Departments, q.Tags = []string{f.department}, []string{f.tag}
		}), 1},
		{"two_tag_fields", with(func(q *search.Query) {
			q.TagFields = []search.TagFieldFilter{{Field: f.tagField, Values: []string{f.tag}}, {Field: f.tagField2, Values: []string{f.tag2}}}
		}), 1},
		{"department_and_tag_field", with(func(q *search.Query) {
			q.Departments, q.TagFields = []string{f.department}, []search.TagFieldFilter{{Field: f.tagField, Values: []string{f.tag}}}
		}), 1},
		{"query_an", with(func(q *search.Query) { q.Text = "an" }), 1},
		{"query_anna_sm", with(func(q *search.Query) { q.Text = "anna sm" }), 1},
		{"page_200", base, 200},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			q := c.q
			walk := q
			walk.WithTotal, walk.WithFacets = false, false
			for range c.page - 1 {
				res, err := svc.Search(ctx, walk)
				if err != nil || !res.HasNextPage {
					b.Fatalf("walk to page %d: %v", c.page, err)
				}
				walk.After = res.Users[len(res.Users)-1].Cursor
			}
			q.After = walk.After
			for range 3 { // warm up
				if _, err := svc.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				res, err := svc.Search(ctx, q)
				durations = append(durations, time.Since(start))
				if err != nil || len(res.Users) == 0 {
					b.Fatalf("search: %v", err)
				}
			}
			b.StopTimer()
			reportPercentiles(b, durations)
		})
	}
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	at := func(p float64) float64 { return ms(d[min(int(p*float64(len(d)-1)+0.5), len(d)-1)]) }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// benchDatabase returns a database holding one company seeded with benchUsers
// users, its id and the filter values to use. It is built once per migrations and seed
// version and kept for later runs.
func benchDatabase(b *testing.B) (*bun.DB, string, benchFilters) {
	b.Helper()
	ctx := context.Background()
	name := "dirsync_search_bench_" + benchKey(b)
	admin, err := db.Open(ctx, dbtest.ServerURL())
	if err != nil {
		b.Skipf("no PostgreSQL for benchmarks: %v", err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.NewRaw("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(ctx, &exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		buildBenchDatabase(b, admin, name)
	}
	bdb, err := db.Open(ctx, withDatabase(b, name))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bdb.Close() })
	var companyID string
	if err := bdb.NewRaw("SELECT id FROM companies WHERE name = 'Bench Corp'").Scan(ctx, &companyID); err != nil {
		b.Fatal(err)
	}
	// Filter on the biggest department and the most common tag, as seed.Bulk lists them first.
	var f benchFilters
	if err := bdb.NewRaw(`SELECT department FROM users WHERE company_id = ? AND department IS NOT NULL
GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, companyID).Scan(ctx, &f.department); err != nil {
		b.Fatal(err)
	}
	// The two most common (field, tag) pairs of different fields.
	if err := bdb.NewRaw(`SELECT f, t FROM users, unnest(tags, tag_fields) AS x(t, f) WHERE company_id = ?
GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`, companyID).Scan(ctx, &f.tagField, &f.tag); err != nil {
		b.Fatal(err)
	}
	if err := bdb.NewRaw(`SELECT f, t FROM users, unnest(tags, tag_fields) AS x(t, f) WHERE company_id = ? AND f <> ?
GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`, companyID, f.tagField).Scan(ctx, &f.tagField2, &f.tag2); err != nil {
		b.Fatal(err)
	}
	return bdb, companyID, f
}

// benchFilters are the filter values the benchmark cases use.
type benchFilters struct {
	department, tag, tagField, tag2, tagField2 string
}

func buildBenchDatabase(b *testing.B, admin *bun.DB, name string) {
	b.Helper()
	ctx := context.Background()
	building := name + "_build"
	for _, stmt := range []string{"DROP DATABASE IF EXISTS " + building + " WITH (FORCE)", "CREATE DATABASE " + building} {
		if _, err := admin.ExecContext(ctx, stmt); err != nil {
			b.Fatal(err)
		}
	}
	bdb, err := db.Open(ctx, withDatabase(b, building))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := db.Migrate(ctx, bdb); err != nil {
		b.Fatal(err)
	}
	c, err := db.CreateCompany(ctx, bdb, "Bench Corp")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := seed.Bulk(ctx, bdb, c.ID, seed.BulkOptions{Users: benchUsers, Seed: 1, TagFields: benchTagFields}); err != nil {
		b.Fatal(err)
	}
	if _, err := bdb.ExecContext(ctx, "VACUUM (ANALYZE) users"); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d users in %s", benchUsers, time.Since(start).Round(time.Millisecond))
	_ = bdb.Close()
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		b.Fatal(err)
	}
}

// benchKey hashes the migrations and the seed version.
func benchKey(b *testing.B) string {
	h := sha256.New()
	h.Write([]byte(benchSeedVersion))
	err := fs.WalkDir(db.MigrationFiles(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(db.MigrationFiles(), path)
		h.Write([]byte(path))
		h.Write(data)
		return err
	})
	if err != nil {
		b.Fatalf("hash migrations: %v", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func withDatabase(b *testing.B, name string) string {
	u, err := url.Parse(dbtest.ServerURL())
	if err != nil {
		b.Fatalf("server URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
