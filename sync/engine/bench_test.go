package engine_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// benchBundle is a benchmark's database and service, with the WorkOS emulator in another
// process (see serveBenchEmulator) so that this process's memory is what a server pays.
type benchBundle struct {
	db      *bun.DB
	svc     *engine.Service
	client  *workos.Client
	company string
	emu     *benchEmulator
	// idleRSS is the resident memory before the first sync, bytes.
	idleRSS uint64
	// peakRSSGrowth is the largest resident memory over idleRSS during one sync, by sync kind.
	peakRSSGrowth map[string]uint64
	// peakLiveGrowth is the largest growth of the live heap (as marked by a GC) during one sync.
	peakLiveGrowth uint64
}

// benchEmulator is the emulator child process.
type benchEmulator struct {
	cmd           *exec.Cmd
	stdin         io.WriteCloser
	out           *bufio.Scanner
	url, org, dir string
}

// startBenchEmulator starts the emulator process with a directory of users, in groups
// when groups > 0 (see benchGroupsEnv).
func startBenchEmulator(b *testing.B, users, groups int, rateLimited bool) *benchEmulator {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), benchEmulatorEnv+"="+strconv.Itoa(users), benchGroupsEnv+"="+strconv.Itoa(groups))
	if rateLimited {
		cmd.Env = append(cmd.Env, benchRateLimitEnv+"=1")
	}
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	require.NoError(b, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(b, err)
	require.NoError(b, cmd.Start())
	e := &benchEmulator{cmd: cmd, stdin: stdin, out: bufio.NewScanner(stdout)}
	b.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	require.True(b, e.out.Scan(), "emulator process ended: %v", e.out.Err())
	_, err = fmt.Sscan(e.out.Text(), &e.url, &e.org, &e.dir)
	require.NoError(b, err, "emulator said %q", e.out.Text())
	return e
}

// changeOnePercent changes the job title of every 100th user and returns how many changed.
func (e *benchEmulator) changeOnePercent(b *testing.B) int {
	b.Helper()
	_, err := io.WriteString(e.stdin, "change-1pct\n")
	require.NoError(b, err)
	require.True(b, e.out.Scan(), "emulator process ended: %v", e.out.Err())
	n, err := strconv.Atoi(e.out.Text())
	require.NoError(b, err)
	return n
}

func setupBench(b *testing.B, users, groups int, rateLimited bool) *benchBundle {
	b.Helper()
	ctx := context.Background()
	bb := &benchBundle{db: dbtest.NewDB(b), emu: startBenchEmulator(b, users, groups, rateLimited), peakRSSGrowth: map[string]uint64{}}
	cfg := workos.Config{APIKey: "sk_test_bench", Endpoint: bb.emu.url, HTTPClient: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}, RateLimit: -1}
	if rateLimited {
		cfg.RateLimit = workos.DefaultRateLimit
	}
	var err error
	bb.client, err = workos.New(cfg)
	require.NoError(b, err)
	bb.svc, err = engine.New(engine.Config{DB: bb.db, Directory: bb.client})
	require.NoError(b, err)
	b.Cleanup(func() { _ = bb.svc.Close(context.Background()) })
	c, err := db.CreateCompany(ctx, bb.db, "Bench")
	require.NoError(b, err)
	bb.company = c.ID
	_, err = db.StartDirectoryConnection(ctx, bb.db, c.ID, bb.emu.org)
	require.NoError(b, err)
	_, err = db.CompleteDirectoryConnection(ctx, bb.db, c.ID, db.DirectoryDetails{DirectoryID: bb.emu.dir, Provider: "okta scim v2.0", Name: "Bench", State: "linked"}, time.Now())
	require.NoError(b, err)
	runtime.GC()
	debug.FreeOSMemory()
	bb.idleRSS = procStatus(b, "VmRSS")
	return bb
}

