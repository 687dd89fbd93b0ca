package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
)

// childEnv set to "1" turns the test binary into the dirsync command (main), so that tests
// can run real `dirsync serve` processes and kill them.
const childEnv = "DIRSYNC_TEST_CHILD_PROCESS"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "dirsync:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashBundle is a database, a WorkOS emulator served over HTTP and a connected company.
type crashBundle struct {
	dbURL, workosURL string
	db               *bun.DB
	emu              *emulator.Emulator
	company, dir     string
	token            string
}

func crashSetup(t *testing.T) *crashBundle {
	t.Helper()
	b := &crashBundle{dbURL: dbtest.NewDatabaseURL(t)}
	b.emu = emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit})
	t.Cleanup(func() { _ = b.emu.Close() })
	srv := httptest.NewServer(b.emu)
	t.Cleanup(srv.Close)
	b.workosURL = srv.URL
	var err error
	b.db, err = db.Open(context.Background(), b.dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.db.Close() })
	b.company = connectCompany(t, b.db, b.emu, time.Now(), 3)
	conn, err := db.GetDirectoryConnection(context.Background(), b.db, b.company)
	require.NoError(t, err)
	b.dir = *conn.DirectoryID
	var admin db.User
	require.NoError(t, b.db.NewSelect().Model(&admin).Where("company_id = ? AND email = ?", b.company, "root@replicas.test").Scan(context.Background()))
	issuer, err := auth.NewIssuer(cliSecret, nil)
	require.NoError(t, err)
	b.token, err = issuer.Issue(admin.ID, b.company, time.Hour)
	require.NoError(t, err)
	return b
}

// server is a `dirsync serve` child process.
type childServer struct {
	cmd  *exec.Cmd
	url  string
	logs *lockedBuffer
	done chan struct{}
}

// serve starts `dirsync serve` as a child process with the extra environment and waits
// until it listens.
func (b *crashBundle) serve(t *testing.T, env ...string) *childServer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), childEnv+"=1", "DATABASE_URL="+b.dbURL, "DIRSYNC_SESSION_SECRET="+cliSecret,
		"WORKOS_API_KEY=sk_test_crash", "WORKOS_API_URL="+b.workosURL, "WORKOS_RATE_LIMIT=1000", "DIRSYNC_EVENTS_INTERVAL=24h")
	cmd.Env = append(cmd.Env, env...)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	s := &childServer{cmd: cmd, logs: &lockedBuffer{}, done: make(chan struct{})}
	require.NoError(t, cmd.Start())
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			_, _ = s.logs.Write([]byte(line + "\n"))
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "dirsync serving" {
				addr <- rec.Addr
			}
		}
		_ = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.done
		if t.Failed() {
			t.Logf("server %d logs:\n%s", cmd.Process.Pid, s.logs.String())
		}
	})
	select {
	case a := <-addr:
		s.url = "http://" + a
	case <-s.done:
		t.Fatalf("dirsync serve exited:\n%s", s.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("dirsync serve did not listen within 60s:\n%s", s.logs.String())
	}
	return s
}

// kill ends the server with SIGKILL and waits for it to exit.
func (s *childServer) kill(t *testing.T) {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGKILL))
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the killed server did not exit within 30s")
	}
}

// runSync calls runDirectorySync on the server at url and returns the run's id and status.
func (b *crashBundle) runSync(t *testing.T, url string) (string, string) {
	t.Helper()
	body := `{"query":"mutation { runDirectorySync { id status } }"}`
	req, err := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+b.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out struct {
		Data struct {
			RunDirectorySync struct{ ID, Status string }
		}
		Errors []json.RawMessage
	}
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	require.Empty(t, out.Errors, string(raw))
	return out.Data.RunDirectorySync.ID, out.Data.RunDirectorySync.Status
}

