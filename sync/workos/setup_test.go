package workos_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

// testAPIKey is the key the test clients send; tests assert it never leaks.
const testAPIKey = "sk_test_dirsync_0123456789abcdef"

// request is what the recording middleware saw of one emulator request.
type request struct {
	method, path string
	query        url.Values
	header       http.Header
	status       int
}

// requestLog records every request that reaches the emulator.
type requestLog struct {
	mu   sync.Mutex
	reqs []request
}

// wrap records each request when it arrives and its status when the handler writes it,
// both before the client can see a response, so a test reading the log after a call
// returns sees every request of the call.
func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		i := len(l.reqs)
		l.reqs = append(l.reqs, request{method: r.Method, path: r.URL.Path, query: r.URL.Query(), header: r.Header.Clone()})
		l.mu.Unlock()
		next.ServeHTTP(&statusWriter{ResponseWriter: w, log: l, i: i}, r)
	})
}

// matching returns the recorded requests for path, in order.
func (l *requestLog) matching(path string) []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []request
	for _, r := range l.reqs {
		if r.path == path {
			out = append(out, r)
		}
	}
	return out
}

// count returns the number of recorded requests.
func (l *requestLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.reqs)
}

// statuses counts the recorded requests for path by status.
func (l *requestLog) statuses(path string) map[int]int {
	out := map[int]int{}
	for _, r := range l.matching(path) {
		out[r.status]++
	}
	return out
}

// statusWriter records the status in the log; 0 means the handler never answered
// (a hanging request the client gave up on).
type statusWriter struct {
	http.ResponseWriter
	log *requestLog
	i   int
}

func (w *statusWriter) WriteHeader(code int) {
	w.log.mu.Lock()
	w.log.reqs[w.i].status = code
	w.log.mu.Unlock()
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.log.mu.Lock()
	if w.log.reqs[w.i].status == 0 {
		w.log.reqs[w.i].status = http.StatusOK
	}
	w.log.mu.Unlock()
	return w.ResponseWriter.Write(p)
}

// setupOpts tunes setup.
type setupOpts struct {
	emu   emulator.Options // Now is always the bundle's fake clock
	users int              // users generated in the bundle's directory
	raw   emulator.RawMode // the directory's raw_attributes mode
}

// bundle is one test's emulator, served over real HTTP, and its seeded data.
type bundle struct {
	emu   *emulator.Emulator
	srv   *httptest.Server
	log   *requestLog
	clock *fakeClock
	http  *http.Client // for requests the test makes itself
	org   emulator.Organization
	dir   emulator.Directory
}

func setup(t testing.TB, o setupOpts) *bundle {
	t.Helper()
	b := &bundle{log: &requestLog{}, clock: newFakeClock()}
	o.emu.Now = b.clock.Now
	if o.emu.RateLimit == 0 {
		o.emu.RateLimit = emulator.NoRateLimit
	}
	b.emu = emulator.New(o.emu)
	t.Cleanup(func() { require.NoError(t, b.emu.Close()) })
	b.srv = httptest.NewServer(b.log.wrap(b.emu))
	t.Cleanup(b.srv.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	b.http = &http.Client{Transport: tr}
	var err error
	b.org, err = b.emu.CreateOrganization(emulator.Organization{Name: "Acme", Domains: []string{"acme.test"}})
	require.NoError(t, err)
	b.dir, err = b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.org.ID, Type: "okta scim v2.0", RawAttributes: o.raw})
	require.NoError(t, err)
	if o.users > 0 {
		require.NoError(t, b.emu.GenerateUsers(b.dir.ID, o.users, 7))
	}
	return b
}

// client builds a workos.Client on the emulator with the fake clock, no jitter (so
// backoff delays are exact: BaseBackoff·2^n / 2) and the client-side limiter off,
// then applies mutate.
func (b *bundle) client(t testing.TB, mutate func(*workos.Config)) *workos.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	cfg := workos.Config{
		APIKey: testAPIKey, Endpoint: b.srv.URL, HTTPClient: &http.Client{Transport: tr},
		RequestTimeout: 5 * time.Second, RateLimit: -1,
		BaseBackoff: 100 * time.Millisecond, MaxBackoff: 2 * time.Second,
		Sleep: b.clock.Sleep, Now: b.clock.Now, Jitter: func() float64 { return 0 },
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := workos.New(cfg)
	require.NoError(t, err)
	return c
}

// setFaults replaces the directory's faults.
func (b *bundle) setFaults(t testing.TB, f emulator.Faults) {
	t.Helper()
	require.NoError(t, b.emu.SetFaults(b.dir.ID, f))
}

// clearFaultsAfterFirstSleep heals the directory once the client has backed off once.
func (b *bundle) clearFaultsAfterFirstSleep(t testing.TB) {
	b.clock.onSleep = func(n int, _ time.Duration) {
		if n == 1 {
			require.NoError(t, b.emu.SetFaults(b.dir.ID, emulator.Faults{}))
		}
	}
}
