package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/schedule"
)

// timersPerReplica is how many fake-clock timers one started app keeps armed: one per
// gocron job (daily, events feed, inbox applier).
const timersPerReplica = 3

// TestTwoReplicasOneDailyRun: two `serve` apps on one database, one WorkOS emulator and
// one fake clock make exactly one daily run per day for a company, and both stay ready
// and shut down cleanly.
func TestTwoReplicasOneDailyRun(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	clock := clockwork.NewFakeClockAt(start)
	emu := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, Now: clock.Now})
	t.Cleanup(func() { _ = emu.Close() })
	workosSrv := httptest.NewServer(emu)
	t.Cleanup(workosSrv.Close)
	dbURL := dbtest.NewDatabaseURL(t)
	bdb, err := db.Open(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bdb.Close() })
	const users = 4
	companyID := connectCompany(t, bdb, emu, clock.Now(), users)

	cfg := config{DatabaseURL: dbURL, Addr: "127.0.0.1:0", SessionSecret: cliSecret,
		WorkOSAPIKey: "sk_test_replicas", WorkOSAPIURL: workosSrv.URL, WorkOSRateLimit: 1000,
		// Events polls stay out of the way: only the daily job fires in these 3 days.
		EventsInterval: 365 * 24 * time.Hour}
	// The replicas start at 00:30, so their daily jobs tick at hh:30 every hour, together.
	clock.Advance(30 * time.Minute)
	done := make(chan replicaJob, 64)
	replicas := []*replica{startReplica(t, cfg, clock, 0, done), startReplica(t, cfg, clock, 1, done)}
	// The clock rests at hh:45, never on a tick: gocron may record a job run's completion
	// after the test has moved the clock on, and a clock resting exactly on the next tick
	// would then make it run that tick twice. A tick sees a time in [hh:30, hh:45], with no
	// daily slot in between.
	armed := func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		require.NoError(t, clock.BlockUntilContext(ctx, timersPerReplica*len(replicas)), "timers armed")
	}
	armed()
	clock.Advance(15 * time.Minute)
	// Each simulated hour both replicas' daily jobs fire; the clock moves on only when both
	// have returned, so the machine's speed cannot change the outcome.
	for range 3 * 24 {
		armed()
		clock.Advance(time.Hour)
		waitDailyJobs(t, done, len(replicas))
	}

	var runs []db.SyncRun
	require.NoError(t, bdb.NewSelect().Model(&runs).Where("company_id = ? AND trigger = ?", companyID, db.TriggerSchedule).
		OrderExpr("scheduled_for, id").Scan(context.Background()))
	require.Len(t, runs, 3, "one daily run a day across both replicas")
	for i, r := range runs {
		require.Equal(t, db.RunSucceeded, r.Status, "run %d: %s", i, derefString(r.Error))
		want := time.Date(2026, 3, 1+i, 3, 0, 0, 0, time.UTC)
		require.NotNil(t, r.ScheduledFor, "run %d", i)
		require.True(t, want.Equal(*r.ScheduledFor), "run %d slot %s, want %s", i, r.ScheduledFor, want)
	}
	require.Equal(t, users, runs[0].Created, "the first run creates the directory's users")

	won := 0
	for _, r := range replicas {
		require.Equal(t, http.StatusOK, r.get(t, "/readyz"), "replica %d ready", r.id)
		won += r.claimsWon(t)
	}
	require.Equal(t, 3, won, "the replicas' metrics count 3 won claims in all")

	for _, r := range replicas {
		r.shutdown(t)
	}
}

// replicaJob is one job run reported by a replica's onJobDone hook.
type replicaJob struct {
	replica int
	job     string
}

// replica is one `serve`: an app listening on its own port.
type replica struct {
	id     int
	app    *app
	url    string
	client *http.Client
	cancel context.CancelFunc
	served chan error
	logs   *lockedBuffer
	once   sync.Once
}

