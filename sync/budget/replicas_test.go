package budget_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/budget"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

// arrivals records the fake time of every request that reaches the emulator.
type arrivals struct {
	clock clockwork.Clock
	mu    sync.Mutex
	at    []time.Time
}

func (a *arrivals) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		a.at = append(a.at, a.clock.Now())
		a.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// maxInWindow is the largest number of arrivals in any window of length d.
func (a *arrivals) maxInWindow(d time.Duration) (int, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	best, lo := 0, 0
	for hi := range a.at {
		for a.at[hi].Sub(a.at[lo]) >= d {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best, len(a.at)
}

// cluster is one emulator served over HTTP on a fake clock and replicas of the WorkOS
// client, each with its own budget on one database.
type cluster struct {
	clock   *clockwork.FakeClock
	emu     *emulator.Emulator
	log     *arrivals
	clients []*workos.Client
	regs    []*prometheus.Registry
}

func newCluster(t *testing.T, replicas, perMinute int) *cluster {
	t.Helper()
	bdb := dbtest.NewDB(t)
	c := &cluster{clock: clockwork.NewFakeClockAt(start)}
	c.emu = emulator.New(emulator.Options{Now: c.clock.Now, RateLimit: emulator.NoRateLimit, KeyRateLimit: perMinute})
	t.Cleanup(func() { require.NoError(t, c.emu.Close()) })
	c.log = &arrivals{clock: c.clock}
	srv := httptest.NewServer(c.log.wrap(c.emu))
	t.Cleanup(srv.Close)
	for range replicas {
		reg := prometheus.NewRegistry()
		b, err := budget.New(budget.Config{DB: bdb, APIKey: testKey, PerMinute: perMinute, Clock: c.clock, Registry: reg})
		require.NoError(t, err)
		tr := &http.Transport{}
		t.Cleanup(tr.CloseIdleConnections)
		client, err := workos.New(workos.Config{APIKey: testKey, Endpoint: srv.URL, HTTPClient: &http.Client{Transport: tr},
			Budget: b, Registry: reg, Now: c.clock.Now, RateLimit: -1, MaxRetries: -1})
		require.NoError(t, err)
		c.clients, c.regs = append(c.clients, client), append(c.regs, reg)
	}
	return c
}

// Three replicas, each with four callers that never stop asking, share one API key of
// 600 requests a minute: no minute of the emulator's clock sees more than 600 of their
// requests, and together they still use most of it.
func TestThreeReplicasStayWithinTheKeyBudget(t *testing.T) {
	t.Parallel()
	const perMinute, replicas, callers = 600, 3, 4
	c := newCluster(t, replicas, perMinute)
	org, err := c.emu.CreateOrganization(emulator.Organization{Name: "Acme"})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for _, client := range c.clients {
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					_, _ = client.GetOrganization(ctx, org.ID)
				}
			}()
		}
	}
	// Each step: let every caller spend what it can until all wait for tokens, then move
	// the clock on a second. 130 s in all.
	for range 130 {
		require.NoError(t, c.clock.BlockUntilContext(ctx, replicas*callers))
		c.clock.Advance(time.Second)
	}
	require.NoError(t, c.clock.BlockUntilContext(ctx, replicas*callers))
	cancel()
	wg.Wait()

	peak, total := c.log.maxInWindow(time.Minute)
	require.LessOrEqual(t, peak, perMinute, "requests in one minute")
	require.Zero(t, c.emu.Stats().KeyRateLimited, "the emulator's key limit never answered 429")
	// 130 s at 94% of 10/s plus the first burst of 24: about 1,246; most of it is used.
	require.Greater(t, total, 1100)
	counted := 0.0
	for _, reg := range c.regs {
		counted += requestsCounted(t, reg, "GET /organizations/{id}", "200")
	}
	require.Equal(t, float64(total), counted, "dirsync_workos_requests_total counts every request")
}

// A 429 seen by one replica pauses the key for the others too, for its Retry-After.
func TestA429PausesEveryReplica(t *testing.T) {
	t.Parallel()
	c := newCluster(t, 2, 6000)
	org, err := c.emu.CreateOrganization(emulator.Organization{Name: "Acme"})
	require.NoError(t, err)
	dir, err := c.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
	require.NoError(t, err)
	require.NoError(t, c.emu.GenerateUsers(dir.ID, 3, 7))
	require.NoError(t, c.emu.SetFaults(dir.ID, emulator.Faults{RateLimit: 1}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	_, err = c.clients[0].EachDirectoryUser(ctx, dir.ID, func([]workos.DirectoryUser) error { return nil })
	require.NoError(t, err)
	_, err = c.clients[0].EachDirectoryUser(ctx, dir.ID, func([]workos.DirectoryUser) error { return nil })
	require.ErrorIs(t, err, workos.ErrUpstream, "the emulator allows one request a second")
	require.Equal(t, 1.0, requestsCounted(t, c.regs[0], "GET /directory_users", "429"))

	before := len(c.log.at)
	done := make(chan error, 1)
	go func() { _, err := c.clients[1].GetOrganization(ctx, org.ID); done <- err }()
	require.NoError(t, c.clock.BlockUntilContext(ctx, 1))
	require.Equal(t, before, len(c.log.at), "replica 1 sends nothing during the pause")
	c.clock.Advance(time.Second) // the emulator's Retry-After
	require.NoError(t, <-done)
}

// requestsCounted reads dirsync_workos_requests_total{route,status} from reg.
func requestsCounted(t *testing.T, reg *prometheus.Registry, route, status string) float64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != "dirsync_workos_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["route"] == route && labels["status"] == status {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
