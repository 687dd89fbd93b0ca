// Command fleet is `make bench-fleet`: the WorkOS emulator out of process (`dirsync
// emulator`) with a fleet of organizations, three replicas of `dirsync serve` on one fresh
// database, webhooks off. It measures a night of daily runs for every company (all finish,
// key-limit 429s, peak WorkOS requests a minute), steady-state /events requests per
// interval, how long a change in a random company takes to reach its users, each
// replica's peak RSS and its Power Search cache against its byte limit. It prints one
// table and exits; every phase is bounded in time. With -webhooks it then points the
// emulator's signed webhooks at a round-robin proxy over the replicas and times as many
// changes again, reported on their own row.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// options are the benchmark's flags.
type options struct {
	bin         string
	dbURL       string
	orgs        int
	large       int
	largeUsers  int
	minUsers    int
	maxUsers    int
	replicas    int
	interval    time.Duration
	night       time.Duration
	nightLimit  time.Duration
	changes     int
	steady      int
	searches    int
	cacheMB     int
	concurrency int
	keyLimit    int
	webhooks    bool
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/dirsync", "the dirsync binary")
	flag.StringVar(&o.dbURL, "database-url", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL; a fresh database is created on it")
	flag.IntVar(&o.orgs, "orgs", 2000, "organizations (companies)")
	flag.IntVar(&o.large, "large", -1, "of which with -large-users users (default 1 in 100)")
	flag.IntVar(&o.largeUsers, "large-users", 10_000, "users of a large directory")
	flag.IntVar(&o.minUsers, "min-users", 20, "smallest other directory")
	flag.IntVar(&o.maxUsers, "max-users", 500, "largest other directory")
	flag.IntVar(&o.replicas, "replicas", 3, "dirsync serve processes")
	flag.DurationVar(&o.interval, "interval", 15*time.Second, "DIRSYNC_EVENTS_INTERVAL")
	flag.DurationVar(&o.night, "night", 6*time.Minute, "the night window 01:00-05:00 compressed to this long")
	flag.DurationVar(&o.nightLimit, "night-limit", 25*time.Minute, "give up waiting for the night's runs after this long")
	flag.IntVar(&o.changes, "changes", 20, "changes in random companies to time")
	flag.IntVar(&o.steady, "steady", 4, "steady-state intervals to count /events over")
	flag.IntVar(&o.searches, "searches", 400, "Power Search requests over random companies")
	flag.IntVar(&o.cacheMB, "search-cache-mb", 8, "DIRSYNC_SEARCH_CACHE_MB of each replica")
	flag.IntVar(&o.concurrency, "sync-concurrency", 4, "DIRSYNC_SYNC_CONCURRENCY of each replica")
	flag.IntVar(&o.keyLimit, "key-rate-limit", 6000, "WORKOS_KEY_RATE_LIMIT and the emulator's key limit")
	flag.BoolVar(&o.webhooks, "webhooks", false, "then also time -changes changes delivered as signed webhooks through a round-robin proxy over the replicas")
	flag.Parse()
	if o.large < 0 {
		o.large = o.orgs / 100
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.nightLimit+20*time.Minute)
	defer cancel()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench-fleet:", err)
		os.Exit(1)
	}
}