// startReplica builds an app as `serve` does, with the test's clock and job hook, and
// serves it on a fresh port until shutdown (or the test's end).
func startReplica(t *testing.T, cfg config, clock clockwork.Clock, id int, done chan<- replicaJob) *replica {
	t.Helper()
	r := &replica{id: id, served: make(chan error, 1), logs: &lockedBuffer{}}
	logger := slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelWarn})).With("replica", id)
	a, err := newApp(context.Background(), cfg, logger, appOptions{clock: clock, tick: time.Hour,
		onJobDone: func(job string) { done <- replicaJob{replica: id, job: job} }})
	require.NoError(t, err)
	r.app = a
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		a.close()
		require.NoError(t, err)
	}
	r.url = "http://" + ln.Addr().String()
	tr := &http.Transport{}
	r.client = &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var ctx context.Context
	ctx, r.cancel = context.WithCancel(context.Background())
	go func() { r.served <- a.serve(ctx, ln) }()
	t.Cleanup(func() {
		r.once.Do(func() {
			r.cancel()
			<-r.served
			a.close()
		})
		tr.CloseIdleConnections()
		if t.Failed() {
			t.Logf("replica %d logs:\n%s", id, r.logs.String())
		}
	})
	return r
}

// shutdown cancels the replica's serve context as SIGTERM does and closes the app, and
// checks that both ended without an error.
func (r *replica) shutdown(t *testing.T) {
	t.Helper()
	r.once.Do(func() {
		r.cancel()
		select {
		case err := <-r.served:
			require.NoError(t, err, "replica %d serve", r.id)
		case <-time.After(30 * time.Second):
			t.Fatalf("replica %d: serve did not return within 30s of its context's end", r.id)
		}
		r.app.close()
	})
	r.client.CloseIdleConnections()
	_, err := r.client.Get(r.url + "/readyz")
	require.Error(t, err, "replica %d stopped listening", r.id)
	require.Error(t, r.app.db.PingContext(context.Background()), "replica %d closed its database", r.id)
	require.NotContains(t, r.logs.String(), "level=ERROR", "replica %d logged no error", r.id)
}

// get returns the status of GET path on the replica.
func (r *replica) get(t *testing.T, path string) int {
	t.Helper()
	resp, err := r.client.Get(r.url + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// claimsWon reads the replica's won daily-run claims from its /metrics.
func (r *replica) claimsWon(t *testing.T) int {
	t.Helper()
	resp, err := r.client.Get(r.url + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	const prefix = `dirsync_schedule_claims_total{result="won"} `
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			n, err := strconv.Atoi(v)
			require.NoError(t, err, "metric line %q", sc.Text())
			return n
		}
	}
	require.NoError(t, sc.Err())
	return 0
}

// waitDailyJobs waits until each of n replicas has reported one daily job run.
func waitDailyJobs(t *testing.T, done <-chan replicaJob, n int) {
	t.Helper()
	seen := make(map[int]bool, n)
	timeout := time.After(30 * time.Second)
	for len(seen) < n {
		select {
		case j := <-done:
			require.Equal(t, schedule.JobDaily, j.job, "replica %d ran an unexpected job", j.replica)
			require.False(t, seen[j.replica], "replica %d ran its daily job twice in one tick", j.replica)
			seen[j.replica] = true
		case <-timeout:
			t.Fatalf("only %d of %d replicas finished their daily job within 30s", len(seen), n)
		}
	}
}

// connectCompany creates a company connected, at now, to a new emulator directory of n
// users, with a daily sync at 03:00 UTC.
func connectCompany(t *testing.T, bdb *bun.DB, emu *emulator.Emulator, now time.Time, n int) string {
	t.Helper()
	ctx := context.Background()
	org, err := emu.CreateOrganization(emulator.Organization{Name: "Replicas Inc"})
	require.NoError(t, err)
	dir, err := emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
	require.NoError(t, err)
	require.NoError(t, emu.GenerateUsers(dir.ID, n, 7))
	c, err := db.CreateCompany(ctx, bdb, "Replicas Inc")
	require.NoError(t, err)
	_, err = db.CreateUser(ctx, bdb, db.NewUser{CompanyID: c.ID, Email: "root@replicas.test", Role: db.RoleCompanyAdmin})
	require.NoError(t, err)
	_, err = db.StartDirectoryConnection(ctx, bdb, c.ID, org.ID)
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, bdb, c.ID,
		db.DirectoryDetails{DirectoryID: dir.ID, Provider: "okta scim v2.0", Name: "Okta", State: "linked"}, now)
	require.NoError(t, err)
	sc := db.DefaultSyncConfiguration(c.ID)
	sc.DailyAt, sc.TimeZone, sc.UpdatedAt = "03:00", "UTC", &now
	_, err = db.SaveSyncConfiguration(ctx, bdb, sc)
	require.NoError(t, err)
	return c.ID
}

// lockedBuffer is a bytes.Buffer safe for the replicas' concurrent log writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
