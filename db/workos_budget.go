package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// KeyGrant is the answer of TakeKeyTokens.
type KeyGrant struct {
	// Granted is how many whole tokens were taken (0..want).
	Granted int `bun:"granted"`
	// Available is what is left in the bucket after the grant (may be fractional).
	Available float64 `bun:"available"`
	// PausedUntil is the key's shared pause after a 429, if one was ever set; while it is
	// after now nothing is granted.
	PausedUntil *time.Time `bun:"paused_until"`
}

// TakeKeyTokens takes up to want tokens from the shared WorkOS request bucket of keyHash
// in one round trip: the bucket refills at rate tokens a second up to burst (created full
// on first use); nothing is granted while the key is paused.
func TakeKeyTokens(ctx context.Context, idb bun.IDB, keyHash string, want int, rate, burst float64, now time.Time) (KeyGrant, error) {
	var g KeyGrant
	err := idb.NewRaw("SELECT granted, available, paused_until FROM workos_key_budget_take(?, ?, ?, ?, ?)",
		keyHash, want, rate, burst, now).Scan(ctx, &g)
	if err != nil {
		return KeyGrant{}, fmt.Errorf("take WorkOS key tokens: %w", mapError(err))
	}
	return g, nil
}

// PauseKey makes the key's bucket grant nothing until `until` (an existing later pause is
// kept) and empties it, so that every replica slows down after a 429.
func PauseKey(ctx context.Context, idb bun.IDB, keyHash string, until, now time.Time) error {
	_, err := idb.ExecContext(ctx, `
INSERT INTO workos_key_budget AS b (key_hash, tokens, refilled_at, paused_until) VALUES (?, 0, ?, ?)
ON CONFLICT (key_hash) DO UPDATE SET tokens = 0, refilled_at = greatest(b.refilled_at, EXCLUDED.refilled_at),
    paused_until = greatest(b.paused_until, EXCLUDED.paused_until)`, keyHash, now, until)
	if err != nil {
		return fmt.Errorf("pause WorkOS key: %w", mapError(err))
	}
	return nil
}
