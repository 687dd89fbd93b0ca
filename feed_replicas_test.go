package main

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
)

// TestTwoReplicasShareOneEventsFeed: two `serve` apps on one database poll the events
// feed through one lease holder; a signed webhook at either app's POST /webhooks/workos
// is applied at once; when the holder shuts down the other takes the feed over.
func TestTwoReplicasShareOneEventsFeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := clockwork.NewFakeClockAt(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	emu := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, Now: clock.Now})
	t.Cleanup(func() { _ = emu.Close() })
	workosSrv := httptest.NewServer(emu)
	t.Cleanup(workosSrv.Close)
	dbURL := dbtest.NewDatabaseURL(t)
	bdb, err := db.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bdb.Close() })
	companyID := connectCompany(t, bdb, emu, clock.Now(), 3)
	const secret = "whsec_replicas"
	cfg := config{DatabaseURL: dbURL, Addr: "127.0.0.1:0", SessionSecret: cliSecret,
		WorkOSAPIKey: "sk_test_replicas", WorkOSAPIURL: workosSrv.URL, WorkOSRateLimit: 1000,
		WorkOSWebhookSecret: secret, EventsInterval: time.Minute}
	done := make(chan replicaJob, 256)
	replicas := []*replica{startReplica(t, cfg, clock, 0, done), startReplica(t, cfg, clock, 1, done)}
	_, err = replicas[0].app.engine.RunNow(ctx, companyID, engine.RunOptions{})
	require.NoError(t, err)
	step := func(live int) {
		t.Helper()
		wait, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		require.NoError(t, clock.BlockUntilContext(wait, timersPerReplica*live))
		clock.Advance(time.Minute)
	}
	until := func(what string, cond func() bool) {
		t.Helper()
		for !cond() {
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("%s: not within 30s of job runs", what)
			}
		}
	}
	holders := func() []*replica {
		var out []*replica
		for _, r := range replicas {
			if r.metric(t, "dirsync_events_feed_lease_held") == "1" {
				out = append(out, r)
			}
		}
		return out
	}
	step(2)
	until("one replica holds the feed", func() bool { return len(holders()) == 1 })

	dir := directoryOf(t, bdb, companyID)
	users, err := emu.Users(dir)
	require.NoError(t, err)
	titleOf := func() string {
		var u db.User
		require.NoError(t, bdb.NewSelect().Model(&u).Where("directory_user_id = ?", users[0].ID).Scan(ctx))
		if u.JobTitle == nil {
			return ""
		}
		return *u.JobTitle
	}
	holder := holders()[0]
	follower := replicas[1-holder.id]
	emu.SetWebhook(follower.url+"/webhooks/workos", secret)
	change := func(title string) {
		t.Helper()
		u := users[0]
		u.JobTitle = title
		u.CustomAttributes = map[string]any{"job_title": title}
		_, err := emu.PutUser(dir, u)
		require.NoError(t, err)
	}
	change("Via webhook")
	until("the webhook's event reaches the user without a clock step", func() bool { return titleOf() == "Via webhook" })

	emu.SetWebhook("", "")
	holder.shutdown(t)
	replicas = []*replica{follower}
	change("Via the feed")
	step(1)
	until("the other replica took the feed over and applied the change", func() bool {
		return titleOf() == "Via the feed" && len(holders()) == 1
	})
	follower.shutdown(t)
}

// metric returns the value of an unlabelled metric on the replica's /metrics ("" when absent).
func (r *replica) metric(t *testing.T, name string) string {
	t.Helper()
	resp, err := r.client.Get(r.url + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return v
		}
	}
	require.NoError(t, sc.Err())
	return ""
}

// directoryOf returns the company's connected directory id.
func directoryOf(t *testing.T, bdb *bun.DB, companyID string) string {
	t.Helper()
	c, err := db.GetDirectoryConnection(context.Background(), bdb, companyID)
	require.NoError(t, err)
	require.NotNil(t, c.DirectoryID)
	return *c.DirectoryID
}
