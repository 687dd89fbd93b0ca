package emulator

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// Duration is a time.Duration that reads and writes JSON as a Go duration
// string ("250ms") and also reads a number of milliseconds.
type Duration time.Duration

// MarshalJSON renders the duration as a string such as "250ms".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON accepts "250ms" or 250 (milliseconds).
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q: %w", s, err)
		}
		*d = Duration(v)
		return nil
	}
	var ms float64
	if err := json.Unmarshal(b, &ms); err != nil {
		return fmt.Errorf("duration: want a string like \"250ms\" or milliseconds: %w", err)
	}
	*d = Duration(time.Duration(ms * float64(time.Millisecond)))
	return nil
}

// Page failure modes for Faults.FailAtPageMode.
const (
	// FailOnce fails only the first request for the page.
	FailOnce = "once"
	// FailAlways fails every request for the page.
	FailAlways = "always"
)

// Faults configures fault injection for one directory. The zero value
// injects nothing and has no rate limit; new directories start with
// RateLimit = Options.RateLimit (default 4).
type Faults struct {
	// RateLimit is the allowed rate of /directory_users requests (list and
	// get) per second; excess requests get 429 with an integer Retry-After.
	// 0 or less disables the limit.
	RateLimit float64 `json:"rate_limit"`
	// ErrorRate is the share (0..1) of the directory's API requests answered
	// with one of ErrorStatuses, chosen by a PRNG seeded per directory.
	ErrorRate float64 `json:"error_rate"`
	// ErrorStatuses default to 500, 502, 503.
	ErrorStatuses []int `json:"error_statuses,omitempty"`
	// Latency is added to each of the directory's API requests.
	Latency Duration `json:"latency"`
	// Hang makes the directory's API requests hang until the client gives up.
	Hang bool `json:"hang"`
	// Truncate cuts the directory's API response bodies in half (the
	// announced Content-Length stays, so clients see an unexpected EOF).
	Truncate bool `json:"truncate"`
	// FailAtPage makes requests for page k (1-based, counted in the request's
	// order and limit) of GET /directory_users fail with 500; 0 disables.
	FailAtPage int `json:"fail_at_page"`
	// FailAtPageMode is FailOnce (default) or FailAlways.
	FailAtPageMode string `json:"fail_at_page_mode,omitempty"`
	// FailGroupPage makes requests for page k (1-based) of GET
	// /directory_groups fail with 500; 0 disables.
	FailGroupPage int `json:"fail_group_page"`
	// FailGroupPageMode is FailOnce (default) or FailAlways.
	FailGroupPageMode string `json:"fail_group_page_mode,omitempty"`
}

// validate checks the fault settings.
func (f *Faults) validate() error {
	if f.ErrorRate < 0 || f.ErrorRate > 1 {
		return invalid("error_rate", "invalid", "error_rate must be within 0..1")
	}
	for _, s := range f.ErrorStatuses {
		if s < 400 || s > 599 {
			return invalid("error_statuses", "invalid", "status %d is not an error status", s)
		}
	}
	if f.Latency < 0 || f.FailAtPage < 0 || f.FailGroupPage < 0 {
		return invalid("latency", "invalid", "latency, fail_at_page and fail_group_page must not be negative")
	}
	for field, mode := range map[string]string{"fail_at_page_mode": f.FailAtPageMode, "fail_group_page_mode": f.FailGroupPageMode} {
		switch mode {
		case "", FailOnce, FailAlways:
		default:
			return invalid(field, "invalid", "%s must be %q or %q", field, FailOnce, FailAlways)
		}
	}
	return nil
}

// faultState is a directory's fault configuration plus the mutable state
// of its rate limiter, PRNG and page failures.
type faultState struct {
	mu         sync.Mutex
	cfg        Faults
	tokens     float64
	last       time.Time
	rng        *rand.Rand
	pageFailed bool
	// groupPageFailed records that a FailOnce group page has failed.
	groupPageFailed bool
}

