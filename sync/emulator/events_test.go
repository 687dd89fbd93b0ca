package emulator_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/events"

	"github.com/officetogether/dirsync/sync/emulator"
)

var dsyncTypes = []string{
	"dsync.activated", "dsync.deactivated", "dsync.deleted", "dsync.user.created", "dsync.user.updated", "dsync.user.deleted",
	"dsync.group.created", "dsync.group.updated", "dsync.group.deleted", "dsync.group.user_added", "dsync.group.user_removed",
}

// allEvents pages through /events with the SDK and returns the events.
func allEvents(t *testing.T, b *bundle, opts events.ListEventsOpts) []events.Event {
	t.Helper()
	var out []events.Event
	for range 1000 {
		res, err := b.events.ListEvents(context.Background(), opts)
		require.NoError(t, err)
		out = append(out, res.Data...)
		if len(res.Data) == 0 {
			require.Empty(t, res.ListMetadata.After)
			return out
		}
		require.Equal(t, res.Data[len(res.Data)-1].ID, res.ListMetadata.After)
		opts.After = res.ListMetadata.After
	}
	t.Fatal("events did not end")
	return nil
}

func TestEventsCursorAndFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	d := b.directory(t, "okta", 5) // activated, 5 user.created, groups + user_added
	other := b.directory(t, "generic", 2)
	b.clock.Advance(time.Minute)
	users, err := b.em.Users(d.ID)
	require.NoError(t, err)
	u := users[0]
	u.FirstName = "Renamed"
	_, err = b.em.PutUser(d.ID, u)
	require.NoError(t, err)

	all := allEvents(t, b, events.ListEventsOpts{Events: dsyncTypes, Limit: 3})
	require.Len(t, allEvents(t, b, eventsOpts()), len(all))
	require.Equal(t, "dsync.activated", all[0].Event, "oldest first")
	for i := 1; i < len(all); i++ {
		require.Less(t, all[i-1].ID, all[i].ID)
		require.False(t, all[i].CreatedAt.Before(all[i-1].CreatedAt))
	}
	last := all[len(all)-1]
	require.Equal(t, "dsync.user.updated", last.Event)
	require.Equal(t, time.Date(2026, 1, 15, 12, 1, 0, 0, time.UTC), last.CreatedAt)
	var data map[string]any
	require.NoError(t, json.Unmarshal(last.Data, &data))
	require.Equal(t, map[string]any{"first_name": users[0].FirstName, "name": users[0].FirstName + " " + users[0].LastName},
		data["previous_attributes"])

	tests := []struct {
		name string
		opts events.ListEventsOpts
		want func(events.Event) bool
	}{
		{"type filter", events.ListEventsOpts{Events: []string{"dsync.user.created"}, Limit: 100},
			func(e events.Event) bool { return e.Event == "dsync.user.created" }},
		{"two types", events.ListEventsOpts{Events: []string{"dsync.activated", "dsync.user.updated"}, Limit: 100},
			func(e events.Event) bool { return e.Event == "dsync.activated" || e.Event == "dsync.user.updated" }},
		{"organization", events.ListEventsOpts{Events: dsyncTypes, Limit: 100, OrganizationId: other.OrganizationID},
			func(e events.Event) bool { return strings.Contains(string(e.Data), other.ID) }},
		{"range", events.ListEventsOpts{Events: dsyncTypes, Limit: 100, RangeStart: "2026-01-15T12:00:30Z"},
			func(e events.Event) bool { return e.Event == "dsync.user.updated" }},
		{"after cursor", events.ListEventsOpts{Events: dsyncTypes, Limit: 100, After: all[len(all)-2].ID},
			func(e events.Event) bool { return e.ID == last.ID }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := allEvents(t, b, tt.opts)
			var want []string
			for _, e := range all {
				if tt.want(e) {
					want = append(want, e.ID)
				}
			}
			require.NotEmpty(t, want)
			ids := make([]string, len(got))
			for i, e := range got {
				ids[i] = e.ID
			}
			require.Equal(t, want, ids)
		})
	}
}

// TestEventsFilterEncodings uses plain net/http since the SDK only sends
// repeated events= parameters.
func TestEventsFilterEncodings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.directory(t, "generic", 2)
	tests := []struct {
		name   string
		query  string
		status int
		types  map[string]bool
	}{
		{"repeated", "limit=100&" + "events=dsync.activated&events=dsync.user.created", 200, map[string]bool{"dsync.activated": true, "dsync.user.created": true}},
		{"comma", "limit=100&" + "events=dsync.activated,dsync.user.created", 200, map[string]bool{"dsync.activated": true, "dsync.user.created": true}},
		{"brackets", "limit=100&" + url.Values{"events[]": {"dsync.activated", "dsync.group.created"}}.Encode(), 200, map[string]bool{"dsync.activated": true, "dsync.group.created": true}},
		{"missing filter", "limit=10", 422, nil},
		{"bad limit", "events=dsync.activated&limit=0", 422, nil},
		{"bad range", "events=dsync.activated&range_start=yesterday", 422, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodGet, b.srv.URL+"/events?"+tt.query, nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			res, err := b.srv.Client().Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			require.Equal(t, tt.status, res.StatusCode)
			if tt.status != 200 {
				return
			}
			var body struct {
				Data []struct {
					Event     string `json:"event"`
					CreatedAt string `json:"created_at"`
				} `json:"data"`
			}
			require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
			seen := map[string]bool{}
			for _, e := range body.Data {
				seen[e.Event] = true
				_, err := time.Parse(time.RFC3339, e.CreatedAt)
				require.NoError(t, err)
			}
			require.Equal(t, tt.types, seen)
		})
	}
}

func TestEventsWithoutFilterWhenAllowed(t *testing.T) {
	t.Parallel()
	b := setup(t, func(o *emulator.Options) { o.AllowUnfilteredEvents = true })
	b.directory(t, "generic", 1)
	res, err := b.events.ListEvents(context.Background(), events.ListEventsOpts{Limit: 100})
	require.NoError(t, err)
	require.NotEmpty(t, res.Data)
}

// eventsOpts lists all dsync events, 100 a page.
func eventsOpts() events.ListEventsOpts { return events.ListEventsOpts{Events: dsyncTypes, Limit: 100} }
