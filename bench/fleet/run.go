package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
)

const (
	benchKey    = "sk_test_bench_fleet"
	benchSecret = "bench-fleet-session-secret-0123456789abcdef"
)

// replicaProc is one `dirsync serve` and its addresses.
type replicaProc struct {
	*proc
	url, metrics string
}

func run(ctx context.Context, o options) error {
	if o.dbURL == "" {
		return fmt.Errorf("set -database-url or TEST_DATABASE_URL to a PostgreSQL server")
	}
	began := time.Now()
	emuAddr, err := freeAddr()
	if err != nil {
		return err
	}
	emu, err := start("emulator", o.bin, []string{"emulator", "--addr", emuAddr, "--validation-delay", "0",
		"--key-rate-limit", strconv.Itoa(o.keyLimit)}, nil)
	if err != nil {
		return err
	}
	defer emu.stop()
	emuURL := "http://" + emuAddr
	if err := waitHTTP(ctx, emuURL+"/_emulator/stats", time.Minute); err != nil {
		return err
	}
	sum, err := generateFleet(ctx, emuURL, o)
	if err != nil {
		return err
	}
	dbURL, drop, err := freshDatabase(ctx, o.dbURL)
	if err != nil {
		return err
	}
	defer drop()
	bdb, err := db.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer bdb.Close()
	if _, err := db.Migrate(ctx, bdb); err != nil {
		return err
	}
	lead := 2*time.Minute + time.Duration(o.orgs)*30*time.Millisecond
	nightStart := time.Now().Add(lead).Truncate(time.Minute)
	tenants, nightEnd, err := seed(ctx, bdb, sum, nightStart, o.night)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "seeded %d companies with %d directory users; night %s..%s UTC\n",
		len(tenants), sum.Users, nightStart.UTC().Format("15:04"), nightEnd.UTC().Format("15:04"))

	var replicas []replicaProc
	defer func() {
		for _, r := range replicas {
			r.stop()
		}
	}()
	for i := range o.replicas {
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		maddr, err := freeAddr()
		if err != nil {
			return err
		}
		p, err := start(fmt.Sprintf("replica%d", i), o.bin, []string{"serve"}, []string{
			"DATABASE_URL=" + dbURL, "DIRSYNC_ADDR=" + addr, "DIRSYNC_METRICS_ADDR=" + maddr,
			"DIRSYNC_SESSION_SECRET=" + benchSecret, "WORKOS_API_KEY=" + benchKey, "WORKOS_API_URL=" + emuURL,
			"WORKOS_WEBHOOK_SECRET=", "DIRSYNC_EVENTS_INTERVAL=" + o.interval.String(),
			"WORKOS_KEY_RATE_LIMIT=" + strconv.Itoa(o.keyLimit), "DIRSYNC_SYNC_CONCURRENCY=" + strconv.Itoa(o.concurrency),
			"DIRSYNC_SEARCH_CACHE_MB=" + strconv.Itoa(o.cacheMB)})
		if err != nil {
			return err
		}
		replicas = append(replicas, replicaProc{proc: p, url: "http://" + addr, metrics: "http://" + maddr + "/metrics"})
	}
	for _, r := range replicas {
		if err := waitHTTP(ctx, r.url+"/readyz", 2*time.Minute); err != nil {
			return fmt.Errorf("%s (log %s): %w", r.name, r.log.Name(), err)
		}
	}
	smp := &sampler{url: emuURL}
	sctx, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	go smp.run(sctx)

	// The night: every company's SCHEDULE run.
	night, err := waitNight(ctx, bdb, len(tenants), time.Until(nightEnd)+o.nightLimit)
	if err != nil {
		return err
	}
	nightDone := time.Now()
	nightPeak := smp.peakPerMinute(nightStart.Add(-time.Minute), nightDone)
	nightLimited := smp.last().limit

	// Steady state: /events requests per interval with nothing else going on.
	e0 := smp.last()
	time.Sleep(time.Duration(o.steady) * o.interval)
	e1 := smp.last()
	eventsPerInterval := float64(e1.events-e0.events) / float64(o.steady)
	steadyPeak := smp.peakPerMinute(e0.at, e1.at)

	// Changes in random companies reaching their users.
	took, missed, err := timeChanges(ctx, bdb, emuURL, tenants, o.changes, 3*o.interval+time.Minute)
	if err != nil {
		return err
	}

	// Power Search over random companies.
	issuer, err := auth.NewIssuer(benchSecret, nil)
	if err != nil {
		return err
	}
	urls := make([]string, len(replicas))
	for i, r := range replicas {
		urls[i] = r.url
	}
	searchFailed, err := search(ctx, issuer, urls, tenants, o.searches)
	if err != nil {
		return err
	}
	final := smp.last()

	var rows []string
	for _, r := range replicas {
		rss, err := r.peakRSS()
		if err != nil {
			return err
		}
		m, err := scrape(ctx, r.metrics)
		if err != nil {
			return err
		}
		rows = append(rows, fmt.Sprintf("| %s | %.0f MiB | %.1f / %.1f MiB, %.0f companies, %.0f evicted | %.0f | %.0f | %.0f |",
			r.name, rss, m["dirsync_search_cache_bytes"]/(1<<20), m["dirsync_search_cache_limit_bytes"]/(1<<20),
			m["dirsync_search_cache_companies"], m["dirsync_search_cache_evictions_total"],
			m["dirsync_workos_requests_total{}"], m["dirsync_workos_requests_total{429}"], m["dirsync_workos_budget_round_trips_total"]))
	}

	fmt.Printf("## bench-fleet: %d organizations (%d with %d users, others %d-%d), %d directory users, %d replicas\n\n",
		o.orgs, o.large, o.largeUsers, o.minUsers, o.maxUsers, sum.Users, o.replicas)
	fmt.Printf("`go run ./bench/fleet %s` (%s in all)\n\n", strings.Join(os.Args[1:], " "), time.Since(began).Round(time.Second))
	fmt.Println("| measure | value |")
	fmt.Println("|---|---|")
	fmt.Printf("| night of daily runs (compressed to %s) | %d/%d finished %v, last at +%s after the night's start |\n",
		o.night, night.finished, len(tenants), night.byStatus, night.lastFinished.Sub(nightStart).Round(time.Second))
	fmt.Printf("| night: key-limit 429s | %d |\n", nightLimited)
	fmt.Printf("| night: peak WorkOS requests/min | %d (%.0f%% of %d) |\n", nightPeak, 100*float64(nightPeak)/float64(o.keyLimit), o.keyLimit)
	fmt.Printf("| steady state: /events requests per interval (%s), cluster | %.2f (%d requests on all routes in those intervals) |\n",
		o.interval, eventsPerInterval, steadyPeak)
	fmt.Printf("| change reaches its users: p50 / p95 (%d timed, %d missed) | %s / %s |\n", len(took), missed,
		percentile(took, 0.5).Round(100*time.Millisecond), percentile(took, 0.95).Round(100*time.Millisecond))
	fmt.Printf("| Power Search requests (failed) | %d (%d) |\n", o.searches, searchFailed)
	fmt.Printf("| WorkOS requests in all, key-limit 429s in all | %d, %d |\n\n", final.total, final.limit)
	fmt.Println("| replica | peak RSS | search cache | WorkOS requests | 429s | budget round trips |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Println(r)
	}
	return nil
}
