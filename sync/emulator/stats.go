package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// RouteStat is the number of answers one WorkOS route gave with one status.
type RouteStat struct {
	// Route is the method and templated path, e.g. "GET /directory_users"; a group's
	// members (GET /directory_users?group=) are "GET /directory_users?group=".
	Route string `json:"route"`
	// Status is the HTTP status answered.
	Status int `json:"status"`
	// Count is how many requests got it.
	Count uint64 `json:"count"`
}

// Stats are the request counters of the WorkOS routes (not the control
// API or the portal pages) since the emulator started or ResetStats.
type Stats struct {
	// Total is the sum of Routes' counts.
	Total uint64 `json:"total"`
	// KeyRateLimited counts 429s from the API-key-wide limit.
	KeyRateLimited uint64 `json:"key_rate_limited"`
	// Routes are sorted by route, then status.
	Routes []RouteStat `json:"routes"`
	// KeyRateLimit and KeyRateWindow describe the API-key-wide limit (0: off).
	KeyRateLimit  int      `json:"key_rate_limit"`
	KeyRateWindow Duration `json:"key_rate_window"`
}

type statKey struct {
	route  string
	status int
}

// statCounter holds the per-route counters.
type statCounter struct {
	mu         sync.Mutex
	counts     map[statKey]uint64
	keyLimited uint64
}

func (sc *statCounter) add(route string, status int, keyLimited bool) {
	sc.mu.Lock()
	if sc.counts == nil {
		sc.counts = map[statKey]uint64{}
	}
	sc.counts[statKey{route, status}]++
	if keyLimited {
		sc.keyLimited++
	}
	sc.mu.Unlock()
}

// Stats returns the request counters per route and status.
func (e *Emulator) Stats() Stats {
	e.stats.mu.Lock()
	defer e.stats.mu.Unlock()
	out := Stats{KeyRateLimited: e.stats.keyLimited, Routes: make([]RouteStat, 0, len(e.stats.counts)),
		KeyRateLimit: e.keyLimit.limit, KeyRateWindow: Duration(e.keyLimit.window)}
	for k, n := range e.stats.counts {
		out.Routes = append(out.Routes, RouteStat{Route: k.route, Status: k.status, Count: n})
		out.Total += n
	}
	slices.SortFunc(out.Routes, func(a, b RouteStat) int {
		return cmp.Or(strings.Compare(a.Route, b.Route), cmp.Compare(a.Status, b.Status))
	})
	return out
}

// ResetStats zeroes the request counters (not the rate limiters).
func (e *Emulator) ResetStats() {
	e.stats.mu.Lock()
	defer e.stats.mu.Unlock()
	e.stats.counts, e.stats.keyLimited = nil, 0
}

// routeKey identifies a WorkOS route by method, lowercased first path
// segment and segment count.
type routeKey struct {
	method, head string
	segs         int
}

// newRouteNames maps the WorkOS routes to their templated names.
func newRouteNames() map[routeKey]string {
	m := map[routeKey]string{}
	add := func(method, path string) {
		segs := strings.Split(strings.Trim(path, "/"), "/")
		m[routeKey{method, segs[0], len(segs)}] = method + " " + path
	}
	add("GET", "/directories")
	add("GET", "/directories/{id}")
	add("DELETE", "/directories/{id}")
	add("GET", "/directory_users")
	add("GET", "/directory_users/{id}")
	add("GET", "/directory_groups")
	add("GET", "/directory_groups/{id}")
	add("GET", "/events")
	add("GET", "/organizations")
	add("POST", "/organizations")
	add("GET", "/organizations/{id}")
	add("PUT", "/organizations/{id}")
	add("DELETE", "/organizations/{id}")
	add("GET", "/organizations/external_id/{id}")
	add("POST", "/portal/generate_link")
	return m
}

// routeName returns the templated route of a WorkOS request, or
// "<METHOD> unmatched".
func (e *Emulator) routeName(method, head string, segs int) string {
	if name, ok := e.routes[routeKey{method, head, segs}]; ok {
		return name
	}
	return method + " unmatched"
}

// statusWriter records the status a handler answers.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (sw *statusWriter) WriteHeader(code int) {
	if sw.status == 0 {
		sw.status = code
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *statusWriter) Write(b []byte) (int, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	return sw.ResponseWriter.Write(b)
}

// code is the recorded status; a handler that wrote nothing (a client that
// gave up on a hanging request) counts as 499.
func (sw *statusWriter) code() int {
	if sw.status == 0 {
		return 499
	}
	return sw.status
}
