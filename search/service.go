// Package search is Power Search: a per-company in-memory index of people that
// answers a page of users with its total and disjunctive facet counts in a few
// milliseconds for 100,000 people, plus one SQL statement that reads the page's rows.
//
// The index is a cache, never the truth (no state lives in a replica): each
// company's snapshot records the companies.people_version it was built at, and
// the statement that reads a page also reads the current version. Triggers bump
// the version with every committed change to what the index holds, so a search
// that finds a newer version rebuilds the snapshot (once per company, however many
// searches wait for it) and answers from the new one. A search never reflects a
// state older than the last change committed before it started.
package search

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"
	"golang.org/x/sync/singleflight"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Defaults of Config.
const (
	// DefaultCacheMB is the default DIRSYNC_SEARCH_CACHE_MB: room for about twenty
	// 100,000-person companies, or thousands of small ones.
	DefaultCacheMB = 256
	// DefaultBuildTimeout bounds one snapshot build.
	DefaultBuildTimeout = time.Minute
)

// maxAttempts bounds how often one search reads a page that its snapshot turns
// out not to match (the people changed meanwhile); the last attempt builds its
// own snapshot and reads the page in one transaction.
const maxAttempts = 3

// Config configures a Service.
type Config struct {
	// DB is the database; required.
	DB *bun.DB
	// MaxBytes bounds the estimated memory of the snapshots kept (DIRSYNC_SEARCH_CACHE_MB),
	// least recently searched companies evicted first; default DefaultCacheMB MiB. A
	// 100,000-person company's snapshot takes about 12 MB; one larger than MaxBytes is
	// used by the searches that built it and not kept.
	MaxBytes int64
	// BuildTimeout bounds one snapshot build; default DefaultBuildTimeout. A build
	// outlives the request that started it, since other searches may wait for it.
	BuildTimeout time.Duration
	// Logger receives a line per snapshot build; default slog.Default().
	Logger *slog.Logger
	// Now is the clock build durations are measured with; default time.Now.
	Now func() time.Time
}

// Service answers searches from per-company snapshots. It is safe for concurrent use.
type Service struct {
	db           *bun.DB
	log          *slog.Logger
	now          func() time.Time
	buildTimeout time.Duration
	cache        *cache
	builds       singleflight.Group
	collators    sync.Pool
}

// New returns a Service with an empty cache.
func New(cfg Config) *Service {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultCacheMB << 20
	}
	if cfg.BuildTimeout <= 0 {
		cfg.BuildTimeout = DefaultBuildTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{db: cfg.DB, log: cfg.Logger, now: cfg.Now, buildTimeout: cfg.BuildTimeout,
		cache: newCache(cfg.MaxBytes)}
	s.collators.New = func() any { return collate.New(language.Und) }
	return s
}

// Collector exposes the cache's bytes, limit, companies and evictions to Prometheus
// (dirsync_search_cache_*); register it once per Service.
func (s *Service) Collector() prometheus.Collector { return cacheCollector{s.cache} }

// collator returns a root collator from the pool; put it back when done (a
// collator is not safe for concurrent use).
func (s *Service) collator() *collate.Collator { return s.collators.Get().(*collate.Collator) }

// Search returns one page of the company's users matching q, with their offices,
// plus the total and the facets when asked for. A warm search costs one SQL
// statement; the first search of a company, or the first after its people changed,
// also rebuilds its snapshot.
func (s *Service) Search(ctx context.Context, q Query) (*Result, error) {
	p, err := newPlan(q)
	if err != nil {
		return nil, err
	}
	companyID := p.q.CompanyID
	snap, err := s.snapshot(ctx, companyID, -1)
	if err != nil {
		return nil, err
	}
	for range maxAttempts - 1 {
		res, users := s.compute(snap, p)
		f, err := fetch(ctx, s.db, companyID, snap.idsOf(users))
		if err != nil {
			return nil, err
		}
		if f.version == snap.version { // the rows are those the snapshot indexed
			fill(res, p, snap, users, f)
			return res, nil
		}
		if snap, err = s.snapshot(ctx, companyID, f.version); err != nil {
			return nil, err
		}
	}
	return s.searchInTx(ctx, p)
}

// searchInTx answers p after the people kept changing between snapshot and page:
// it builds a snapshot and reads the page in one transaction, so they agree
// however busy the writers are.
func (s *Service) searchInTx(ctx context.Context, p *plan) (*Result, error) {
	var res *Result
	snap, err := s.load(ctx, p.q.CompanyID, func(tx bun.Tx, snap *snapshot) error {
		r, users := s.compute(snap, p)
		f, err := fetch(ctx, tx, p.q.CompanyID, snap.idsOf(users))
		if err != nil {
			return err
		}
		fill(r, p, snap, users, f)
		res = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.cache.put(snap)
	return res, nil
}

// compute answers p from snap, except for the page's rows: their indexes come
// back for the caller to read.
func (s *Service) compute(snap *snapshot, p *plan) (*Result, []uint32) {
	sel := snap.selection(p)
	res := &Result{}
	if p.q.WithTotal || p.q.WithFacets {
		c := sel.count(p.q.WithFacets)
		if p.q.WithTotal {
			res.TotalCount = c.total
		}
		if p.q.WithFacets {
			res.Facets = sel.facets(p, c)
		}
	}
	coll := s.collator()
	users, more := sel.page(p, coll)
	s.collators.Put(coll)
	res.HasNextPage = more
	res.Users = make([]Row, 0, len(users))
	return res, users
}

// fill puts the page's rows, read from the database at the snapshot's version,
// into res in the snapshot's order, with cursors made from the snapshot's keys.
func fill(res *Result, p *plan, snap *snapshot, users []uint32, f *fetched) {
	for _, i := range users {
		row, ok := f.rows[snap.ids[i]]
		if !ok {
			continue
		}
		row.Cursor = encodeCursor(p.order, snap.sortKey(p, i), snap.ids[i])
		res.Users = append(res.Users, row)
	}
}

// snapshot returns the company's snapshot at minVersion or newer, building it
// when the cache has none; minVersion -1 takes any cached snapshot.
func (s *Service) snapshot(ctx context.Context, companyID string, minVersion int64) (*snapshot, error) {
	if snap := s.cache.get(companyID); snap != nil && snap.version >= minVersion {
		return snap, nil
	}
	// A build already running may have read an older version than minVersion; the
	// next one starts after this search read minVersion, so it reads that or newer.
	for range maxAttempts {
		ch := s.builds.DoChan(companyID, func() (any, error) { return s.build(ctx, companyID) })
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("search users of company %s: wait for index: %w", companyID, ctx.Err())
		case r := <-ch:
			if r.Err != nil {
				return nil, r.Err
			}
			if snap := r.Val.(*snapshot); snap.version >= minVersion {
				return snap, nil
			}
		}
	}
	return nil, fmt.Errorf("search users of company %s: index stays behind people_version %d", companyID, minVersion)
}

// build loads a snapshot and caches it. It runs on behalf of every search waiting
// for it, so the starting search's cancellation does not stop it.
func (s *Service) build(ctx context.Context, companyID string) (*snapshot, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.buildTimeout)
	defer cancel()
	start := s.now()
	snap, err := s.load(ctx, companyID, nil)
	if err != nil {
		return nil, err
	}
	s.cache.put(snap)
	s.log.InfoContext(ctx, "search index built", "company", companyID, "version", snap.version,
		"users", snap.len(), "duration", s.now().Sub(start))
	return snap, nil
}
