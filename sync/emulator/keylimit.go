package emulator

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// DefaultKeyRateLimit is WorkOS's general limit: 6,000 requests per 60
// seconds per API key, all routes together.
const DefaultKeyRateLimit = 6000

// DefaultKeyRateWindow is the window DefaultKeyRateLimit is counted in.
const DefaultKeyRateWindow = time.Minute

// keyLimiter counts each API key's requests in fixed windows that start at
// the key's first request after the previous window ended.
type keyLimiter struct {
	limit  int
	window time.Duration

	mu   sync.Mutex
	keys map[string]*keyWindow
}

type keyWindow struct {
	start time.Time
	n     int
}

func newKeyLimiter(limit int, window time.Duration) *keyLimiter {
	return &keyLimiter{limit: limit, window: window, keys: map[string]*keyWindow{}}
}

// take counts one request of key at now; over the limit it returns the
// whole seconds until the key's window ends.
func (kl *keyLimiter) take(key string, now time.Time) (retryAfter int, limited bool) {
	if kl.limit <= 0 {
		return 0, false
	}
	kl.mu.Lock()
	defer kl.mu.Unlock()
	w := kl.keys[key]
	if w == nil {
		w = &keyWindow{start: now}
		kl.keys[key] = w
	}
	if !now.Before(w.start.Add(kl.window)) {
		w.start, w.n = now, 0
	}
	if w.n >= kl.limit {
		left := w.start.Add(kl.window).Sub(now)
		return max(1, int(math.Ceil(left.Seconds()))), true
	}
	w.n++
	return 0, false
}

// keyRateLimited answers 429 with Retry-After when the request's key has
// used its budget. It returns true when it has answered.
func (e *Emulator) keyRateLimited(w http.ResponseWriter, r *http.Request) bool {
	key := r.Header.Get("Authorization")
	retry, over := e.keyLimit.take(key, e.opts.Now())
	if !over {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(retry))
	writeError(w, http.StatusTooManyRequests, "Rate limit exceeded: "+strconv.Itoa(e.keyLimit.limit)+
		" requests per "+e.keyLimit.window.String()+" per API key", "rate_limit_exceeded")
	return true
}
