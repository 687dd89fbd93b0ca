package workos_test

import (
	"context"
	"sync"
	"time"
)

// fakeClock is the injected Now and Sleep: Sleep records the delay and advances the
// clock instead of waiting, so retry and rate-limit waits are asserted, not slept.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	// onSleep, when set before use, runs after each recorded sleep (outside the lock),
	// e.g. to clear an emulator fault once the client has backed off.
	onSleep func(n int, d time.Duration)
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)}
}

// Now returns the fake time.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep records d, advances the clock by it, runs onSleep, and then, like a real
// sleep interrupted by cancellation, reports ctx's error.
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	n, hook := len(c.sleeps), c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook(n, d)
	}
	return ctx.Err()
}

// Sleeps returns the recorded delays.
func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}
