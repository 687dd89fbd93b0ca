package engine_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// benchBundle is a benchmark's emulator, database and service.
type benchBundle struct {
	*bundle
	peakGrowth     uint64 // largest growth of the heap objects (live and garbage) during one sync, bytes
	peakLiveGrowth uint64 // largest growth of the live heap (as marked by a GC) during one sync, bytes
	baseHeap       uint64 // live heap (emulator and all) after GC before the latest sync, bytes
}

func setupBench(b *testing.B, users int, rateLimited bool) *benchBundle {
	b.Helper()
	ctx := context.Background()
	bb := &benchBundle{bundle: &bundle{db: dbtest.NewDB(b)}}
	rate := float64(emulator.NoRateLimit)
	if rateLimited {
		rate = emulator.DefaultRateLimit
	}
	bb.emu = emulator.New(emulator.Options{RateLimit: rate})
	b.Cleanup(func() { _ = bb.emu.Close() })
	srv := httptest.NewServer(bb.emu)
	b.Cleanup(srv.Close)
	org, err := bb.emu.CreateOrganization(emulator.Organization{Name: "Bench", Domains: []string{"bench.test"}})
	require.NoError(b, err)
	bb.dir, err = bb.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
	require.NoError(b, err)
	require.NoError(b, bb.emu.GenerateUsers(bb.dir.ID, users, 11))
	cfg := workos.Config{APIKey: "sk_test_bench", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}, RateLimit: -1}
	if rateLimited {
		cfg.RateLimit = workos.DefaultRateLimit
	}
	client, err := workos.New(cfg)
	require.NoError(b, err)
	bb.svc, err = engine.New(engine.Config{DB: bb.db, Directory: client})
	require.NoError(b, err)
	b.Cleanup(func() { _ = bb.svc.Close(context.Background()) })
	c, err := db.CreateCompany(ctx, bb.db, "Bench")
	require.NoError(b, err)
	bb.company = c.ID
	_, err = db.StartDirectoryConnection(ctx, bb.db, c.ID, org.ID)
	require.NoError(b, err)
	_, err = db.CompleteDirectoryConnection(ctx, bb.db, c.ID, db.DirectoryDetails{DirectoryID: bb.dir.ID, Provider: "okta scim v2.0", Name: "Bench", State: "linked"}, time.Now())
	require.NoError(b, err)
	return bb
}

// syncOnce runs one sync, requires success and returns its duration and the user rows it
// wrote (rows whose last_synced_at is the run's: the engine only sets it on written rows).
func (bb *benchBundle) syncOnce(b *testing.B) (time.Duration, int) {
	b.Helper()
	base := heapNow()
	bb.baseHeap = base
	peak := startHeapPeak()
	start := time.Now()
	run, err := bb.svc.RunNow(context.Background(), bb.company, engine.RunOptions{})
	elapsed := time.Since(start)
	p, live := peak.Stop()
	if p > base && p-base > bb.peakGrowth {
		bb.peakGrowth = p - base
	}
	if live > base && live-base > bb.peakLiveGrowth {
		bb.peakLiveGrowth = live - base
	}
	require.NoError(b, err)
	require.Equal(b, db.RunSucceeded, run.Status, "error: %v", run.Error)
	n, err := bb.db.NewSelect().Model((*db.User)(nil)).
		Where("company_id = ? AND last_synced_at >= ?", bb.company, *run.StartedAt).Count(context.Background())
	require.NoError(b, err)
	return elapsed, int(n)
}

// heapPeak samples the heap every 5ms and keeps the largest values of the heap's objects
// (live and not yet swept garbage, which the GC pacer lets grow with the emulator's own
// heap) and of the live heap as marked by the latest GC.
type heapPeak struct {
	peak, peakLive atomic.Uint64
	stop           chan struct{}
	wg             sync.WaitGroup
}

