package workos_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/workos"
)

// pull runs EachDirectoryUser and returns every user in the order received.
func pull(t *testing.T, c *workos.Client, dirID string) ([]workos.DirectoryUser, workos.FetchStats, error) {
	t.Helper()
	var got []workos.DirectoryUser
	stats, err := c.EachDirectoryUser(context.Background(), dirID, func(page []workos.DirectoryUser) error {
		require.LessOrEqual(t, len(page), 100)
		got = append(got, page...)
		return nil
	})
	return got, stats, err
}

// requireAllUsers checks got holds each of the directory's users exactly once, ascending.
func requireAllUsers(t *testing.T, b *bundle, got []workos.DirectoryUser) {
	t.Helper()
	want, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	wantIDs := make([]string, len(want))
	for i, u := range want {
		wantIDs[i] = u.ID
	}
	gotIDs := make([]string, len(got))
	for i, u := range got {
		gotIDs[i] = u.ID
		if i > 0 {
			require.Less(t, gotIDs[i-1], gotIDs[i], "ascending, no duplicates")
		}
	}
	require.ElementsMatch(t, wantIDs, gotIDs)
}

func TestEachDirectoryUserPullsEveryPage(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 1050})
	got, stats, err := pull(t, b.client(t, nil), b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, workos.FetchStats{Pages: 11, Users: 1050}, stats)
	requireAllUsers(t, b, got)

	reqs := b.log.matching("/directory_users")
	require.Len(t, reqs, 11)
	for i, r := range reqs {
		require.Equal(t, http.MethodGet, r.method)
		require.Equal(t, b.dir.ID, r.query.Get("directory"))
		require.Equal(t, "100", r.query.Get("limit"))
		require.Equal(t, "asc", r.query.Get("order"))
		wantAfter := ""
		if i > 0 {
			wantAfter = got[i*100-1].ID
		}
		require.Equal(t, wantAfter, r.query.Get("after"), "request %d", i+1)
		require.Equal(t, "Bearer "+testAPIKey, r.header.Get("Authorization"))
		require.Equal(t, "application/json", r.header.Get("Content-Type"))
		require.Equal(t, "workos-go/v4.46.1", r.header.Get("User-Agent"))
	}
	require.Empty(t, b.clock.Sleeps(), "no retries, limiter off")
}

func TestEachDirectoryUserKeepsRawJSON(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 3, raw: emulator.RawLegacy})
	custom := map[string]any{
		"department_name":  "Engineering",
		"cost_center_name": "41000 R&D",
		"license_tier":     "silver",
		"addresses":        []any{map[string]any{"locality": "Berlin", "primary": true}},
	}
	put, err := b.emu.PutUser(b.dir.ID, emulator.User{
		FirstName: "Zoë", LastName: "Null-Mail", CustomAttributes: custom, Groups: []string{"Platform"},
	})
	require.NoError(t, err)

	c := b.client(t, nil)
	got, _, err := pull(t, c, b.dir.ID)
	require.NoError(t, err)
	require.Len(t, got, 4)
	var u workos.DirectoryUser
	for _, g := range got {
		if g.ID == put.ID {
			u = g
		}
	}
	require.Equal(t, put.ID, u.ID)
	require.Equal(t, b.dir.ID, u.DirectoryID)
	require.Equal(t, put.IdpID, u.IdpID)
	require.Equal(t, "Zoë", u.FirstName)
	require.Equal(t, "Null-Mail", u.LastName)
	require.Empty(t, u.Email, "null email")
	require.Equal(t, "active", u.State)
	wantUpdated, err := time.Parse(time.RFC3339Nano, put.UpdatedAt)
	require.NoError(t, err)
	require.True(t, wantUpdated.Equal(u.UpdatedAt))

	// Byte for byte what WorkOS (the emulator) serves for this user.
	res, err := b.http.Do(authGet(t, b.srv.URL+"/directory_users/"+put.ID))
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, string(body), string(u.Raw))

	var obj map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(u.Raw, &obj))
	require.JSONEq(t, `null`, string(obj["email"]))
	var gotCustom map[string]any
	require.NoError(t, json.Unmarshal(obj["custom_attributes"], &gotCustom))
	require.Equal(t, custom, gotCustom)
	require.Contains(t, string(obj["raw_attributes"]), "urn:ietf:params:scim:schemas:core:2.0:User")
	require.Contains(t, string(obj["groups"]), `"Platform"`)

	one, err := c.GetDirectoryUser(context.Background(), put.ID)
	require.NoError(t, err)
	require.Equal(t, u, one)
}

