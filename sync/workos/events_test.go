package workos_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

// TestListEventsEnvironmentWide: without an organization the whole environment's events
// come back, each with the organization and directory it belongs to (for routing);
// `order` is never sent; range_start is.
func TestListEventsEnvironmentWide(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 2})
	other, err := b.emu.CreateOrganization(emulator.Organization{Name: "Other"})
	require.NoError(t, err)
	otherDir, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: other.ID})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(otherDir.ID, 1, 1))
	c := b.client(t, nil)

	evs, _, err := c.ListEvents(context.Background(), workos.EventsQuery{})
	require.NoError(t, err)
	byOrg := map[string]int{}
	for _, e := range evs {
		require.Empty(t, e.Issue, e.ID)
		byOrg[e.OrganizationID]++
		switch e.OrganizationID {
		case b.org.ID:
			require.Equal(t, b.dir.ID, e.DirectoryID, e.Type)
		case other.ID:
			require.Equal(t, otherDir.ID, e.DirectoryID, e.Type)
		default:
			t.Fatalf("event %s %s of no organization", e.ID, e.Type)
		}
	}
	require.Positive(t, byOrg[b.org.ID])
	require.Positive(t, byOrg[other.ID])

	later := b.clock.Now().Add(time.Hour)
	none, next, err := c.ListEvents(context.Background(), workos.EventsQuery{RangeStart: later})
	require.NoError(t, err)
	require.Empty(t, none, "nothing was created after range_start")
	require.Empty(t, next)
	for _, r := range b.log.matching("/events") {
		require.NotContains(t, r.query, "order", "order is never sent to /events")
		require.NotContains(t, r.query, "organization_id")
	}
	reqs := b.log.matching("/events")
	require.Equal(t, later.UTC().Format(time.RFC3339Nano), reqs[len(reqs)-1].query.Get("range_start"))
}

// TestListEventsOddCreatedAt: an event whose created_at cannot be parsed is returned
// with an issue instead of failing the page (and so every later poll).
func TestListEventsOddCreatedAt(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 1})
	evs, _, err := b.client(t, nil).ListEvents(context.Background(), workos.EventsQuery{})
	require.NoError(t, err)
	require.NotEmpty(t, evs)
	// A proxy in front of the emulator garbles the first event's created_at.
	first := []byte(`"id":"` + evs[0].ID + `"`)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		b.emu.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if i := bytes.Index(body, first); i >= 0 {
			end := i + bytes.Index(body[i:], []byte(`,"context":`)) // the event's own created_at comes last
			j := bytes.LastIndex(body[:end], []byte(`"created_at":"`)) + len(`"created_at":"`)
			body = append(body[:j:j], append([]byte("yesterday-ish"), body[j+bytes.IndexByte(body[j:], '"'):]...)...)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(proxy.Close)
	c := b.client(t, func(cfg *workos.Config) { cfg.Endpoint = proxy.URL })
	got, next, err := c.ListEvents(context.Background(), workos.EventsQuery{})
	require.NoError(t, err)
	require.Len(t, got, len(evs))
	require.Equal(t, evs[0].ID, got[0].ID)
	require.True(t, got[0].CreatedAt.IsZero())
	require.Contains(t, got[0].Issue, "unparsable created_at")
	require.Equal(t, evs[0].Data, got[0].Data, "the payload is kept")
	require.Empty(t, got[1].Issue)
	require.Equal(t, evs[len(evs)-1].ID, next)
}

// TestListEventsCursorRejected: a 4xx that names the cursor wraps ErrCursorRejected;
// other 4xx answers do not.
func TestListEventsCursorRejected(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	status, body := http.StatusUnprocessableEntity, `{"message":"Validation failed","errors":[{"field":"after","code":"invalid"}]}`
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(proxy.Close)
	c := b.client(t, func(cfg *workos.Config) { cfg.Endpoint = proxy.URL })
	_, next, err := c.ListEvents(context.Background(), workos.EventsQuery{After: "event_old"})
	require.ErrorIs(t, err, workos.ErrCursorRejected)
	require.ErrorIs(t, err, workos.ErrInvalidRequest)
	require.Equal(t, "event_old", next)

	status, body = http.StatusBadRequest, `{"message":"Cursor event_old has expired"}`
	_, _, err = c.ListEvents(context.Background(), workos.EventsQuery{After: "event_old"})
	require.ErrorIs(t, err, workos.ErrCursorRejected, "a message naming the cursor")

	status, body = http.StatusUnprocessableEntity, `{"message":"Validation failed","errors":[{"field":"limit","code":"invalid"}]}`
	_, _, err = c.ListEvents(context.Background(), workos.EventsQuery{After: "event_old"})
	require.ErrorIs(t, err, workos.ErrInvalidRequest)
	require.NotErrorIs(t, err, workos.ErrCursorRejected)
}
