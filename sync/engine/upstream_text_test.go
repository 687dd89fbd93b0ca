package engine_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// rawClientText is what the WorkOS client's own messages look like; none of it may reach the admin.
var rawClientText = []string{"HTTP ", "Not Found", "Service Unavailable", "Too Many Requests", "Directory not found", "request id \"", "sk_test", "Unauthorized", "server_error", "attempt"}

// TestUpstreamErrorTexts: WorkOS failures answered by the emulator through the real SDK
// become "what happened, what to do" texts without the client's raw message.
func TestUpstreamErrorTexts(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{users: 5})
	ctx := context.Background()

	t.Run("404 directory not found", func(t *testing.T) {
		_, err := b.client.GetDirectory(ctx, "directory_01NOTTHERE")
		require.ErrorIs(t, err, workos.ErrNotFound)
		require.Contains(t, err.Error(), "Directory not found") // the raw answer, for the server log
		text, ok := engine.UpstreamText(err)
		require.True(t, ok)
		require.Contains(t, text, "WorkOS does not know the connected directory")
		require.Contains(t, text, "check WORKOS_API_KEY, or reconnect the directory")
		for _, raw := range rawClientText {
			require.NotContains(t, text, raw)
		}
	})

	t.Run("network", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		dead.Close()
		c, err := workos.New(workos.Config{APIKey: "sk_test_engine", Endpoint: dead.URL, RateLimit: -1, MaxRetries: 1,
			BaseBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
			Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
		require.NoError(t, err)
		_, err = c.GetDirectory(ctx, b.dir.ID)
		text, ok := engine.UpstreamText(err)
		require.True(t, ok, "%v", err)
		require.Contains(t, text, "could not reach WorkOS")
	})

	_, notOurs := engine.UpstreamText(db.ErrConflict)
	require.False(t, notOurs)
}

// TestRunErrorsAreHuman: a run failed by WorkOS stores (and the connection shows) the
// human text, never the client's raw message.
func TestRunErrorsAreHuman(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		faults emulator.Faults
		want   string
	}{
		{"401", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{401}}, "WorkOS rejected the API key. Nothing was changed."},
		{"403", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{403}}, "WorkOS refused access with this API key."},
		{"429", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{429}}, "too many requests"},
		{"503", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{503}}, "WorkOS had a problem on its side (status 503)."},
		{"422", emulator.Faults{ErrorRate: 1, ErrorStatuses: []int{422}}, "WorkOS refused the request (status 422)."},
		{"timeout", emulator.Faults{Hang: true}, "WorkOS did not answer in time."},
		{"truncated", emulator.Faults{Truncate: true}, "incomplete or unreadable answer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, opts{users: 5, client: func(c *workos.Config) { c.RequestTimeout = 200 * time.Millisecond }})
			require.NoError(t, b.emu.SetFaults(b.dir.ID, tc.faults))
			run, err := b.svc.RunNow(context.Background(), b.company, engine.RunOptions{})
			require.NoError(t, err)
			require.Equal(t, db.RunFailed, run.Status)
			require.Contains(t, *run.Error, tc.want)
			require.Regexp(t, `^Reading the directory('s users|'s groups)? from WorkOS failed\. `, *run.Error, "says what was being read")
			for _, raw := range rawClientText {
				require.NotContains(t, *run.Error, raw)
			}
			conn, err := db.GetDirectoryConnection(context.Background(), b.db, b.company)
			require.NoError(t, err)
			require.NotNil(t, conn.LastError)
			require.Equal(t, *run.Error, *conn.LastError)
		})
	}
}

// TestStoredErrorText: run errors stored by earlier versions (with the raw answer
// appended) are shown as the human text; other texts stay as they are.
func TestStoredErrorText(t *testing.T) {
	t.Parallel()
	cases := []struct{ stored, want string }{
		{`the directory was not found in WorkOS, nothing was changed: read directory directory_01: HTTP 404 Not Found (request id "req_1"): Directory not found`,
			"WorkOS does not know the connected directory"},
		{`WorkOS is unavailable, nothing was changed: list users: workos: upstream unavailable after 4 attempts: HTTP 429 Too Many Requests: "Ratelimited"`,
			"too many requests"},
		{`WorkOS rejected the API key, nothing was changed: something`, "WorkOS rejected the API key. Nothing was changed."},
		{`WorkOS is unavailable, nothing was changed: read directory d: workos: upstream unavailable after 4 attempts: Get "http://127.0.0.1:4000/directories/d": dial tcp 127.0.0.1:4000: connect: connection refused`,
			"could not reach WorkOS"},
		{`WorkOS is unavailable, nothing was changed: list users: workos: upstream unavailable after 4 attempts: attempt timed out after 10s: context deadline exceeded`,
			"WorkOS did not answer in time."},
		{"the run timed out; nothing was changed", "the run timed out; nothing was changed"},
	}
	for _, tc := range cases {
		got := engine.StoredErrorText(tc.stored)
		require.Contains(t, got, tc.want)
		require.NotContains(t, got, "HTTP 4")
		require.NotContains(t, got, "Ratelimited")
	}
}