func authGet(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testAPIKey)
	return req
}

func TestEachDirectoryUserRateLimiterSpacesRequests(t *testing.T) {
	t.Parallel()
	// Both sides at 4 requests/s on the same fake clock: the client's burst of 3 and its
	// waits keep the emulator (a bucket of 4) from ever answering 429.
	b := setup(t, setupOpts{users: 450, emu: emulator.Options{RateLimit: 4}})
	other, err := b.emu.CreateDirectory(emulator.Directory{OrganizationID: b.org.ID, Type: "bamboohr"})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(other.ID, 150, 3))
	c := b.client(t, func(cfg *workos.Config) { cfg.RateLimit = 0 }) // default 4/s

	_, stats, err := pull(t, c, b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, workos.FetchStats{Pages: 5, Users: 450}, stats)
	require.Equal(t, map[int]int{http.StatusOK: 5}, b.log.statuses("/directory_users"))
	require.Equal(t, repeat(250*time.Millisecond, 2), b.clock.Sleeps(), "a burst of 3, then requests spaced 1/4 s")

	// The bucket is shared across calls: the next pull's first request waits too.
	_, _, err = pull(t, c, b.dir.ID)
	require.NoError(t, err)
	require.Equal(t, repeat(250*time.Millisecond, 7), b.clock.Sleeps())

	// Another directory has its own bucket: its first requests do not wait.
	_, stats, err = pull(t, c, other.ID)
	require.NoError(t, err)
	require.Equal(t, 2, stats.Pages)
	require.Equal(t, repeat(250*time.Millisecond, 7), b.clock.Sleeps())
	require.Equal(t, map[int]int{http.StatusOK: 12}, b.log.statuses("/directory_users"))
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestEachDirectoryUserHonoursRetryAfterIn429Storms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		serverRate float64
		retryAfter time.Duration
	}{
		{"4 per second", 4, time.Second},
		{"1 per 4 seconds", 0.25, 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{users: 450})
			b.setFaults(t, emulator.Faults{RateLimit: tt.serverRate})
			// Without our limiter the emulator answers 429 + Retry-After; a small backoff
			// proves the wait comes from Retry-After, not from backoff.
			c := b.client(t, func(cfg *workos.Config) { cfg.BaseBackoff, cfg.MaxBackoff = time.Millisecond, time.Millisecond })
			got, stats, err := pull(t, c, b.dir.ID)
			require.NoError(t, err)
			requireAllUsers(t, b, got)
			limited := b.log.statuses("/directory_users")[http.StatusTooManyRequests]
			require.Positive(t, limited)
			require.Equal(t, limited, stats.Retries)
			require.Equal(t, repeat(tt.retryAfter, limited), b.clock.Sleeps())
			for _, r := range b.log.matching("/directory_users") {
				require.Contains(t, []int{http.StatusOK, http.StatusTooManyRequests}, r.status)
			}
			require.Equal(t, 5, b.log.statuses("/directory_users")[http.StatusOK])
		})
	}
}

func TestEachDirectoryUserStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 250})
	c := b.client(t, nil)
	stop := errorString("mirror full")
	calls := 0
	stats, err := c.EachDirectoryUser(context.Background(), b.dir.ID, func([]workos.DirectoryUser) error {
		calls++
		return stop
	})
	require.ErrorIs(t, err, stop)
	require.NotErrorIs(t, err, workos.ErrUpstream)
	require.Equal(t, 1, calls)
	require.Zero(t, stats.Pages)
	require.Len(t, b.log.matching("/directory_users"), 1)
}

