package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/officetogether/dirsync/sync/workos"
)

// config is the service configuration: environment variables, mirrored by flags.
type config struct {
	DatabaseURL         string
	Addr                string
	SessionSecret       string
	PublicURL           string
	WorkOSAPIKey        string
	WorkOSAPIURL        string
	WorkOSWebhookSecret string
	WorkOSRateLimit     float64
	EventsInterval      time.Duration
	// InstanceName is this replica's stable name across restarts (engine.Config.InstanceName).
	InstanceName string
	// HolderTimeout is how long a replica may miss heartbeats before others take over its runs.
	HolderTimeout time.Duration
}

// configFromEnv reads the environment with the defaults of DESIGN.md §5.
func configFromEnv() (config, error) {
	cfg := config{
		DatabaseURL:         os.Getenv("DATABASE_URL"),
		Addr:                envOr("DIRSYNC_ADDR", ":8080"),
		SessionSecret:       os.Getenv("DIRSYNC_SESSION_SECRET"),
		PublicURL:           os.Getenv("DIRSYNC_PUBLIC_URL"),
		WorkOSAPIKey:        os.Getenv("WORKOS_API_KEY"),
		WorkOSAPIURL:        envOr("WORKOS_API_URL", "https://api.workos.com"),
		WorkOSWebhookSecret: os.Getenv("WORKOS_WEBHOOK_SECRET"),
		WorkOSRateLimit:     4,
		EventsInterval:      time.Minute,
		InstanceName:        os.Getenv("DIRSYNC_INSTANCE_NAME"),
		HolderTimeout:       30 * time.Second,
	}
	if v := os.Getenv("WORKOS_RATE_LIMIT"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return cfg, fmt.Errorf("WORKOS_RATE_LIMIT must be a positive number of requests per second, got %q", v)
		}
		cfg.WorkOSRateLimit = f
	}
	if v := os.Getenv("DIRSYNC_EVENTS_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("DIRSYNC_EVENTS_INTERVAL must be a positive Go duration such as 1m, got %q", v)
		}
		cfg.EventsInterval = d
	}
	if v := os.Getenv("DIRSYNC_HOLDER_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("DIRSYNC_HOLDER_TIMEOUT must be a positive Go duration such as 30s, got %q", v)
		}
		cfg.HolderTimeout = d
	}
	return cfg, nil
}

// register adds flags that mirror the environment to fs, defaulting to its values.
func (c *config) register(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (DATABASE_URL)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (DIRSYNC_ADDR)")
	fs.StringVar(&c.SessionSecret, "session-secret", c.SessionSecret, "token signing secret, 32+ characters (DIRSYNC_SESSION_SECRET)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "public URL of the app, for setup return links (DIRSYNC_PUBLIC_URL)")
	fs.StringVar(&c.WorkOSAPIKey, "workos-api-key", c.WorkOSAPIKey, "WorkOS API key (WORKOS_API_KEY)")
	fs.StringVar(&c.WorkOSAPIURL, "workos-api-url", c.WorkOSAPIURL, "WorkOS API base URL (WORKOS_API_URL)")
	fs.StringVar(&c.WorkOSWebhookSecret, "workos-webhook-secret", c.WorkOSWebhookSecret, "WorkOS webhook secret (WORKOS_WEBHOOK_SECRET)")
	fs.Float64Var(&c.WorkOSRateLimit, "workos-rate-limit", c.WorkOSRateLimit, "WorkOS requests per second per directory (WORKOS_RATE_LIMIT)")
	fs.DurationVar(&c.EventsInterval, "events-interval", c.EventsInterval, "how often the events feed lists WorkOS /events (DIRSYNC_EVENTS_INTERVAL)")
	fs.StringVar(&c.InstanceName, "instance-name", c.InstanceName, "this replica's name, stable across restarts and unique among replicas, e.g. the pod name (DIRSYNC_INSTANCE_NAME)")
	fs.DurationVar(&c.HolderTimeout, "holder-timeout", c.HolderTimeout, "how long a replica may miss heartbeats before others take over its runs (DIRSYNC_HOLDER_TIMEOUT)")
}

// commandConfig reads the environment, then the command's flags: those mirroring the
// environment plus the ones define adds.
func commandConfig(name string, args []string, stderr io.Writer, define func(fs *flag.FlagSet)) (config, error) {
	cfg, err := configFromEnv()
	if err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg.register(fs)
	if define != nil {
		define(fs)
	}
	return cfg, parseFlags(fs, args, stderr)
}

func (c config) requireDatabase() error {
	if c.DatabaseURL == "" {
		return fmt.Errorf("no database: set DATABASE_URL or --database-url (for example postgres://postgres@127.0.0.1:5432/dirsync?sslmode=disable), or use `dirsync dev`")
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// workosClient builds the WorkOS client of this configuration.
func (c config) workosClient(logger *slog.Logger) (*workos.Client, error) {
	client, err := workos.New(workos.Config{
		APIKey: c.WorkOSAPIKey, Endpoint: c.WorkOSAPIURL, RateLimit: c.WorkOSRateLimit, Logger: logger,
	})
	if err != nil {
		return nil, fmt.Errorf("WorkOS client: %w", err)
	}
	return client, nil
}
