package webhooks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/schedule"
	"github.com/officetogether/dirsync/sync/webhooks"
	"github.com/officetogether/dirsync/sync/workos"
)

const secret = "whsec_handler_test"

type bundle struct {
	srv     *httptest.Server
	db      *bun.DB
	now     time.Time
	company string
}

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	bdb := dbtest.NewDB(t)
	b := &bundle{db: bdb, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	c, err := db.CreateCompany(ctx, bdb, "Acme")
	require.NoError(t, err)
	b.company = c.ID
	_, err = db.StartDirectoryConnection(ctx, bdb, c.ID, "org_acme")
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, bdb, c.ID, db.DirectoryDetails{DirectoryID: "directory_acme", Provider: "okta scim v2.0", Name: "Acme", State: "linked"}, b.now)
	require.NoError(t, err)
	client, err := workos.New(workos.Config{APIKey: "sk_test_webhooks", Endpoint: "http://127.0.0.1:1"})
	require.NoError(t, err)
	svc, err := engine.New(engine.Config{DB: bdb, Directory: client})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, svc.Close(context.Background())) })
	sched, err := schedule.New(schedule.Config{DB: bdb, Engine: svc, Clock: clockwork.NewFakeClockAt(b.now)})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, sched.Shutdown()) })
	h, err := webhooks.NewHandler(webhooks.Config{Secret: secret, Now: func() time.Time { return b.now }, Deliver: sched.Deliver})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/workos", h)
	b.srv = httptest.NewServer(mux)
	t.Cleanup(b.srv.Close)
	return b
}

// post sends a webhook and returns the status code and the answer's status word.
func (b *bundle) post(t *testing.T, header string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.srv.URL+"/webhooks/workos", bytes.NewReader(body))
	require.NoError(t, err)
	if header != "" {
		req.Header.Set("WorkOS-Signature", header)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var answer struct {
		Status string `json:"status"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&answer))
	return res.StatusCode, answer.Status
}

// inbox returns the ids of the company's inbox events.
func (b *bundle) inbox(t *testing.T) []string {
	t.Helper()
	var ids []string
	require.NoError(t, b.db.NewSelect().Model((*db.InboxEvent)(nil)).Column("event_id").Where("company_id = ?", b.company).
		OrderExpr("event_id").Scan(context.Background(), &ids))
	return ids
}

// status is post's status code alone.
func (b *bundle) status(t *testing.T, header string, body []byte) int {
	t.Helper()
	code, _ := b.post(t, header, body)
	return code
}

// TestWebhook: a signed event goes into its company's inbox once; redeliveries, forged,
// stale, unsigned and malformed requests change nothing; events of unknown organizations
// are ignored.
func TestWebhook(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := []byte(`{"object":"event","id":"event_01","event":"dsync.user.updated","data":{"object":"directory_user","id":"directory_user_1","directory_id":"directory_acme","organization_id":"org_acme"},"created_at":"2026-03-01T12:00:00.000Z"}`)
	signed := emulator.Sign(secret, b.now, body)

	code, status := b.post(t, signed, body)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "accepted", status)
	require.Equal(t, []string{"event_01"}, b.inbox(t))

	_, status = b.post(t, signed, body)
	require.Equal(t, "duplicate", status, "replay within the tolerance")
	_, status = b.post(t, emulator.Sign(secret, b.now.Add(time.Second), body), body)
	require.Equal(t, "duplicate", status, "redelivery")
	require.Len(t, b.inbox(t), 1, "a redelivered event id is stored once")

	other := []byte(`{"object":"event","id":"event_02","event":"dsync.user.created","data":{"object":"directory_user","id":"directory_user_2","directory_id":"directory_acme"},"created_at":"2026-03-01T12:00:00.000Z"}`)
	require.Equal(t, http.StatusUnauthorized, b.status(t, emulator.Sign("whsec_wrong", b.now, other), other), "forged")
	require.Equal(t, http.StatusUnauthorized, b.status(t, signed, other), "signature of another body")
	require.Equal(t, http.StatusUnauthorized, b.status(t, emulator.Sign(secret, b.now.Add(-181*time.Second), other), other), "stale")
	require.Equal(t, http.StatusBadRequest, b.status(t, "", other), "unsigned")
	require.Equal(t, http.StatusBadRequest, b.status(t, "t=1,v1", other), "malformed")
	require.Len(t, b.inbox(t), 1)

	_, status = b.post(t, emulator.Sign(secret, b.now, other), other)
	require.Equal(t, "accepted", status, "found by directory id")
	require.Equal(t, []string{"event_01", "event_02"}, b.inbox(t))

	unknown := []byte(`{"id":"event_03","event":"dsync.activated","data":{"object":"directory","id":"directory_x","organization_id":"org_x"}}`)
	_, status = b.post(t, emulator.Sign(secret, b.now, unknown), unknown)
	require.Equal(t, "ignored", status, "an unknown organization")
	require.Len(t, b.inbox(t), 2)

	odd := []byte(`{"id":"event_04","event":"dsync.user.updated","created_at":"soon","data":{"object":"directory_user","id":"directory_user_1","organization_id":"org_acme"}}`)
	_, status = b.post(t, emulator.Sign(secret, b.now, odd), odd)
	require.Equal(t, "accepted", status, "an unparsable created_at loses nothing")
	var stored db.InboxEvent
	require.NoError(t, b.db.NewSelect().Model(&stored).Where("event_id = 'event_04'").Scan(context.Background()))
	require.Nil(t, stored.CreatedAt)
	require.Equal(t, db.InboxFromWebhook, stored.Source)
	require.JSONEq(t, `{"object":"directory_user","id":"directory_user_1","organization_id":"org_acme"}`, string(stored.Data))

	notEvent := []byte(`[1,2]`)
	require.Equal(t, http.StatusBadRequest, b.status(t, emulator.Sign(secret, b.now, notEvent), notEvent))
}
