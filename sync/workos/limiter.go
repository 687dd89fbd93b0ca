package workos

import (
	"math"
	"sync"
	"time"
)

// limiter spaces requests per key (a directory id) at rate per second (a GCRA token
// bucket). WorkOS counts /directory_users requests per directory in a bucket that holds
// rate tokens (the emulator models it so); the limiter lets a key run ahead of even spacing
// by a burst one token smaller, which absorbs network jitter (a client exactly at the
// server's size sees 429s whenever a later request overtakes an earlier one) while an
// idle directory's first pages need not wait. The clock is injected; waiting is the caller's.
type limiter struct {
	interval time.Duration // 0 = unlimited
	ahead    time.Duration // how far a key may run ahead of even spacing: (burst-1)·interval
	now      func() time.Time

	mu   sync.Mutex
	next map[string]time.Time // per key, the theoretical start of the next request at even spacing
}

// pruneAbove is the map size above which idle keys are dropped.
const pruneAbove = 256

func newLimiter(rate float64, now func() time.Time) *limiter {
	l := &limiter{now: now, next: make(map[string]time.Time)}
	if !math.IsInf(rate, 1) {
		l.interval = time.Duration(float64(time.Second) / rate)
		l.ahead = time.Duration(limiterBurst(rate)-1) * l.interval
	}
	return l
}

// reserve books the next request for key and returns how long to wait before sending it.
func (l *limiter) reserve(key string) time.Duration {
	if l.interval == 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.next) > pruneAbove {
		for k, t := range l.next {
			if !t.After(now) {
				delete(l.next, k)
			}
		}
	}
	slot := now
	if t, ok := l.next[key]; ok && t.After(now) {
		slot = t
	}
	l.next[key] = slot.Add(l.interval)
	return max(0, slot.Sub(now)-l.ahead)
}

// limiterBurst is the client's burst for a server bucket of max(1, rate) tokens: one less,
// and at least 1.
func limiterBurst(rate float64) int {
	return max(1, int(math.Ceil(rate))-1)
}
