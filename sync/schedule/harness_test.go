package schedule_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"go.uber.org/goleak"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/schedule"
	"github.com/officetogether/dirsync/sync/webhooks"
	"github.com/officetogether/dirsync/sync/workos"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"),
		goleak.IgnoreAnyFunction("github.com/jackc/pgx/v5/pgconn.(*PgConn).recvMessage"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreTopFunction("database/sql.(*DB).connectionOpener"))
}

// start is the fake clock's start: a Sunday before the US DST change of 2026-03-08.
var start = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// bundle is one test's database, fake clock and emulator served over HTTP.
type bundle struct {
	db     *bun.DB
	clock  *clockwork.FakeClock
	emu    *emulator.Emulator
	client *workos.Client
	done   chan string // job names from every replica's OnJobDone
	reqs   *requestCounter
}

// requestCounter counts the requests that reach the emulator, by path.
type requestCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *requestCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.counts[r.URL.Path]++
		c.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// requests returns how many requests for path reached the emulator.
func (b *bundle) requests(path string) int {
	b.reqs.mu.Lock()
	defer b.reqs.mu.Unlock()
	return b.reqs.counts[path]
}

func setup(t *testing.T) *bundle {
	t.Helper()
	b := &bundle{db: dbtest.NewDB(t), clock: clockwork.NewFakeClockAt(start), done: make(chan string, 256),
		reqs: &requestCounter{counts: map[string]int{}}}
	b.emu = emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, Now: b.clock.Now})
	t.Cleanup(func() { _ = b.emu.Close() })
	srv := httptest.NewServer(b.reqs.wrap(b.emu))
	t.Cleanup(srv.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	var err error
	b.client, err = workos.New(workos.Config{APIKey: "sk_test_schedule", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: tr},
		RequestTimeout: 5 * time.Second, RateLimit: -1, MaxRetries: 1, BaseBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	require.NoError(t, err)
	return b
}

// company is a company with a connected emulator directory of n users.
type company struct {
	id, org, dir string
}

func (b *bundle) company(t *testing.T, dailyAt, tz string, n int) company {
	t.Helper()
	ctx := context.Background()
	org, err := b.emu.CreateOrganization(emulator.Organization{Name: "Org " + tz})
	require.NoError(t, err)
	dir, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(dir.ID, n, 3))
	c, err := db.CreateCompany(ctx, b.db, "Company "+tz)
	require.NoError(t, err)
	_, err = db.CreateUser(ctx, b.db, db.NewUser{CompanyID: c.ID, Email: "root@" + c.ID + ".test", Role: db.RoleCompanyAdmin})
	require.NoError(t, err)
	_, err = db.StartDirectoryConnection(ctx, b.db, c.ID, org.ID)
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, b.db, c.ID, db.DirectoryDetails{DirectoryID: dir.ID, Provider: "okta scim v2.0", Name: "Dir", State: "linked"}, b.clock.Now())
	require.NoError(t, err)
	cfg := db.DefaultSyncConfiguration(c.ID)
	cfg.DailyAt, cfg.TimeZone = dailyAt, tz
	now := b.clock.Now()
	cfg.UpdatedAt = &now
	_, err = db.SaveSyncConfiguration(ctx, b.db, cfg)
	require.NoError(t, err)
	return company{id: c.ID, org: org.ID, dir: dir.ID}
}

// replica is one process: an engine and a scheduler on the shared database and clock.
type replica struct {
	svc     *engine.Service
	sched   *schedule.Scheduler
	reg     *prometheus.Registry
	hookURL string // its POST /webhooks/workos when replicaOpts.webhook
}

// webhookSecret signs the emulator's webhooks in these tests.
const webhookSecret = "whsec_schedule_test"

// replicaOpts tunes a replica.
type replicaOpts struct {
	dir     engine.Directory // default the WorkOS client
	events  bool             // run the events feed and the inbox applier
	feed    schedule.Events  // the feed's Events API; default the WorkOS client
	webhook bool             // serve signed webhooks into its scheduler
	tick    time.Duration    // default 1h
	beats   bool             // Start the engine (its heartbeat); its ticker is a fake clock the test never moves
}

