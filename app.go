package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/frontend"
	"github.com/officetogether/dirsync/resolvers"
	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/server"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/schedule"
	"github.com/officetogether/dirsync/sync/setup"
	"github.com/officetogether/dirsync/sync/webhooks"
	"github.com/officetogether/dirsync/sync/workos"
)

// app is one running dirsync: database, services and the HTTP handler.
type app struct {
	cfg      config
	logger   *slog.Logger
	db       *bun.DB
	issuer   *auth.Issuer
	registry *prometheus.Registry
	workos   *workos.Client
	engine   *engine.Service
	sched    *schedule.Scheduler
	clock    clockwork.Clock
	handler  http.Handler
}

// appOptions are what `dev` adds to a plain `serve`.
type appOptions struct {
	// mounts are extra handlers by ServeMux pattern.
	mounts map[string]http.Handler
	// clock drives the scheduler; nil is the real clock (tests pass a fake one).
	clock clockwork.Clock
	// tick is how often the scheduler looks for due daily runs; 0 is a minute.
	tick time.Duration
	// onJobDone is schedule.Config.OnJobDone (tests step a fake clock with it).
	onJobDone func(job string)
}

// newApp opens and migrates the database and wires the services.
func newApp(ctx context.Context, cfg config, logger *slog.Logger, opts appOptions) (*app, error) {
	if err := cfg.requireDatabase(); err != nil {
		return nil, err
	}
	issuer, err := auth.NewIssuer(cfg.SessionSecret, nil)
	if err != nil {
		return nil, fmt.Errorf("DIRSYNC_SESSION_SECRET: %w (generate one with: openssl rand -hex 32)", err)
	}
	bdb, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	ready := false
	defer func() {
		if !ready {
			_ = bdb.Close()
		}
	}()
	applied, err := db.Migrate(ctx, bdb)
	if err != nil {
		return nil, err
	}
	if len(applied) > 0 {
		logger.Info("applied migrations", "count", len(applied))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a := &app{cfg: cfg, logger: logger, db: bdb, issuer: issuer, registry: reg}
	if err := a.wireSync(opts); err != nil {
		return nil, err
	}
	mounts, err := a.mounts(opts.mounts)
	if err != nil {
		return nil, err
	}
	setupSvc, err := setup.New(setup.Config{DB: bdb, WorkOS: a.workos, Puller: a.engine, Logger: logger})
	if err != nil {
		return nil, err
	}
	a.handler = server.New(server.Config{
		DB:     bdb,
		Issuer: issuer,
		Resolver: &resolvers.Resolver{
			DB: bdb, Search: search.New(search.Config{DB: bdb, Logger: logger}),
			Engine: a.engine, Setup: setupSvc, PublicURL: cfg.PublicURL, Logger: logger,
		},
		Registry: reg,
		Logger:   logger,
		SPA:      frontend.Dist(),
		Mounts:   mounts,
	})
	if err := a.engine.Start(ctx); err != nil {
		return nil, fmt.Errorf("sync engine: start: %w", err)
	}
	a.sched.Start()
	ready = true
	return a, nil
}

// mounts adds the WorkOS webhook endpoint (when WORKOS_WEBHOOK_SECRET is set) to extra.
func (a *app) mounts(extra map[string]http.Handler) (map[string]http.Handler, error) {
	out := make(map[string]http.Handler, len(extra)+1)
	for k, v := range extra {
		out[k] = v
	}
	if a.cfg.WorkOSWebhookSecret == "" {
		a.logger.Warn("WORKOS_WEBHOOK_SECRET is not set: POST /webhooks/workos is off; the events feed is still polled every " + a.cfg.EventsInterval.String())
		return out, nil
	}
	hook, err := webhooks.NewHandler(webhooks.Config{Secret: a.cfg.WorkOSWebhookSecret, Deliver: a.sched.Deliver,
		Now: a.clock.Now, Logger: a.logger})
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	out["POST /webhooks/workos"] = hook
	return out, nil
}

// wireSync builds the WorkOS client, the sync engine and the scheduler.
func (a *app) wireSync(opts appOptions) error {
	if a.cfg.WorkOSAPIKey == "" {
		a.logger.Warn("WORKOS_API_KEY is not set: directory sync cannot reach WorkOS (dirsync dev uses the built-in emulator)")
	}
	client, err := a.cfg.workosClient(a.logger)
	if err != nil {
		return err
	}
	a.workos = client
	clock := opts.clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	a.clock = clock
	a.engine, err = engine.New(engine.Config{DB: a.db, Directory: client, Logger: a.logger, Registry: a.registry, Now: clock.Now,
		InstanceName: a.cfg.InstanceName, HolderTimeout: a.cfg.HolderTimeout})
	if err != nil {
		return fmt.Errorf("sync engine: %w", err)
	}
	a.sched, err = schedule.New(schedule.Config{DB: a.db, Engine: a.engine, Events: client, Clock: clock, Tick: opts.tick,
		EventsInterval: a.cfg.EventsInterval, Instance: a.cfg.InstanceName, Logger: a.logger, Registry: a.registry,
		OnJobDone: opts.onJobDone})
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	return nil
}

// close stops claiming scheduled work, lets running syncs finish (up to a minute; a run
// still going then is marked interrupted, and another replica's scheduler re-runs a
// scheduled one), stops the scheduler and releases the app's resources.
func (a *app) close() {
	a.closeWithin(time.Minute)
}

// closeWithin is close with the given grace period for running syncs.
func (a *app) closeWithin(grace time.Duration) {
	a.sched.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := a.engine.Close(ctx); err != nil {
		a.logger.Error("stopping the sync engine", "err", err)
	}
	if err := a.sched.Shutdown(); err != nil {
		a.logger.Error("stopping the scheduler", "err", err)
	}
	_ = a.db.Close()
}

// serve listens on ln until ctx ends, then drains requests for up to 30 seconds.
func (a *app) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	a.logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}
