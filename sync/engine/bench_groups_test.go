package engine_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
	"github.com/officetogether/dirsync/sync/workos"
)

// BenchmarkSyncGroups100k syncs 100,000 users in 500 groups (1 to 8 each, users' "groups"
// arrays empty, so memberships are read per group) with the 4 requests/second
// per-directory limit on in the emulator and the client, groups as tags. It measures once
// the first import with memberships (first_*), then the timed loop is a re-sync whose
// memberships did not change (resync_*), then one membership event (a user added to a
// group) polled from the Events API and applied as the scheduler applies its inbox
// (event_*), failing unless the group became the user's tag. Requests are counted at the
// emulator by route; *_floor_s is all pages at 4 a second, *_floor_ratio the time over it;
// usersonly_floor_s is the users pages alone at 4 a second (what a users-only import
// costs at best) and first_vs_usersonly_floor the first import over it.
func BenchmarkSyncGroups100k(b *testing.B) { benchSyncGroups(b, 100_000, 500) }

// BenchmarkSyncGroups20k is BenchmarkSyncGroups100k at a fifth of the size (20,000 users in
// 100 groups), about a fifth of the time.
func BenchmarkSyncGroups20k(b *testing.B) { benchSyncGroups(b, 20_000, 100) }

func benchSyncGroups(b *testing.B, users, groups int) {
	ctx := context.Background()
	bb := setupBench(b, users, groups, true)
	admin, err := db.CreateUser(ctx, bb.db, db.NewUser{CompanyID: bb.company, Email: "root@bench.test", Role: db.RoleCompanyAdmin})
	require.NoError(b, err)
	m := mapping.DefaultMapping()
	m.TagFields = []mapping.TagField{{Key: "groups", Label: "Teams", FromGroups: true}}
	_, err = bb.svc.SaveConfiguration(ctx, bb.company, admin.ID, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(b, err)
	rules, err := bb.svc.CheckGroupRules(ctx, bb.company, engine.GroupRules{AllGroupsAsTags: true})
	require.NoError(b, err)
	require.NoError(b, bb.svc.SaveGroupRules(ctx, bb.company, rules))

	bb.emu.resetStats(b)
	first, _ := bb.syncOnce(b, "first")
	firstReq := bb.emu.requests(b)
	var tagged int
	require.NoError(b, bb.db.NewRaw(`SELECT count(*) FROM users WHERE company_id = ? AND cardinality(tags) > 0`, bb.company).Scan(ctx, &tagged))
	require.Positive(b, tagged, "no user got a group tag")

	var resync time.Duration
	var resyncReq benchRequests
	iters := 0
	for b.Loop() {
		bb.emu.resetStats(b)
		d, _ := bb.syncOnce(b, "resync")
		r := bb.emu.requests(b)
		resync += d
		resyncReq.add(r)
		iters++
	}

	eventToTag, apply := bb.membershipEventToTag(b)

	report := func(prefix string, d time.Duration, r benchRequests, n int) {
		floor := float64(r.pages()) / float64(n) / workos.DefaultRateLimit
		b.ReportMetric(d.Seconds()/float64(n), prefix+"_s")
		b.ReportMetric(float64(r.users)/float64(n), prefix+"_user_pages")
		b.ReportMetric(float64(r.groups)/float64(n), prefix+"_group_pages")
		b.ReportMetric(float64(r.members)/float64(n), prefix+"_member_pages")
		b.ReportMetric(float64(r.other)/float64(n), prefix+"_other_requests")
		b.ReportMetric(floor, prefix+"_floor_s")
		b.ReportMetric(d.Seconds()/float64(n)/floor, prefix+"_floor_ratio")
	}
	report("first", first, firstReq, 1)
	report("resync", resync, resyncReq, iters)
	usersOnly := float64(firstReq.users) / workos.DefaultRateLimit
	b.ReportMetric(usersOnly, "usersonly_floor_s")
	b.ReportMetric(first.Seconds()/usersOnly, "first_vs_usersonly_floor")
	b.ReportMetric(float64(firstReq.pages())/float64(firstReq.users), "first_requests_vs_usersonly")
	b.ReportMetric(eventToTag.Seconds(), "event_to_tag_s")
	b.ReportMetric(apply.Seconds(), "event_apply_s")
	b.ReportMetric(float64(tagged), "users_tagged")
}

// membershipEventToTag adds a mirrored user to a group it is not in, at the emulator, then
// polls the Events API once (the events since just before the change) and applies the
// batch through ApplyEvents, as the scheduler applies a company's inbox. It fails unless
// the group's name is then one of the user's tags, and returns the time from the change
// to the tag and the time ApplyEvents took.
func (bb *benchBundle) membershipEventToTag(b *testing.B) (time.Duration, time.Duration) {
	b.Helper()
	ctx := context.Background()
	var pick struct {
		UserID, Email, GroupID, Group string
	}
	require.NoError(b, bb.db.NewRaw(`SELECT d.id AS user_id, u.email, g.id AS group_id, g.name AS "group"
FROM directory_users d JOIN users u ON u.company_id = d.company_id AND u.directory_user_id = d.id
CROSS JOIN LATERAL (SELECT g.id, g.name FROM directory_groups g WHERE g.company_id = d.company_id
  AND NOT EXISTS (SELECT 1 FROM directory_group_members m WHERE m.company_id = g.company_id AND m.group_id = g.id AND m.user_id = d.id)
  ORDER BY g.name LIMIT 1) g
WHERE d.company_id = ? ORDER BY d.id LIMIT 1`, bb.company).Scan(ctx, &pick))
	since := time.Now().Add(-time.Second)
	start := time.Now()
	bb.emu.control(b, http.MethodPut, "/groups/"+pick.GroupID+"/users/"+pick.UserID)
	events, _, err := bb.client.ListEvents(ctx, workos.EventsQuery{OrganizationID: bb.emu.org, RangeStart: since})
	require.NoError(b, err)
	require.True(b, slices.ContainsFunc(events, func(e workos.Event) bool { return e.Type == "dsync.group.user_added" }),
		"one poll has no dsync.group.user_added: %d events", len(events))
	applyStart := time.Now()
	run, err := bb.svc.ApplyEvents(ctx, bb.company, engine.EventBatch{Events: events})
	apply := time.Since(applyStart)
	require.NoError(b, err)
	require.Equal(b, db.RunSucceeded, run.Status, "error: %v", run.Error)
	var u db.User
	require.NoError(b, bb.db.NewSelect().Model(&u).Where("company_id = ? AND email = ?", bb.company, pick.Email).Scan(ctx))
	elapsed := time.Since(start)
	if !slices.Contains(u.Tags, pick.Group) {
		b.Fatalf("after the event %s's tags are %q, without the group %q", pick.Email, u.Tags, pick.Group)
	}
	return elapsed, apply
}

// benchRequests are WorkOS requests the emulator answered, by kind.
type benchRequests struct {
	// users, groups and members are pages answered 200 of the directory's users, its
	// groups and one group's members; other is every other request (429s, other routes).
	users, groups, members, other uint64
}

func (r *benchRequests) add(o benchRequests) {
	r.users, r.groups, r.members, r.other = r.users+o.users, r.groups+o.groups, r.members+o.members, r.other+o.other
}

// pages is the number of pages read.
func (r benchRequests) pages() uint64 { return r.users + r.groups + r.members }

// requests reads the emulator's request counters (GET /_emulator/stats).
func (e *benchEmulator) requests(b *testing.B) benchRequests {
	b.Helper()
	var st emulator.Stats
	require.NoError(b, json.Unmarshal(e.control(b, http.MethodGet, "/stats"), &st))
	var r benchRequests
	for _, x := range st.Routes {
		switch {
		case x.Status != http.StatusOK:
			r.other += x.Count
		case x.Route == "GET /directory_users":
			r.users += x.Count
		case x.Route == "GET /directory_groups":
			r.groups += x.Count
		case x.Route == "GET /directory_users?group=":
			r.members += x.Count
		default:
			r.other += x.Count
		}
	}
	return r
}

// resetStats zeroes the emulator's request counters (DELETE /_emulator/stats).
func (e *benchEmulator) resetStats(b *testing.B) {
	b.Helper()
	e.control(b, http.MethodDelete, "/stats")
}

// control calls the emulator's control API (path under /_emulator) and returns the body of
// its 2xx answer.
func (e *benchEmulator) control(b *testing.B, method, path string) []byte {
	b.Helper()
	req, err := http.NewRequest(method, e.url+"/_emulator"+path, nil)
	require.NoError(b, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(b, err)
	defer res.Body.Close()
	var body json.RawMessage
	if res.StatusCode != http.StatusNoContent {
		require.NoError(b, json.NewDecoder(res.Body).Decode(&body))
	}
	require.Less(b, res.StatusCode, 300, "%s %s: %s", method, path, body)
	return body
}
