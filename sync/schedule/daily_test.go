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
)

// TestThirtyDaysThreeReplicas: three replicas on one database and a fake clock make
// exactly one daily run per company per day for 30 days, at its daily time in its time
// zone across the US DST change, each run a real sync against the emulator.
func TestThirtyDaysThreeReplicas(t *testing.T) {
	t.Parallel()
	b := setup(t)
	utc := b.company(t, "03:00", "UTC", 4)
	ny := b.company(t, "02:30", "America/New_York", 3)
	// Each simulated 2 hours every replica runs its daily tick at the same moment, as their
	// gocron jobs would (TestSchedulerTicks covers the gocron wiring); the clock moves on only
	// when all three ticks have returned, so the machine's speed cannot change the outcome.
	replicas := []*replica{b.replica(t, replicaOpts{}), b.replica(t, replicaOpts{}), b.replica(t, replicaOpts{})}
	for range 30 * 12 {
		b.clock.Advance(2 * time.Hour)
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() { r.sched.RunDue(context.Background()) })
		}
		wg.Wait()
	}
	ny1, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	for _, tc := range []struct {
		c      company
		first  time.Time
		loc    *time.Location
		wantAt string
		users  int
	}{
		{utc, time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC), time.UTC, "03:00", 4},
		{ny, time.Date(2026, 3, 1, 2, 30, 0, 0, ny1), ny1, "02:30", 3},
	} {
		runs := b.runs(t, tc.c.id, db.TriggerSchedule)
		require.Len(t, runs, 30, "one run a day")
		for i, r := range runs {
			require.Equal(t, db.RunSucceeded, r.Status, "run %d: %s", i, deref(r.Error))
			want := tc.first.AddDate(0, 0, i)
			require.True(t, want.Equal(*r.ScheduledFor), "run %d slot %s, want %s", i, r.ScheduledFor, want)
			if i != 7 || tc.loc == time.UTC { // 2026-03-08 02:30 does not exist in New York
				require.Equal(t, tc.wantAt, r.ScheduledFor.In(tc.loc).Format("15:04"))
			}
		}
		require.Equal(t, tc.users, runs[0].Created, "the first run creates the users")
		require.Equal(t, tc.users, runs[29].Unchanged, "later runs change nothing")
	}
}

// TestSchedulerTicks checks the gocron wiring: a started scheduler runs the daily
// job on its tick and the due company gets its run.
func TestSchedulerTicks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.company(t, "03:00", "UTC", 2)
	b.replica(t, replicaOpts{tick: 2 * time.Hour}).sched.Start()
	for range 2 { // 02:00, 04:00: the 03:00 slot is due at the second tick
		b.step(t, 2*time.Hour, 1, 1)
	}
	runs := b.runs(t, c.id, db.TriggerSchedule)
	require.Len(t, runs, 1)
	require.Equal(t, db.RunSucceeded, runs[0].Status, deref(runs[0].Error))
}

// TestLongDailyTickGoesAgain: a daily tick whose pass takes a tick or longer (here the
// first company's sync moves the clock on two minutes) looks again at once, so a company
// whose slot fell due meanwhile is run in the same tick instead of waiting a tick idle.
func TestLongDailyTickGoesAgain(t *testing.T) {
	t.Parallel()
	b := setup(t)
	first := b.company(t, "03:00", "UTC", 3)
	second := b.company(t, "03:02", "UTC", 3)
	var slow sync.Once
	client := b.clientVia(t, func(w http.ResponseWriter, r *http.Request, emu http.Handler) {
		if strings.HasSuffix(r.URL.Path, "/directory_users") {
			slow.Do(func() { b.clock.Advance(2 * time.Minute) })
		}
		emu.ServeHTTP(w, r)
	})
	r := b.replica(t, replicaOpts{dir: client, tick: time.Minute})
	b.clock.Advance(3*time.Hour + 30*time.Second)
	r.sched.RunDue(context.Background())
	for _, c := range []company{first, second} {
		runs := b.runs(t, c.id, db.TriggerSchedule)
		require.Len(t, runs, 1, "company %s", c.id)
		require.Equal(t, db.RunSucceeded, runs[0].Status, deref(runs[0].Error))
	}
}
