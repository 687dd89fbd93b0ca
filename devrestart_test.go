package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/db/seed"
)

// devProcess is a `dirsync dev` running in this test process.
type devProcess struct {
	url  string
	stop context.CancelFunc
	done chan error
	logs *lockedBuffer
}

var devAppURL = regexp.MustCompile(`App: +(http://\S+)/`)

// startDev runs `dirsync dev` on dataDir and dbURL until the test stops it.
func startDev(t *testing.T, dataDir, dbURL string) *devProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, in := io.Pipe()
	p := &devProcess{stop: cancel, done: make(chan error, 1), logs: &lockedBuffer{}}
	go func() {
		err := cmdDev(ctx, []string{"--data-dir", dataDir, "--database-url", dbURL, "--addr", "127.0.0.1:0",
			"--workos-api-key=", "--public-url=", "--demo-users", "6", "--events-interval", "24h"}, in, p.logs)
		_ = in.CloseWithError(io.EOF)
		p.done <- err
	}()
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := devAppURL.FindStringSubmatch(sc.Text()); m != nil {
				url <- m[1]
			}
		}
	}()
	t.Cleanup(func() { p.halt(t) })
	select {
	case p.url = <-url:
	case err := <-p.done:
		p.done <- err
		t.Fatalf("dirsync dev exited (%v):\n%s", err, p.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("dirsync dev did not start within 60s:\n%s", p.logs.String())
	}
	return p
}

// halt stops dev (once) and requires a clean exit.
func (p *devProcess) halt(t *testing.T) {
	t.Helper()
	if p.stop == nil {
		return
	}
	p.stop()
	p.stop = nil
	select {
	case err := <-p.done:
		require.NoError(t, err, p.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("dirsync dev did not stop within 60s:\n%s", p.logs.String())
	}
}

// TestDevRestartKeepsEmulatorDirectories: a company connected to one of the
// built-in emulator's directories syncs after `dirsync dev` restarted on the
// same data dir, because the emulator's directories are saved there and
// restored under the same ids.
func TestDevRestartKeepsEmulatorDirectories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dataDir, dbURL := t.TempDir(), dbtest.NewDatabaseURL(t)
	dev := startDev(t, dataDir, dbURL)

	var dirs struct {
		Data []struct {
			ID             string `json:"id"`
			OrganizationID string `json:"organization_id"`
			Type           string `json:"type"`
			Name           string `json:"name"`
		} `json:"data"`
	}
	req, err := http.NewRequest(http.MethodGet, dev.url+emulatorPrefix+"/directories", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+devAPIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&dirs))
	resp.Body.Close()
	require.NotEmpty(t, dirs.Data)
	dir := dirs.Data[0]
	for _, d := range dirs.Data {
		if d.Type == "okta scim v2.0" {
			dir = d
		}
	}

	bdb, err := db.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bdb.Close() })
	admin, err := db.FindUserByEmail(ctx, bdb, "", seed.DemoAdminEmail)
	require.NoError(t, err)
	_, err = db.StartDirectoryConnection(ctx, bdb, admin.CompanyID, dir.OrganizationID)
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, bdb, admin.CompanyID,
		db.DirectoryDetails{DirectoryID: dir.ID, Provider: dir.Type, Name: dir.Name, State: "linked"}, time.Now())
	require.NoError(t, err)
	state, err := loadDevState(dataDir)
	require.NoError(t, err)
	issuer, err := auth.NewIssuer(state.SessionSecret, nil)
	require.NoError(t, err)
	token, err := issuer.Issue(admin.ID, admin.CompanyID, time.Hour)
	require.NoError(t, err)
	b := &crashBundle{db: bdb, company: admin.CompanyID, token: token}

	syncOnce := func(url string) *db.SyncRun {
		t.Helper()
		id, _ := b.runSync(t, url)
		run := b.waitStatus(t, id, db.RunQueued, time.Minute)
		return b.waitStatus(t, run.ID, db.RunRunning, time.Minute)
	}
	first := syncOnce(dev.url)
	require.NotEqual(t, db.RunFailed, first.Status, "first sync: %+v\n%s", first, dev.logs.String())
	dev.halt(t)
	_, err = os.Stat(devEmulatorPath(dataDir))
	require.NoError(t, err, "the emulator's state is saved on shutdown")

	again := startDev(t, dataDir, dbURL)
	second := syncOnce(again.url)
	require.NotEqual(t, db.RunFailed, second.Status, "sync after the restart: %+v\n%s", second, again.logs.String())
	require.Contains(t, []string{db.RunSucceeded, db.RunNeedsReview}, second.Status)
	require.Equal(t, first.Status, second.Status)
}
