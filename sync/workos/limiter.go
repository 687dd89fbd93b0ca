package workos

import (
	"math"
	"sync"
	"time"
)

// limiter spaces requests per key (a directory id) at most rate per second, burst 1
// (a GCRA token bucket): WorkOS counts /directory_users requests per directory, and even
// spacing never trips a per-second window. The clock is injected; waiting is the caller's.
type limiter struct {
	interval time.Duration // 0 = unlimited
	now      func() time.Time

	mu   sync.Mutex
	next map[string]time.Time // earliest start of the next request per key
}

// pruneAbove is the map size above which idle keys are dropped.
const pruneAbove = 256

func newLimiter(rate float64, now func() time.Time) *limiter {
	l := &limiter{now: now, next: make(map[string]time.Time)}
	if !math.IsInf(rate, 1) {
		l.interval = time.Duration(float64(time.Second) / rate)
	}
	return l
}

// reserve books the next slot for key and returns how long to wait before using it.
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
	return slot.Sub(now)
}
