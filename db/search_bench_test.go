package db_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/db/seed"
)

// benchUsers is the size of the benchmark company.
const benchUsers = 100_000

// benchSeedVersion changes when the seeded data changes, so a kept database is rebuilt.
const benchSeedVersion = "v1"

// BenchmarkSearchUsers measures one Power Search request (a page of 50, the total
// and the facets) on a company of 100,000 users and reports p50/p95/p99 latencies.
// The seeded database is kept between runs, keyed by the migrations and the seed:
//
//	go test ./db -run '^$' -bench BenchmarkSearchUsers -benchtime 50x -count 1
func BenchmarkSearchUsers(b *testing.B) {
	ctx := context.Background()
	bdb, companyID, bf := benchDatabase(b)
	base := db.SearchQuery{CompanyID: companyID, First: 50, WithTotal: true, WithFacets: true}
	with := func(f func(q *db.SearchQuery)) db.SearchQuery {
		q := base
		f(&q)
		return q
	}
	cases := []struct {
		name string
		q    db.SearchQuery
		page int // the page to time; earlier pages are walked before the timer
	}{
		{"no_filter", base, 1},
		{"one_department", with(func(q *db.SearchQuery) { q.Departments = []string{bf.department} }), 1},
		{"department_and_tag", with(func(q *db.SearchQuery) {
			q.Departments, q.Tags = []string{bf.department}, []string{bf.tag}
		}), 1},
		{"query_an", with(func(q *db.SearchQuery) { q.Text = "an" }), 1},
		{"query_anna_sm", with(func(q *db.SearchQuery) { q.Text = "anna sm" }), 1},
		{"page_200", base, 200},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			q := c.q
			walk := q
			walk.WithTotal, walk.WithFacets = false, false
			for range c.page - 1 {
				res, err := db.SearchUsers(ctx, bdb, walk)
				if err != nil || !res.HasNextPage {
					b.Fatalf("walk to page %d: %v (has next %v)", c.page, err, res != nil && res.HasNextPage)
				}
				walk.After = res.Users[len(res.Users)-1].Cursor
			}
			q.After = walk.After
			for range 3 { // warm the caches
				if _, err := db.SearchUsers(ctx, bdb, q); err != nil {
					b.Fatal(err)
				}
			}
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				res, err := db.SearchUsers(ctx, bdb, q)
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

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	at := func(p float64) float64 {
		i := min(int(p*float64(len(d)-1)+0.5), len(d)-1)
		return float64(d[i].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// benchDatabase returns a database holding one company seeded with benchUsers users.
// It is built once per migrations and seed version and kept for later runs.
func benchDatabase(b *testing.B) (*bun.DB, string, benchFilters) {
	b.Helper()
	ctx := context.Background()
	key, err := benchKey()
	if err != nil {
		b.Fatal(err)
	}
	name := "dirsync_bench_" + key
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
	dbURL := withDatabase(dbtest.ServerURL(), name)
	bdb, err := db.Open(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bdb.Close() })
	var companyID string
	if err := bdb.NewRaw("SELECT id FROM companies WHERE name = 'Bench Corp'").Scan(ctx, &companyID); err != nil {
		b.Fatal(err)
	}
	// Filter on the biggest department and the most common tag: the heaviest cases.
	var dept, tag string
	if err := bdb.NewRaw(`SELECT department FROM users WHERE company_id = ? AND department IS NOT NULL
GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, companyID).Scan(ctx, &dept); err != nil {
		b.Fatal(err)
	}
	if err := bdb.NewRaw(`SELECT t FROM users, unnest(tags) t WHERE company_id = ?
GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, companyID).Scan(ctx, &tag); err != nil {
		b.Fatal(err)
	}
	return bdb, companyID, benchFilters{department: dept, tag: tag}
}

// benchFilters are the filter values the benchmark cases use.
type benchFilters struct{ department, tag string }

func buildBenchDatabase(b *testing.B, admin *bun.DB, name string) {
	b.Helper()
	ctx := context.Background()
	building := name + "_build"
	for _, stmt := range []string{"DROP DATABASE IF EXISTS " + building + " WITH (FORCE)", "CREATE DATABASE " + building} {
		if _, err := admin.ExecContext(ctx, stmt); err != nil {
			b.Fatal(err)
		}
	}
	bdb, err := db.Open(ctx, withDatabase(dbtest.ServerURL(), building))
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
	if _, err := seed.Bulk(ctx, bdb, c.ID, seed.BulkOptions{Users: benchUsers, Seed: 1}); err != nil {
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

func benchKey() (string, error) {
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
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func withDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		return serverURL
	}
	u.Path = "/" + name
	return u.String()
}