func (b *bundle) replica(t *testing.T, o replicaOpts) *replica {
	t.Helper()
	if o.dir == nil {
		o.dir = b.client
	}
	if o.tick == 0 {
		o.tick = time.Hour
	}
	r := &replica{reg: prometheus.NewRegistry()}
	var err error
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	ecfg := engine.Config{DB: b.db, Directory: o.dir, Now: b.clock.Now, Registry: r.reg, Logger: logger}
	if o.beats {
		ecfg.Ticker = clockwork.NewFakeClock()
	}
	r.svc, err = engine.New(ecfg)
	require.NoError(t, err)
	if o.beats {
		require.NoError(t, r.svc.Start(context.Background()))
	}
	cfg := schedule.Config{DB: b.db, Engine: r.svc, Clock: b.clock, Tick: o.tick, Registry: r.reg, Logger: logger,
		OnJobDone: func(job string) { b.done <- job }}
	if o.events {
		cfg.Events, cfg.EventsInterval = b.client, time.Minute
		if o.feed != nil {
			cfg.Events = o.feed
		}
	}
	r.sched, err = schedule.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { r.stop(t) })
	if o.webhook {
		h, err := webhooks.NewHandler(webhooks.Config{Secret: webhookSecret, Deliver: r.sched.Deliver, Now: b.clock.Now, Logger: logger})
		require.NoError(t, err)
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		r.hookURL = srv.URL
	}
	return r
}

// until waits for job runs to end until cond holds (a job run that changed nothing
// just makes it look again); it fails after 30s without one.
func (b *bundle) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-b.done:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: not within 30s of job runs", what)
		}
	}
}

// stepUntil steps the clock one interval at a time (waiting for `jobs` job runs each
// time) until cond holds, at most 10 times.
func (b *bundle) stepUntil(t *testing.T, timers, jobs int, what string, cond func() bool) {
	t.Helper()
	for range 10 {
		if cond() {
			return
		}
		b.step(t, time.Minute, timers, jobs)
	}
	b.until(t, what, cond)
}

// drain forgets the job runs reported so far.
func (b *bundle) drain() {
	for {
		select {
		case <-b.done:
		default:
			return
		}
	}
}

// stop shuts the replica down as SIGTERM does; it is idempotent.
func (r *replica) stop(t *testing.T) {
	r.sched.Stop()
	require.NoError(t, r.svc.Close(context.Background()))
	require.NoError(t, r.sched.Shutdown())
}

// clientVia returns a WorkOS client like b.client whose requests go through handler,
// which may answer itself or pass them on to the emulator.
func (b *bundle) clientVia(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, emu http.Handler)) *workos.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler(w, r, b.reqs.wrap(b.emu)) }))
	t.Cleanup(srv.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := workos.New(workos.Config{APIKey: "sk_test_schedule", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: tr},
		RequestTimeout: 5 * time.Second, RateLimit: -1, MaxRetries: 1, BaseBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	require.NoError(t, err)
	return c
}

// step advances the clock by d once `timers` jobs wait on it and then waits for
// `jobs` job runs to end.
func (b *bundle) step(t *testing.T, d time.Duration, timers, jobs int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, b.clock.BlockUntilContext(ctx, timers), "timers armed")
	b.clock.Advance(d)
	for range jobs {
		b.waitJob(t, "")
	}
}

// waitJob waits for a job run to end (of the named job, unless name is "").
func (b *bundle) waitJob(t *testing.T, name string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case job := <-b.done:
			if name == "" || job == name {
				return
			}
		case <-timeout:
			t.Fatalf("no %q job run ended within 30s", name)
		}
	}
}

// runs returns the company's runs of a trigger, oldest first.
func (b *bundle) runs(t *testing.T, companyID, trigger string) []db.SyncRun {
	t.Helper()
	var runs []db.SyncRun
	require.NoError(t, b.db.NewSelect().Model(&runs).Where("company_id = ? AND trigger = ?", companyID, trigger).
		OrderExpr("queued_at, id").Scan(context.Background()))
	return runs
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// emulatorAlwaysFailing makes every page of /directory_users fail.
func emulatorAlwaysFailing() emulator.Faults {
	return emulator.Faults{FailAtPage: 1, FailAtPageMode: emulator.FailAlways}
}

// emulatorHealthy removes the faults.
func emulatorHealthy() emulator.Faults { return emulator.Faults{} }
