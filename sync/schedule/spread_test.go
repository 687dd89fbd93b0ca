package schedule_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
)

// inFlight counts the requests in progress below a path and remembers the most at once.
type inFlight struct {
	mu        sync.Mutex
	now, peak int
}

func (f *inFlight) wrap(prefix string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, prefix) {
			next.ServeHTTP(w, r)
			return
		}
		f.mu.Lock()
		f.now++
		f.peak = max(f.peak, f.now)
		f.mu.Unlock()
		defer func() { f.mu.Lock(); f.now--; f.mu.Unlock() }()
		next.ServeHTTP(w, r)
	})
}

func (f *inFlight) max() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.peak
}

// TestDefaultDailyTimesSpreadOverTheNight: companies that never chose a daily time run
// once a day at their own stable minute between 01:00 and 05:00 in their time zone; a
// company that chose 03:00 runs at 03:00.
func TestDefaultDailyTimesSpreadOverTheNight(t *testing.T) {
	t.Parallel()
	b := setup(t)
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney"}
	var defaults []company
	for _, tz := range zones {
		defaults = append(defaults, b.company(t, "", tz, 1))
	}
	chose := b.company(t, "03:00", "UTC", 1)
	replicas := []*replica{b.replica(t, replicaOpts{}), b.replica(t, replicaOpts{})}
	for range 2 * 24 * 4 { // two days in 15-minute ticks
		b.clock.Advance(15 * time.Minute)
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() { r.sched.RunDue(context.Background()) })
		}
		wg.Wait()
	}
	times := map[string]bool{}
	for i, c := range defaults {
		loc, err := time.LoadLocation(zones[i])
		require.NoError(t, err)
		want := db.DefaultDailyAtOf(c.id)
		require.GreaterOrEqual(t, want, "01:00")
		require.Less(t, want, "05:00")
		times[want] = true
		runs := b.runs(t, c.id, db.TriggerSchedule)
		require.Len(t, runs, 2, "one run a day for %s", zones[i])
		for _, r := range runs {
			require.Equal(t, db.RunSucceeded, r.Status, deref(r.Error))
			require.Equal(t, want, r.ScheduledFor.In(loc).Format("15:04"), "company %d runs at its default", i)
		}
	}
	require.Greater(t, len(times), 3, "the defaults differ between companies")
	runs := b.runs(t, chose.id, db.TriggerSchedule)
	require.Len(t, runs, 2)
	require.Equal(t, "03:00", runs[0].ScheduledFor.UTC().Format("15:04"))
}

// TestDailyRunsInParallelUpToTheConcurrency: six companies due at the same minute are
// synced by one replica at most three at a time (Config.Concurrency), and all finish.
func TestDailyRunsInParallelUpToTheConcurrency(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var cs []company
	for range 6 {
		c := b.company(t, "03:00", "UTC", 50)
		// Each request takes a second, so the runs of one wave overlap whatever the machine's load.
		require.NoError(t, b.emu.SetFaults(c.dir, emulator.Faults{Latency: emulator.Duration(time.Second)}))
		cs = append(cs, c)
	}
	r := b.replica(t, replicaOpts{concurrency: 3})
	b.clock.Advance(3*time.Hour + time.Minute)
	r.sched.RunDue(context.Background())
	for _, c := range cs {
		runs := b.runs(t, c.id, db.TriggerSchedule)
		require.Len(t, runs, 1)
		require.Equal(t, db.RunSucceeded, runs[0].Status, deref(runs[0].Error))
	}
	require.Equal(t, 3, b.busy.max(), "three syncs at a time")
}