type errorString string

func (e errorString) Error() string { return string(e) }

func TestEachDirectoryUserEmptyDirectory(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	c := b.client(t, nil)
	called := false
	stats, err := c.EachDirectoryUser(context.Background(), b.dir.ID, func([]workos.DirectoryUser) error {
		called = true
		return nil
	})
	require.NoError(t, err)
	require.False(t, called)
	require.Equal(t, workos.FetchStats{}, stats)

	_, err = c.EachDirectoryUser(context.Background(), "", func([]workos.DirectoryUser) error { return nil })
	require.ErrorIs(t, err, workos.ErrInvalidRequest)
	require.Len(t, b.log.matching("/directory_users"), 1, "no request for an empty id")
}

func TestConcurrentPullsShareTheLimiter(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{users: 450, emu: emulator.Options{RateLimit: 4}})
	c := b.client(t, func(cfg *workos.Config) { cfg.RateLimit = 4 })
	type result struct {
		users []workos.DirectoryUser
		err   error
	}
	results := make(chan result, 2)
	for range 2 {
		go func() {
			var got []workos.DirectoryUser
			_, err := c.EachDirectoryUser(context.Background(), b.dir.ID, func(page []workos.DirectoryUser) error {
				got = append(got, page...)
				return nil
			})
			results <- result{got, err}
		}()
	}
	for range 2 {
		r := <-results
		require.NoError(t, r.err)
		requireAllUsers(t, b, r.users)
	}
	require.Equal(t, map[int]int{http.StatusOK: 10}, b.log.statuses("/directory_users"), "never rate limited")
	// Two sleepers advance the shared fake clock together, so a later slot may already
	// have passed when it is reserved: at most 9 waits, and the first overlap always waits.
	sleeps := b.clock.Sleeps()
	require.NotEmpty(t, sleeps)
	require.LessOrEqual(t, len(sleeps), 9)
}

// TestInvalidUTF8BecomesReplacementCharacters: bytes that are not UTF-8 in a page of users
// or in an event become U+FFFD in the typed fields and in the raw JSON, which PostgreSQL
// can then store.
func TestInvalidUTF8BecomesReplacementCharacters(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/events" {
			_, _ = io.WriteString(w, `{"object":"list","data":[{"object":"event","id":"event_1","event":"dsync.user.updated",`+
				`"created_at":"2026-01-01T00:00:00.000Z","data":{"id":"directory_user_1","first_name":"Bj`+"\xff"+`rn"}}],`+
				`"list_metadata":{"after":null}}`)
			return
		}
		_, _ = io.WriteString(w, `{"object":"list","data":[{"object":"directory_user","id":"directory_user_1",`+
			`"directory_id":"directory_1","organization_id":"org_1","idp_id":"1","email":"bjorn@acme.test",`+
			`"first_name":"Bj`+"\xff"+`rn","last_name":"Lind","state":"active","custom_attributes":{"department_name":"R`+"\xc3"+`D"},`+
			`"raw_attributes":{},"groups":[],"created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z"}],`+
			`"list_metadata":{"before":null,"after":null}}`)
	}))
	t.Cleanup(srv.Close)
	c, err := workos.New(workos.Config{APIKey: testAPIKey, Endpoint: srv.URL, RateLimit: -1})
	require.NoError(t, err)
	got, _, err := pull(t, c, "directory_1")
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, "Bj\uFFFDrn", got[0].FirstName)
	require.True(t, utf8.Valid(got[0].Raw))
	require.Contains(t, string(got[0].Raw), `"R`+"\uFFFD"+`D"`)

	events, _, err := c.ListEvents(context.Background(), workos.EventsQuery{})
	require.NoError(t, err)
	require.Len(t, events, 1)
	require.True(t, utf8.Valid(events[0].Data))
	require.Contains(t, string(events[0].Data), `"Bj`+"\uFFFD"+`rn"`)
}