// waitStatus polls the run until it is no longer in status from (bounded) and returns it.
func (b *crashBundle) waitStatus(t *testing.T, id, from string, within time.Duration) *db.SyncRun {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		run, err := db.GetSyncRun(context.Background(), b.db, b.company, id)
		require.NoError(t, err)
		if run.Status != from || time.Now().After(deadline) {
			return run
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stuckRun starts a run on s whose pull hangs (WorkOS does not answer) and returns its id
// once it is RUNNING.
func (b *crashBundle) stuckRun(t *testing.T, s *childServer) string {
	t.Helper()
	require.NoError(t, b.emu.SetFaults(b.dir, emulator.Faults{Hang: true}))
	id, _ := b.runSync(t, s.url)
	run := b.waitStatus(t, id, db.RunQueued, 30*time.Second)
	require.Equal(t, db.RunRunning, run.Status)
	return id
}

// TestKilledServerRestartTakesOverItsRun: a `dirsync serve` process killed with SIGKILL in
// the middle of a run, restarted under the same DIRSYNC_INSTANCE_NAME, fails the run it held
// as it starts, and runDirectorySync then starts and finishes a new run.
func TestKilledServerRestartTakesOverItsRun(t *testing.T) {
	t.Parallel()
	b := crashSetup(t)
	first := b.serve(t, "DIRSYNC_INSTANCE_NAME=replica-a")
	dead := b.stuckRun(t, first)
	first.kill(t)
	killedAt := time.Now()
	require.Equal(t, db.RunRunning, b.waitStatus(t, dead, "", 0).Status, "SIGKILL recorded nothing")
	require.NoError(t, b.emu.SetFaults(b.dir, emulator.Faults{}))

	second := b.serve(t, "DIRSYNC_INSTANCE_NAME=replica-a")
	run := b.waitStatus(t, dead, "", 0)
	require.Equal(t, db.RunFailed, run.Status, "the restarted server failed its earlier process's run at start")
	require.Equal(t, db.AbandonedRunError, *run.Error)
	t.Logf("killed run %s: RUNNING until the restart, FAILED %s after SIGKILL (wall clock, including the restart)",
		dead, time.Since(killedAt).Round(time.Millisecond))

	id, _ := b.runSync(t, second.url)
	require.NotEqual(t, dead, id, "runDirectorySync does not hand back the dead run")
	next := b.waitStatus(t, id, db.RunQueued, 30*time.Second)
	next = b.waitStatus(t, id, db.RunRunning, 30*time.Second)
	require.Equal(t, db.RunSucceeded, next.Status, "error: %v", next.Error)
	require.Equal(t, 3, next.Created)
}

// crashHolderTimeout is the holder timeout of TestKilledServerRunFailedByAnotherReplica's
// servers (30s by default).
const crashHolderTimeout = 3 * time.Second

// TestKilledServerRunFailedByAnotherReplica: a `dirsync serve` process killed with SIGKILL
// in the middle of a run stops beating; another replica fails the run once the holder
// timeout passes (not the 5-minute lease) and its runDirectorySync starts a new run.
func TestKilledServerRunFailedByAnotherReplica(t *testing.T) {
	t.Parallel()
	b := crashSetup(t)
	env := "DIRSYNC_HOLDER_TIMEOUT=" + crashHolderTimeout.String()
	doomed := b.serve(t, env)
	cfg := config{DatabaseURL: b.dbURL, Addr: "127.0.0.1:0", SessionSecret: cliSecret, WorkOSAPIKey: "sk_test_crash",
		WorkOSAPIURL: b.workosURL, WorkOSRateLimit: 1000, EventsInterval: 24 * time.Hour, HolderTimeout: crashHolderTimeout}
	survivor := startReplica(t, cfg, clockwork.NewRealClock(), 1, make(chan replicaJob, 64))
	dead := b.stuckRun(t, doomed)
	doomed.kill(t)
	killedAt := time.Now()
	require.NoError(t, b.emu.SetFaults(b.dir, emulator.Faults{}))

	run := b.waitStatus(t, dead, db.RunRunning, 10*crashHolderTimeout)
	require.Equal(t, db.RunFailed, run.Status, "another replica failed the dead server's run")
	require.Equal(t, db.AbandonedRunError, *run.Error)
	t.Logf("killed run %s: RUNNING for %s after SIGKILL with a %s holder timeout (wall clock, polled every 50ms)",
		dead, time.Since(killedAt).Round(100*time.Millisecond), crashHolderTimeout)

	id, _ := b.runSync(t, survivor.url)
	require.NotEqual(t, dead, id, "runDirectorySync does not hand back the dead run")
	next := b.waitStatus(t, id, db.RunQueued, 30*time.Second)
	next = b.waitStatus(t, id, db.RunRunning, 30*time.Second)
	require.Equal(t, db.RunSucceeded, next.Status, "error: %v", next.Error)
	require.Contains(t, survivor.logs.String(), "failed a run its process abandoned")
}