func startHeapPeak() *heapPeak {
	h := &heapPeak{stop: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > h.peak.Load() {
				h.peak.Store(v)
			}
			if v := sample[1].Value.Uint64(); v > h.peakLive.Load() {
				h.peakLive.Store(v)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// Stop ends the sampling and returns the peak heap objects and the peak live heap.
func (h *heapPeak) Stop() (objects, live uint64) {
	close(h.stop)
	h.wg.Wait()
	return h.peak.Load(), h.peakLive.Load()
}

func heapNow() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// BenchmarkSync100k syncs 100,000 directory users from the emulator (rate limits off) end
// to end over HTTP. It measures once: the first import (first_import_s), a re-sync with
// 1% of users changed (resync_1pct_s, rows_written_1pct) and the peak heap growth over the
// baseline of the emulator and the database client (peak_heap_growth_MB, which includes
// garbage the GC pacer allows in proportion to the in-process emulator's base_heap_MB, and
// peak_live_heap_growth_MB, what the engine retains); the timed loop is the re-sync with no change
// (ns/op, rows_written_nochange per op).
func BenchmarkSync100k(b *testing.B) {
	const users = 100_000
	bb := setupBench(b, users, false)

	first, writtenFirst := bb.syncOnce(b)
	all, err := bb.emu.Users(bb.dir.ID)
	require.NoError(b, err)
	listMs := bb.listWithText(b, all[len(all)/2].FirstName[:2])
	changed := 0
	for i := 0; i < len(all); i += 100 {
		u := all[i]
		u.JobTitle += " II"
		u.CustomAttributes["job_title"] = u.JobTitle
		_, err := bb.emu.PutUser(bb.dir.ID, u)
		require.NoError(b, err)
		changed++
	}
	all = nil
	onePct, written1 := bb.syncOnce(b)

	var total int
	iters := 0
	for b.Loop() {
		_, w := bb.syncOnce(b)
		total += w
		iters++
	}
	b.ReportMetric(first.Seconds(), "first_import_s")
	b.ReportMetric(float64(writtenFirst), "rows_written_first")
	b.ReportMetric(onePct.Seconds(), "resync_1pct_s")
	b.ReportMetric(float64(written1), "rows_written_1pct")
	b.ReportMetric(float64(changed), "rows_changed_1pct")
	b.ReportMetric(float64(total)/float64(iters), "rows_written_nochange/op")
	b.ReportMetric(float64(bb.peakGrowth)/(1<<20), "peak_heap_growth_MB")
	b.ReportMetric(float64(bb.peakLiveGrowth)/(1<<20), "peak_live_heap_growth_MB")
	b.ReportMetric(float64(bb.baseHeap)/(1<<20), "base_heap_MB")
	b.ReportMetric(listMs, "list_text_ms")
}

// listWithText times the admin list's first page (with its total count) of the company's
// mirror filtered by a name prefix, the slowest of 5 tries, in milliseconds.
func (bb *benchBundle) listWithText(b *testing.B, text string) float64 {
	b.Helper()
	var slowest time.Duration
	for range 5 {
		start := time.Now()
		page, err := db.ListDirectoryUsers(context.Background(), bb.db, db.DirectoryUserQuery{CompanyID: bb.company, Text: text, First: 50})
		slowest = max(slowest, time.Since(start))
		require.NoError(b, err)
		require.NotEmpty(b, page.Users, "no directory user matches %q", text)
	}
	return float64(slowest.Microseconds()) / 1000
}

// BenchmarkSyncRateLimited10k syncs 10,000 users with the 4 requests/second limit on in
// both the emulator and the client: 100 pages, a floor of about 25 s per op. floor_ratio
// is the time per sync over 25 s (target <= 1.05).
func BenchmarkSyncRateLimited10k(b *testing.B) {
	bb := setupBench(b, 10_000, true)
	var sum time.Duration
	n := 0
	for b.Loop() {
		d, _ := bb.syncOnce(b)
		sum += d
		n++
	}
	b.ReportMetric(sum.Seconds()/float64(n)/25, "floor_ratio")
}
