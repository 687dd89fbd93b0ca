package budget_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/budget"
)

const testKey = "sk_test_budget_0123456789"

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newBudget(t *testing.T, bdb bun.IDB, clock clockwork.Clock, perMinute int) *budget.Budget {
	t.Helper()
	b, err := budget.New(budget.Config{DB: bdb, APIKey: testKey, PerMinute: perMinute, Clock: clock,
		Registry: prometheus.NewRegistry()})
	require.NoError(t, err)
	return b
}

// grab takes tokens from b until it would have to wait (it waits on the fake clock), and
// returns how many it got.
func grab(t *testing.T, b *budget.Budget, clock *clockwork.FakeClock) int {
	t.Helper()
	n := 0
	for {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- b.Wait(ctx) }()
		blocked := make(chan struct{})
		go func() { _ = clock.BlockUntilContext(ctx, 1); close(blocked) }()
		select {
		case err := <-done:
			cancel()
			require.NoError(t, err)
			n++
		case <-blocked:
			cancel()
			require.ErrorIs(t, <-done, context.Canceled)
			return n
		}
	}
}

func TestReplicasShareOneBucket(t *testing.T) {
	t.Parallel()
	bdb := dbtest.NewDB(t)
	clock := clockwork.NewFakeClockAt(start)
	a, b := newBudget(t, bdb, clock, 600), newBudget(t, bdb, clock, 600)

	// A full bucket holds 4% of a minute: 24 tokens, whoever takes them.
	require.Equal(t, 24, grab(t, a, clock)+grab(t, b, clock))
	// It refills at 94% of the limit a minute: 9.4/s, shared again.
	clock.Advance(time.Second)
	require.Equal(t, 9, grab(t, b, clock)+grab(t, a, clock))
	// and never holds more than the burst.
	clock.Advance(time.Minute)
	require.Equal(t, 24, grab(t, b, clock)+grab(t, a, clock))
}

func TestPauseHoldsEveryReplica(t *testing.T) {
	t.Parallel()
	bdb := dbtest.NewDB(t)
	clock := clockwork.NewFakeClockAt(start)
	a, b := newBudget(t, bdb, clock, 6000), newBudget(t, bdb, clock, 6000)
	ctx := context.Background()
	require.NoError(t, b.Wait(ctx)) // b holds a batch of tokens from before the pause

	require.NoError(t, a.Pause(ctx, 30*time.Second))
	// b's held tokens still go (at most Hold), then b sees the shared pause.
	clock.Advance(2 * time.Second)
	done := make(chan error, 1)
	go func() { done <- b.Wait(ctx) }()
	require.NoError(t, clock.BlockUntilContext(ctx, 1))
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v during the pause", err)
	default:
	}
	clock.Advance(28 * time.Second)
	require.NoError(t, <-done)
}

func TestWaitEndsWithItsContext(t *testing.T) {
	t.Parallel()
	bdb := dbtest.NewDB(t)
	clock := clockwork.NewFakeClockAt(start)
	a := newBudget(t, bdb, clock, 60)
	require.Equal(t, 2, grab(t, a, clock)) // burst 2.4 rounded down
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		err := a.Wait(ctx)
		require.ErrorIs(t, err, context.Canceled)
	}()
	waitCtx, stop := context.WithTimeout(context.Background(), time.Minute)
	defer stop()
	require.NoError(t, clock.BlockUntilContext(waitCtx, 1))
	cancel()
	wg.Wait()
}

func TestConfigIsValidated(t *testing.T) {
	t.Parallel()
	_, err := budget.New(budget.Config{APIKey: testKey})
	require.Error(t, err)
	_, err = budget.New(budget.Config{DB: dbtest.NewDB(t), APIKey: testKey, PerMinute: -1})
	require.ErrorContains(t, err, "PerMinute -1 is negative")
}
