package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/notify"
	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/sync/budget"
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
	WorkOSKeyRateLimit  int
	EventsInterval      time.Duration
	SyncConcurrency     int
	SearchCacheMB       int
	MetricsAddr         string
	// SMTPURL is where alert mail goes (smtp:// with STARTTLS or smtps://); empty: mail off.
	SMTPURL string
	// MailFrom is the sender address of alert mail.
	MailFrom string
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
		WorkOSKeyRateLimit:  budget.DefaultPerMinute,
		EventsInterval:      time.Minute,
		SyncConcurrency:     defaultSyncConcurrency,
		SearchCacheMB:       search.DefaultCacheMB,
		MetricsAddr:         os.Getenv("DIRSYNC_METRICS_ADDR"),
		SMTPURL:             os.Getenv("DIRSYNC_SMTP_URL"),
		MailFrom:            os.Getenv("DIRSYNC_MAIL_FROM"),
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
	for _, n := range []struct {
		key  string
		into *int
		what string
	}{
		{"WORKOS_KEY_RATE_LIMIT", &cfg.WorkOSKeyRateLimit, "number of WorkOS requests per minute for the API key"},
		{"DIRSYNC_SYNC_CONCURRENCY", &cfg.SyncConcurrency, "number of syncs one replica runs at once"},
		{"DIRSYNC_SEARCH_CACHE_MB", &cfg.SearchCacheMB, "number of megabytes for the Power Search cache"},
	} {
		if v := os.Getenv(n.key); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i <= 0 {
				return cfg, fmt.Errorf("%s must be a positive %s, got %q", n.key, n.what, v)
			}
			*n.into = i
		}
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
	fs.IntVar(&c.WorkOSKeyRateLimit, "workos-key-rate-limit", c.WorkOSKeyRateLimit, "WorkOS requests per minute for the API key, all replicas together (WORKOS_KEY_RATE_LIMIT)")
	fs.IntVar(&c.SyncConcurrency, "sync-concurrency", c.SyncConcurrency, "syncs one replica runs at once (DIRSYNC_SYNC_CONCURRENCY)")
	fs.IntVar(&c.SearchCacheMB, "search-cache-mb", c.SearchCacheMB, "megabytes of Power Search indexes one replica keeps (DIRSYNC_SEARCH_CACHE_MB)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "serve /metrics on this address only, not on the public one (DIRSYNC_METRICS_ADDR)")
	fs.StringVar(&c.SMTPURL, "smtp-url", c.SMTPURL, "SMTP server for alert mail, smtp://user:password@host:587 or smtps://... (DIRSYNC_SMTP_URL)")
	fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "sender address of alert mail (DIRSYNC_MAIL_FROM)")
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

// defaultSyncConcurrency is DIRSYNC_SYNC_CONCURRENCY's default.
const defaultSyncConcurrency = 4

// workosClient builds the WorkOS client of this configuration: every request waits for
// the API key's budget shared through bdb, and is counted in reg (when not nil).
func (c config) workosClient(bdb bun.IDB, reg prometheus.Registerer, logger *slog.Logger) (*workos.Client, error) {
	var keyBudget workos.KeyBudget
	if c.WorkOSAPIKey != "" {
		b, err := budget.New(budget.Config{DB: bdb, APIKey: c.WorkOSAPIKey, PerMinute: c.WorkOSKeyRateLimit, Registry: reg})
		if err != nil {
			return nil, fmt.Errorf("WorkOS key budget: %w", err)
		}
		keyBudget = b
	}
	client, err := workos.New(workos.Config{
		APIKey: c.WorkOSAPIKey, Endpoint: c.WorkOSAPIURL, RateLimit: c.WorkOSRateLimit, Logger: logger,
		Budget: keyBudget, Registry: reg,
	})
	if err != nil {
		return nil, fmt.Errorf("WorkOS client: %w", err)
	}
	return client, nil
}

// mailer builds the SMTP client of this configuration; nil when DIRSYNC_SMTP_URL is unset.
func (c config) mailer() (notify.Mailer, error) {
	if c.SMTPURL == "" {
		return nil, nil
	}
	if c.MailFrom == "" {
		return nil, fmt.Errorf("DIRSYNC_MAIL_FROM is required with DIRSYNC_SMTP_URL (the sender address, e.g. dirsync@example.com)")
	}
	if _, err := notify.NormalizeEmails([]string{c.MailFrom}); err != nil {
		return nil, fmt.Errorf("DIRSYNC_MAIL_FROM: %w", err)
	}
	m, err := notify.NewSMTP(notify.SMTPConfig{URL: c.SMTPURL})
	if err != nil {
		return nil, err
	}
	return m, nil
}
