// Package budget is the WorkOS request budget of one API key shared by every replica
// (WORKOS_KEY_RATE_LIMIT, issue 11): a token bucket in PostgreSQL that each replica draws
// from in small batches, and a shared pause after a 429 so that every replica slows down
// instead of each retrying at full speed. *Budget satisfies workos.KeyBudget.
package budget

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultPerMinute is WorkOS's limit for all routes together per API key (WORKOS.md §7).
	DefaultPerMinute = 6000
	// DefaultBatch is how many tokens a replica takes per round trip.
	DefaultBatch = 8
	// DefaultHold is how long tokens taken in a batch stay usable before they are dropped.
	DefaultHold = time.Second
	// DefaultMaxPause caps a shared pause a 429's Retry-After asks for.
	DefaultMaxPause = 2 * time.Minute
)

// Shares of PerMinute the bucket is sized with so that no 60-second window, even shifted
// by Hold, sees more than PerMinute requests: a burst of 4% and a steady 94%
// (0.04 + 0.94·61/60 < 1).
const (
	burstShare  = 0.04
	steadyShare = 0.94
)

// Config configures a Budget. DB and APIKey are required.
type Config struct {
	// DB holds the shared bucket (table workos_key_budget).
	DB bun.IDB
	// APIKey is the WorkOS key whose budget this is; only a hash of it is stored.
	APIKey string
	// PerMinute is the key's limit in requests a minute for all replicas together
	// (WORKOS_KEY_RATE_LIMIT). Default 6000.
	PerMinute int
	// Batch is how many tokens one round trip takes. Default 8.
	Batch int
	// Hold is how long taken tokens stay usable in this replica. Default 1s.
	Hold time.Duration
	// MaxPause caps the shared pause after a 429. Default 2m.
	MaxPause time.Duration
	// Clock drives refills, holds and waits; default the real clock.
	Clock clockwork.Clock
	// Registry, when set, receives the budget's metrics.
	Registry prometheus.Registerer
}

// Budget hands out the key's request tokens to this replica's callers. Safe for
// concurrent use.
type Budget struct {
	db       bun.IDB
	key      string
	rate     float64 // tokens a second
	burst    float64
	batch    int
	hold     time.Duration
	maxPause time.Duration
	clock    clockwork.Clock
	metrics  *metrics

	mu          sync.Mutex
	tokens      int       // taken from the bucket and not yet spent
	expires     time.Time // when tokens are dropped
	pausedUntil time.Time // this replica's view of the shared pause
}

// New validates cfg and builds a Budget.
func New(cfg Config) (*Budget, error) {
	if cfg.DB == nil || cfg.APIKey == "" {
		return nil, errors.New("budget: config: DB and APIKey are required")
	}
	if cfg.PerMinute == 0 {
		cfg.PerMinute = DefaultPerMinute
	}
	if cfg.PerMinute < 0 {
		return nil, fmt.Errorf("budget: config: PerMinute %d is negative", cfg.PerMinute)
	}
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	if cfg.Hold <= 0 {
		cfg.Hold = DefaultHold
	}
	if cfg.MaxPause <= 0 {
		cfg.MaxPause = DefaultMaxPause
	}
	if cfg.Clock == nil {
		cfg.Clock = clockwork.NewRealClock()
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(cfg.APIKey))
	burst := math.Max(1, math.Floor(float64(cfg.PerMinute)*burstShare))
	return &Budget{
		db: cfg.DB, key: hex.EncodeToString(sum[:16]), rate: float64(cfg.PerMinute) * steadyShare / 60,
		burst: burst, batch: min(cfg.Batch, int(burst)), hold: cfg.Hold, maxPause: cfg.MaxPause,
		clock: cfg.Clock, metrics: m,
	}, nil
}

// Wait takes one token, waiting until the shared bucket has one and no pause holds.
func (b *Budget) Wait(ctx context.Context) error {
	waited := false
	for {
		wait, err := b.take(ctx)
		if err != nil {
			return err
		}
		if wait == 0 {
			if waited {
				b.metrics.waits.Inc()
			}
			return nil
		}
		waited = true
		timer := b.clock.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("waiting for the WorkOS key budget: %w", context.Cause(ctx))
		case <-timer.Chan():
		}
	}
}

// take spends a held token, or fetches a batch; it returns 0 when a token was taken,
// else how long to wait before trying again. One replica makes one round trip at a time.
func (b *Budget) take(ctx context.Context) (time.Duration, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.clock.Now()
	if now.Before(b.pausedUntil) {
		return b.pausedUntil.Sub(now), nil
	}
	if b.tokens > 0 && now.Before(b.expires) {
		b.tokens--
		return 0, nil
	}
	b.tokens = 0
	g, err := db.TakeKeyTokens(ctx, b.db, b.key, b.batch, b.rate, b.burst, now)
	b.metrics.roundTrips.Inc()
	if err != nil {
		return 0, fmt.Errorf("budget: %w", err)
	}
	if g.PausedUntil != nil && g.PausedUntil.After(now) {
		b.pausedUntil = *g.PausedUntil
		return b.pausedUntil.Sub(now), nil
	}
	if g.Granted > 0 {
		b.tokens, b.expires = g.Granted-1, now.Add(b.hold)
		return 0, nil
	}
	missing := 1 - g.Available
	return max(time.Millisecond, time.Duration(missing/b.rate*float64(time.Second))), nil
}

// Pause makes every replica wait d (capped at MaxPause) before its next request: a 429
// said the key is over its limit. Tokens held here are dropped.
func (b *Budget) Pause(ctx context.Context, d time.Duration) error {
	d = min(max(d, time.Second), b.maxPause)
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.clock.Now()
	until := now.Add(d)
	b.tokens = 0
	if until.After(b.pausedUntil) {
		b.pausedUntil = until
	}
	b.metrics.pauses.Inc()
	if err := db.PauseKey(ctx, b.db, b.key, until, now); err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	return nil
}
