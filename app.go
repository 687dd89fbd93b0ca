package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

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
	"github.com/officetogether/dirsync/sync/setup"
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
	handler  http.Handler
}

// appOptions are what `dev` adds to a plain `serve`.
type appOptions struct {
	// mounts are extra handlers by ServeMux pattern.
	mounts map[string]http.Handler
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
	applied, err := db.Migrate(ctx, bdb)
	if err != nil {
		_ = bdb.Close()
		return nil, err
	}
	if len(applied) > 0 {
		logger.Info("applied migrations", "count", len(applied))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a := &app{cfg: cfg, logger: logger, db: bdb, issuer: issuer, registry: reg}
	if err := a.wireSync(); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	setupSvc, err := setup.New(setup.Config{DB: bdb, WorkOS: a.workos, Puller: a.engine, Logger: logger})
	if err != nil {
		_ = bdb.Close()
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
		Mounts:   opts.mounts,
	})
	return a, nil
}

// wireSync builds the WorkOS client and the sync engine.
func (a *app) wireSync() error {
	if a.cfg.WorkOSAPIKey == "" {
		a.logger.Warn("WORKOS_API_KEY is not set: directory sync cannot reach WorkOS (dirsync dev uses the built-in emulator)")
	}
	client, err := workos.New(workos.Config{
		APIKey: a.cfg.WorkOSAPIKey, Endpoint: a.cfg.WorkOSAPIURL, RateLimit: a.cfg.WorkOSRateLimit, Logger: a.logger,
	})
	if err != nil {
		return fmt.Errorf("WorkOS client: %w", err)
	}
	a.workos = client
	a.engine, err = engine.New(engine.Config{DB: a.db, Directory: client, Logger: a.logger, Registry: a.registry})
	if err != nil {
		return fmt.Errorf("sync engine: %w", err)
	}
	return nil
}

// close lets running syncs finish (up to a minute) and releases the app's resources.
func (a *app) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := a.engine.Close(ctx); err != nil {
		a.logger.Error("stopping the sync engine", "err", err)
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