// syncOnce runs one sync of the given kind, requires success and returns its duration and
// the user rows it wrote (rows whose last_synced_at is the run's: the engine only sets it
// on written rows). It records the peak resident memory over the idle baseline.
func (bb *benchBundle) syncOnce(b *testing.B, kind string) (time.Duration, int) {
	b.Helper()
	// Return what earlier syncs left to the OS, so that the peak is this sync's own; then
	// writing 5 to clear_refs resets the process's peak resident set size (VmHWM).
	debug.FreeOSMemory()
	base := liveHeap()
	require.NoError(b, os.WriteFile("/proc/self/clear_refs", []byte("5"), 0))
	peak := startLivePeak()
	start := time.Now()
	run, err := bb.svc.RunNow(context.Background(), bb.company, engine.RunOptions{})
	elapsed := time.Since(start)
	live := peak.Stop()
	if hwm := procStatus(b, "VmHWM"); hwm > bb.idleRSS && hwm-bb.idleRSS > bb.peakRSSGrowth[kind] {
		bb.peakRSSGrowth[kind] = hwm - bb.idleRSS
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

// procStatus reads a memory field of /proc/self/status, in bytes.
func procStatus(b *testing.B, field string) uint64 {
	b.Helper()
	data, err := os.ReadFile("/proc/self/status")
	require.NoError(b, err)
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			require.NoError(b, err)
			return kb << 10
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// livePeak samples the live heap (as marked by the latest GC) every 5ms and keeps the largest.
type livePeak struct {
	peak atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func startLivePeak() *livePeak {
	h := &livePeak{stop: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := liveHeap(); v > h.peak.Load() {
				h.peak.Store(v)
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

// Stop ends the sampling and returns the peak live heap.
func (h *livePeak) Stop() uint64 {
	close(h.stop)
	h.wg.Wait()
	return h.peak.Load()
}

func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// BenchmarkSync100k syncs 100,000 directory users from the emulator (in another process,
// rate limit off) end to end over HTTP. It measures once: the first import
// (first_import_s) and a re-sync with 1% of users changed (resync_1pct_s,
// rows_written_1pct); the timed loop is the re-sync with no change (ns/op,
// rows_written_nochange per op). Memory is this process's peak resident set over its idle
// size before the first sync, per kind of sync (rss_growth_*_MB: what a server pays), and
// the peak growth of the live heap (live_heap_growth_MB: what the engine retains).
func BenchmarkSync100k(b *testing.B) {
	const users = 100_000
	bb := setupBench(b, users, 0, false)

	first, writtenFirst := bb.syncOnce(b, "first")
	listMs := bb.listWithText(b, bb.nameInTheMiddle(b)[:2])
	changed := bb.emu.changeOnePercent(b)
	onePct, written1 := bb.syncOnce(b, "1pct")

	var total int
	iters := 0
	for b.Loop() {
		_, w := bb.syncOnce(b, "nochange")
		total += w
		iters++
	}
	b.ReportMetric(first.Seconds(), "first_import_s")
	b.ReportMetric(float64(writtenFirst), "rows_written_first")
	b.ReportMetric(onePct.Seconds(), "resync_1pct_s")
	b.ReportMetric(float64(written1), "rows_written_1pct")
	b.ReportMetric(float64(changed), "rows_changed_1pct")
	b.ReportMetric(float64(total)/float64(iters), "rows_written_nochange/op")
	for kind, v := range bb.peakRSSGrowth {
		b.ReportMetric(float64(v)/(1<<20), "rss_growth_"+kind+"_MB")
	}
	b.ReportMetric(float64(bb.idleRSS)/(1<<20), "idle_rss_MB")
	b.ReportMetric(float64(bb.peakLiveGrowth)/(1<<20), "live_heap_growth_MB")
	b.ReportMetric(listMs, "list_text_ms")
}

// nameInTheMiddle returns the first name of the middle user of the company's mirror.
func (bb *benchBundle) nameInTheMiddle(b *testing.B) string {
	b.Helper()
	var name string
	require.NoError(b, bb.db.NewRaw(`SELECT first_name FROM directory_users WHERE company_id = ? AND first_name IS NOT NULL ORDER BY id OFFSET (SELECT count(*) / 2 FROM directory_users WHERE company_id = ?) LIMIT 1`,
		bb.company, bb.company).Scan(context.Background(), &name))
	return name
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
	bb := setupBench(b, 10_000, 0, true)
	var sum time.Duration
	n := 0
	for b.Loop() {
		d, _ := bb.syncOnce(b, "ratelimited")
		sum += d
		n++
	}
	b.ReportMetric(sum.Seconds()/float64(n)/25, "floor_ratio")
}
