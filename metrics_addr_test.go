package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
)

// TestMetricsOnTheirOwnListener: with DIRSYNC_METRICS_ADDR set, /metrics answers there
// (with the WorkOS request and search cache metrics) and no longer on the public address.
func TestMetricsOnTheirOwnListener(t *testing.T) {
	t.Parallel()
	clock := clockwork.NewFakeClock()
	emu := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, Now: clock.Now})
	t.Cleanup(func() { _ = emu.Close() })
	workosSrv := httptest.NewServer(emu)
	t.Cleanup(workosSrv.Close)
	free, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsAddr := free.Addr().String()
	require.NoError(t, free.Close())

	cfg := config{DatabaseURL: dbtest.NewDatabaseURL(t), Addr: "127.0.0.1:0", SessionSecret: cliSecret,
		WorkOSAPIKey: "sk_test_metrics", WorkOSAPIURL: workosSrv.URL, EventsInterval: 365 * 24 * time.Hour,
		MetricsAddr: metricsAddr, SearchCacheMB: 3}
	r := startReplica(t, cfg, clock, 0, make(chan replicaJob, 16))
	// One WorkOS request through the app's client, so that it is counted.
	_, err = r.app.workos.GetOrganization(context.Background(), "org_missing")
	require.Error(t, err)

	require.Equal(t, http.StatusNotFound, r.get(t, "/metrics"), "not on the public listener")
	var body []byte
	require.Eventually(t, func() bool {
		resp, err := r.client.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(resp.Body)
		return err == nil && resp.StatusCode == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond)
	require.Contains(t, string(body), `dirsync_workos_requests_total{route="GET /organizations/{id}",status="404"} 1`)
	require.Contains(t, string(body), "dirsync_search_cache_limit_bytes 3.145728e+06")
	require.Contains(t, string(body), "dirsync_workos_budget_round_trips_total 1")
	r.shutdown(t)
}
