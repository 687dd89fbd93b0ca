package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/webhooks"

	"github.com/officetogether/dirsync/sync/emulator"
)

// receiver collects webhook deliveries, failing the first failFirst attempts.
type receiver struct {
	mu        sync.Mutex
	attempts  int
	failFirst int
	bodies    []string
	headers   []string
	got       chan struct{}
}

func newReceiver(t *testing.T, failFirst int) (*receiver, *httptest.Server) {
	rc := &receiver{failFirst: failFirst, got: make(chan struct{}, 1000)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.attempts++
		fail := rc.attempts <= rc.failFirst
		if !fail {
			rc.bodies = append(rc.bodies, string(body))
			rc.headers = append(rc.headers, r.Header.Get("WorkOS-Signature"))
		}
		rc.mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		rc.got <- struct{}{}
	}))
	t.Cleanup(srv.Close)
	return rc, srv
}

func (rc *receiver) wait(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-rc.got:
		case <-time.After(5 * time.Second):
			t.Fatal("webhook not delivered")
		}
	}
}

func TestWebhooksSignedAndRetried(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		failFirst int
	}{
		{"delivered at once", 0},
		{"retried after failures", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rc, hook := newReceiver(t, tt.failFirst)
			b := setup(t, func(o *emulator.Options) {
				o.WebhookURL, o.WebhookSecret, o.WebhookBackoff = hook.URL, "whsec_test", time.Millisecond
			})
			org, err := b.em.CreateOrganization(emulator.Organization{Name: "Hooked"})
			require.NoError(t, err)
			d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta"})
			require.NoError(t, err)
			u, err := b.em.PutUser(d.ID, emulator.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@hooked.example"})
			require.NoError(t, err)
			rc.wait(t, 2)

			wh := webhooks.NewClient("whsec_test")
			wh.SetNow(func() time.Time { return b.clock.Now().Add(time.Second) })
			rc.mu.Lock()
			defer rc.mu.Unlock()
			require.Equal(t, 2+tt.failFirst, rc.attempts)
			wantTypes := []string{"dsync.activated", "dsync.user.created"}
			for i, body := range rc.bodies {
				_, err := wh.ValidatePayload(rc.headers[i], body)
				require.NoError(t, err)
				var ev struct {
					Object, ID, Event string
					Data              map[string]any
				}
				require.NoError(t, json.Unmarshal([]byte(body), &ev))
				require.Equal(t, "event", ev.Object)
				require.Equal(t, wantTypes[i], ev.Event)
				if i == 1 {
					require.Equal(t, u.ID, ev.Data["id"])
				}
				wrong := webhooks.NewClient("wrong")
				wrong.SetNow(b.clock.Now)
				_, err = wrong.ValidatePayload(rc.headers[i], body)
				require.ErrorIs(t, err, webhooks.ErrNoValidSignature)
			}
			// The same events are in the Events API.
			all := allEvents(t, b, eventsOpts())
			require.Len(t, all, 2)
		})
	}
}

func TestSign(t *testing.T) {
	t.Parallel()
	body := `{"id":"event_01HTEST","event":"dsync.user.created","data":{"object":"directory_user","id":"directory_user_01HTEST"},"created_at":"2023-11-14T22:13:20.000Z"}`
	got := emulator.Sign("whsec_test_secret", time.UnixMilli(1700000000000), []byte(body))
	require.Equal(t, "t=1700000000000, v1=c0263bee528098910b86b87047dbee58dc597bc72442cc2260fb6541368baaaf", got)
}

func TestWebhookCloseStopsDelivery(t *testing.T) {
	t.Parallel()
	rc, hook := newReceiver(t, 1000) // always fails: the deliverer keeps retrying
	b := setup(t, func(o *emulator.Options) {
		o.WebhookURL, o.WebhookSecret, o.WebhookBackoff, o.WebhookRetries = hook.URL, "s", time.Hour, 5
	})
	b.directory(t, "generic", 1)
	require.Eventually(t, func() bool { rc.mu.Lock(); defer rc.mu.Unlock(); return rc.attempts > 0 }, 5*time.Second, time.Millisecond)
	done := make(chan struct{})
	go func() { _ = b.em.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop a retrying delivery")
	}
}

func TestWebhooksDuplicatedAndOutOfOrder(t *testing.T) {
	t.Parallel()
	rc, hook := newReceiver(t, 0)
	b := setup(t, noRateLimit)
	call(t, b, "PUT", "/_emulator/webhook", map[string]any{"url": hook.URL, "secret": "whsec_test",
		"duplicate": 1, "reorder": 4, "reorder_wait": "300ms"}, 204, nil)
	require.Equal(t, emulator.WebhookFaults{Duplicate: 1, Reorder: 4, ReorderWait: emulator.Duration(300 * time.Millisecond)},
		b.em.WebhookFaults())
	d := b.directory(t, "okta", 3) // 1 activated + 3 x (user.created) + groups and memberships
	want := allEvents(t, b, eventsOpts())
	require.GreaterOrEqual(t, len(want), 8)
	rc.wait(t, 2*len(want))

	wh := webhooks.NewClient("whsec_test")
	wh.SetNow(func() time.Time { return b.clock.Now().Add(time.Second) })
	rc.mu.Lock()
	defer rc.mu.Unlock()
	seen := map[string]int{}
	var order []string
	for i, body := range rc.bodies {
		_, err := wh.ValidatePayload(rc.headers[i], body)
		require.NoError(t, err)
		var ev struct{ ID string }
		require.NoError(t, json.Unmarshal([]byte(body), &ev))
		seen[ev.ID]++
		order = append(order, ev.ID)
	}
	require.Len(t, seen, len(want))
	for _, ev := range want {
		require.Equal(t, 2, seen[ev.ID], "every event arrives twice")
	}
	require.False(t, sort.StringsAreSorted(order), "events arrive out of order")
	require.NotEmpty(t, d.ID)

	call(t, b, "PUT", "/_emulator/webhook", map[string]any{"url": hook.URL, "secret": "s", "duplicate": 2}, 422, nil)
}
