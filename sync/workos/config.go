package workos

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/portal"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultEndpoint is the production WorkOS API base URL.
	DefaultEndpoint = "https://api.workos.com"
	// DefaultRequestTimeout bounds one HTTP attempt (request and body).
	DefaultRequestTimeout = 15 * time.Second
	// DefaultRateLimit is WorkOS's documented limit for /directory_users, per directory.
	DefaultRateLimit = 4.0
	// DefaultMaxRetries is how many times a failed call is retried.
	DefaultMaxRetries = 6
	// DefaultBaseBackoff is the first retry delay before jitter.
	DefaultBaseBackoff = 500 * time.Millisecond
	// DefaultMaxBackoff caps the exponential retry delay.
	DefaultMaxBackoff = 20 * time.Second
	// DefaultMaxRetryAfter caps how long a server's Retry-After may make us wait.
	DefaultMaxRetryAfter = 2 * time.Minute
)

// userAgent mimics the SDK so that hand-built requests look like the SDK's own.
const userAgent = "workos-go/v4.46.1"

// Config configures a Client. Only APIKey is required; zero fields get the defaults above.
type Config struct {
	// APIKey is the WorkOS secret key (sk_...). It is sent as a bearer token and never
	// appears in errors or logs.
	APIKey string
	// Endpoint is the API base URL without a trailing slash (one is trimmed); it may carry
	// a path prefix. Default DefaultEndpoint; point it at the emulator in dev and tests.
	Endpoint string
	// HTTPClient sends the requests. Default: a client without an overall timeout, since
	// RequestTimeout bounds each attempt. The client is copied, never modified.
	HTTPClient *http.Client
	// RequestTimeout bounds one attempt including reading the body. Default 15s.
	RequestTimeout time.Duration
	// RateLimit is the number of /directory_users list requests per second per directory,
	// shared by all calls on the Client (a burst of one less than the rate, at least 1,
	// then evenly spaced; see limiter). Default 4;
	// negative or +Inf disables the limiter; positive values below 0.001 are rejected.
	RateLimit float64
	// MaxRetries is how many times a retryable failure is retried before giving up with
	// ErrUpstream. Default 6; negative disables retries.
	MaxRetries int
	// BaseBackoff is the first retry delay; it doubles per attempt, with jitter. Default 500ms.
	BaseBackoff time.Duration
	// MaxBackoff caps the exponential delay. Default 20s.
	MaxBackoff time.Duration
	// MaxRetryAfter caps a Retry-After the server asks for. Default 2m.
	MaxRetryAfter time.Duration
	// Sleep waits for d or until ctx ends (then it returns ctx's error). Used for backoff
	// and rate limiting; tests inject a recorder. Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for the rate limiter and HTTP-date Retry-After. Default time.Now.
	Now func() time.Time
	// Jitter returns a number in [0,1) that randomises backoff. Default math/rand/v2.
	Jitter func() float64
	// Logger receives retry warnings. Default: discard.
	Logger *slog.Logger
}

// Client talks to WorkOS. It is safe for concurrent use.
type Client struct {
	cfg      Config
	apiKey   string
	endpoint string
	http     *http.Client
	limiter  *limiter

	dsync  *directorysync.Client
	orgs   *organizations.Client
	portal *portal.Client
}

// New validates cfg, applies defaults and builds a Client.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil, fmt.Errorf("workos: config: %w: APIKey is empty", ErrInvalidConfig)
	}
	cfg.Endpoint = strings.TrimRight(cfg.Endpoint, "/")
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("workos: config: %w: Endpoint %q is not an http(s) base URL", ErrInvalidConfig, cfg.Endpoint)
	}
	if err := applyDefaults(&cfg); err != nil {
		return nil, err
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = &observingTransport{base: base}

	c := &Client{
		cfg:      cfg,
		apiKey:   cfg.APIKey,
		endpoint: cfg.Endpoint,
		http:     hc,
		limiter:  newLimiter(cfg.RateLimit, cfg.Now),
		dsync:    &directorysync.Client{APIKey: cfg.APIKey, HTTPClient: hc, Endpoint: cfg.Endpoint},
		orgs:     &organizations.Client{APIKey: cfg.APIKey, HTTPClient: hc, Endpoint: cfg.Endpoint},
		portal:   &portal.Client{APIKey: cfg.APIKey, HTTPClient: hc, Endpoint: cfg.Endpoint},
	}
	return c, nil
}

func applyDefaults(cfg *Config) error {
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	switch {
	case cfg.RateLimit == 0:
		cfg.RateLimit = DefaultRateLimit
	case cfg.RateLimit < 0 || math.IsInf(cfg.RateLimit, 1):
		cfg.RateLimit = math.Inf(1)
	case math.IsNaN(cfg.RateLimit) || cfg.RateLimit < 0.001:
		return fmt.Errorf("workos: config: %w: RateLimit %v is not a usable rate", ErrInvalidConfig, cfg.RateLimit)
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	} else if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.BaseBackoff == 0 {
		cfg.BaseBackoff = DefaultBaseBackoff
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxRetryAfter == 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.RequestTimeout < 0 || cfg.BaseBackoff < 0 || cfg.MaxBackoff < cfg.BaseBackoff || cfg.MaxRetryAfter < 0 {
		return fmt.Errorf("workos: config: %w: negative duration or MaxBackoff < BaseBackoff", ErrInvalidConfig)
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepTimer
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Jitter == nil {
		cfg.Jitter = randFloat
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// sleepTimer waits for d or until ctx is done.
func sleepTimer(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
