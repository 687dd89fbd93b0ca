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
	"github.com/officetogether/dirsync/server"
)

// app is one running dirsync: database, services and the HTTP handler.
type app struct {
	cfg      config
	logger   *slog.Logger
	db       *bun.DB
	issuer   *auth.Issuer
	registry *prometheus.Registry
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
	a.handler = server.New(server.Config{
		DB:       bdb,
		Issuer:   issuer,
		Resolver: &resolvers.Resolver{DB: bdb, Logger: logger},
		Registry: reg,
		Logger:   logger,
		SPA:      frontend.Dist(),
		Mounts:   opts.mounts,
	})
	return a, nil
}

// close releases the app's resources.
func (a *app) close() { _ = a.db.Close() }

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