func newFaultState(rateLimit float64, seed uint64, dirID string) *faultState {
	h := fnv.New64a()
	h.Write([]byte(dirID))
	fs := &faultState{rng: rand.New(rand.NewPCG(seed, h.Sum64()))}
	if rateLimit > 0 {
		fs.cfg.RateLimit = rateLimit
	}
	fs.tokens = fs.burst()
	return fs
}

func (fs *faultState) burst() float64 { return math.Max(1, fs.cfg.RateLimit) }

// set replaces the configuration and resets the limiter and page failures.
func (fs *faultState) set(f Faults) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.cfg = f
	fs.tokens = fs.burst()
	fs.last = time.Time{}
	fs.pageFailed = false
	fs.groupPageFailed = false
}

// truncate reports whether responses must be cut.
func (fs *faultState) truncate() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.cfg.Truncate
}

// delays returns the configured latency and hang setting.
func (fs *faultState) delays() (time.Duration, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return time.Duration(fs.cfg.Latency), fs.cfg.Hang
}

func (fs *faultState) get() Faults {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.cfg
	f.ErrorStatuses = append([]int(nil), f.ErrorStatuses...)
	return f
}

// rateLimit takes a token; when none is left it returns the integer
// seconds a client should wait.
func (fs *faultState) rateLimit(now time.Time) (retryAfter int, limited bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	rate := fs.cfg.RateLimit
	if rate <= 0 {
		return 0, false
	}
	if !fs.last.IsZero() && now.After(fs.last) {
		fs.tokens = math.Min(fs.burst(), fs.tokens+now.Sub(fs.last).Seconds()*rate)
	}
	if now.After(fs.last) {
		fs.last = now
	}
	if fs.tokens >= 1 {
		fs.tokens--
		return 0, false
	}
	return max(1, int(math.Ceil((1-fs.tokens)/rate))), true
}

// randomError returns the injected error status for this request, or 0.
func (fs *faultState) randomError() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.cfg.ErrorRate <= 0 || fs.rng.Float64() >= fs.cfg.ErrorRate {
		return 0
	}
	statuses := fs.cfg.ErrorStatuses
	if len(statuses) == 0 {
		statuses = []int{500, 502, 503}
	}
	return statuses[fs.rng.IntN(len(statuses))]
}

// failPage reports whether the request for users page (1-based) must fail.
func (fs *faultState) failPage(page int) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return failing(page, fs.cfg.FailAtPage, fs.cfg.FailAtPageMode, &fs.pageFailed)
}

// failGroupPage reports whether the request for groups page (1-based)
// must fail.
func (fs *faultState) failGroupPage(page int) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return failing(page, fs.cfg.FailGroupPage, fs.cfg.FailGroupPageMode, &fs.groupPageFailed)
}

// failing decides one page failure: page k always, or only the first time.
func failing(page, k int, mode string, failed *bool) bool {
	if k == 0 || page != k {
		return false
	}
	if mode == FailAlways {
		return true
	}
	if *failed {
		return false
	}
	*failed = true
	return true
}

// SetFaults replaces a directory's fault configuration and resets its rate
// limiter and page-failure state.
func (e *Emulator) SetFaults(dirID string, f Faults) error {
	if err := f.validate(); err != nil {
		return fmt.Errorf("set faults of %s: %w", dirID, err)
	}
	e.mu.RLock()
	d, ok := e.dirs[dirID]
	e.mu.RUnlock()
	if !ok {
		return notFound("directory", dirID)
	}
	d.faults.set(f)
	return nil
}

// Faults returns a directory's fault configuration.
func (e *Emulator) Faults(dirID string) (Faults, error) {
	e.mu.RLock()
	d, ok := e.dirs[dirID]
	e.mu.RUnlock()
	if !ok {
		return Faults{}, notFound("directory", dirID)
	}
	return d.faults.get(), nil
}
