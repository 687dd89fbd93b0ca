package emulator_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/events"
	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/portal"

	"github.com/officetogether/dirsync/sync/emulator"
)

const testKey = "sk_test_123"

// fakeClock is a settable clock for the emulator.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// bundle is one emulator served over HTTP with SDK clients pointed at it.
type bundle struct {
	em     *emulator.Emulator
	srv    *httptest.Server
	clock  *fakeClock
	dsync  *directorysync.Client
	events *events.Client
	orgs   *organizations.Client
	portal *portal.Client
}

// setup starts an emulator; opts may adjust its options.
func setup(t *testing.T, opts ...func(*emulator.Options)) *bundle {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)}
	o := emulator.Options{Now: clock.Now}
	for _, f := range opts {
		f(&o)
	}
	em := emulator.New(o)
	srv := httptest.NewServer(em)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, em.Close())
	})
	return &bundle{
		em: em, srv: srv, clock: clock,
		dsync:  &directorysync.Client{APIKey: testKey, Endpoint: srv.URL, HTTPClient: srv.Client()},
		events: &events.Client{APIKey: testKey, Endpoint: srv.URL, HTTPClient: srv.Client()},
		orgs:   &organizations.Client{APIKey: testKey, Endpoint: srv.URL, HTTPClient: srv.Client()},
		portal: &portal.Client{APIKey: testKey, Endpoint: srv.URL, HTTPClient: srv.Client()},
	}
}

func noRateLimit(o *emulator.Options) { o.RateLimit = emulator.NoRateLimit }

// directory creates an organization and a directory of the given type with
// n generated users.
func (b *bundle) directory(t *testing.T, typ string, n int) emulator.Directory {
	t.Helper()
	org, err := b.em.CreateOrganization(emulator.Organization{Name: "Test Org " + typ, Domains: []string{"test.example"}})
	require.NoError(t, err)
	d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: typ})
	require.NoError(t, err)
	require.NoError(t, b.em.GenerateUsers(d.ID, n, 7))
	return d
}

// httptestServer serves h and returns its URL.
func httptestServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// syncBuffer is a goroutine-safe output buffer.
type syncBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b = append(s.b, p...)
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.b)
}
