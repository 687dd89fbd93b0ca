package webhooks_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/webhooks"
)

const secret = "whsec_handler_test"

type bundle struct {
	srv     *httptest.Server
	now     time.Time
	mu      sync.Mutex
	company string
	calls   []string
}

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	bdb := dbtest.NewDB(t)
	b := &bundle{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	c, err := db.CreateCompany(ctx, bdb, "Acme")
	require.NoError(t, err)
	b.company = c.ID
	_, err = db.StartDirectoryConnection(ctx, bdb, c.ID, "org_acme")
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, bdb, c.ID, db.DirectoryDetails{DirectoryID: "directory_acme", Provider: "okta scim v2.0", Name: "Acme", State: "linked"}, b.now)
	require.NoError(t, err)
	h, err := webhooks.NewHandler(webhooks.Config{DB: bdb, Secret: secret, Now: func() time.Time { return b.now },
		Trigger: func(id string) { b.mu.Lock(); b.calls = append(b.calls, id); b.mu.Unlock() }})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/workos", h)
	b.srv = httptest.NewServer(mux)
	t.Cleanup(b.srv.Close)
	return b
}

func (b *bundle) post(t *testing.T, header string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.srv.URL+"/webhooks/workos", bytes.NewReader(body))
	require.NoError(t, err)
	if header != "" {
		req.Header.Set("WorkOS-Signature", header)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	return res.StatusCode
}

func (b *bundle) triggered() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.calls...)
}

// TestWebhook: a signed event triggers its company's poll once; redeliveries, forged,
// stale, unsigned and malformed requests change nothing.
func TestWebhook(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := []byte(`{"object":"event","id":"event_01","event":"dsync.user.updated","data":{"object":"directory_user","id":"directory_user_1","directory_id":"directory_acme","organization_id":"org_acme"},"created_at":"2026-03-01T12:00:00.000Z"}`)
	signed := emulator.Sign(secret, b.now, body)

	require.Equal(t, http.StatusOK, b.post(t, signed, body))
	require.Equal(t, []string{b.company}, b.triggered())

	require.Equal(t, http.StatusOK, b.post(t, signed, body), "replay within the tolerance")
	require.Equal(t, http.StatusOK, b.post(t, emulator.Sign(secret, b.now.Add(time.Second), body), body), "redelivery")
	require.Len(t, b.triggered(), 1, "a redelivered event id triggers nothing")

	other := []byte(`{"object":"event","id":"event_02","event":"dsync.user.created","data":{"object":"directory_user","id":"directory_user_2","directory_id":"directory_acme"},"created_at":"2026-03-01T12:00:00.000Z"}`)
	require.Equal(t, http.StatusUnauthorized, b.post(t, emulator.Sign("whsec_wrong", b.now, other), other), "forged")
	require.Equal(t, http.StatusUnauthorized, b.post(t, signed, other), "signature of another body")
	require.Equal(t, http.StatusUnauthorized, b.post(t, emulator.Sign(secret, b.now.Add(-181*time.Second), other), other), "stale")
	require.Equal(t, http.StatusBadRequest, b.post(t, "", other), "unsigned")
	require.Equal(t, http.StatusBadRequest, b.post(t, "t=1,v1", other), "malformed")
	require.Len(t, b.triggered(), 1)

	require.Equal(t, http.StatusOK, b.post(t, emulator.Sign(secret, b.now, other), other), "found by directory id")
	require.Equal(t, []string{b.company, b.company}, b.triggered())

	unknown := []byte(`{"id":"event_03","event":"dsync.activated","data":{"object":"directory","id":"directory_x","organization_id":"org_x"}}`)
	require.Equal(t, http.StatusOK, b.post(t, emulator.Sign(secret, b.now, unknown), unknown))
	require.Len(t, b.triggered(), 2, "an unknown organization triggers nothing")

	notEvent := []byte(`[1,2]`)
	require.Equal(t, http.StatusBadRequest, b.post(t, emulator.Sign(secret, b.now, notEvent), notEvent))
}
