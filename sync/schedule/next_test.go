package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNextRun(t *testing.T) {
	t.Parallel()
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tests := []struct {
		name, dailyAt, tz string
		after, want       time.Time
	}{
		{"later today", "03:00", "UTC", time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)},
		{"tomorrow", "03:00", "UTC", time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)},
		{"zone ahead of UTC", "02:30", "Europe/Berlin", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 2, 30, 0, 0, berlin)},
		{"spring forward keeps one run", "02:30", "America/New_York", time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC)},
		{"fall back runs once", "01:30", "America/New_York", time.Date(2026, 11, 1, 5, 31, 0, 0, time.UTC), time.Date(2026, 11, 2, 1, 30, 0, 0, ny)},
		{"wall time across DST", "09:00", "Europe/Berlin", time.Date(2026, 3, 28, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 9, 0, 0, 0, berlin)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := NextRun(tc.dailyAt, tc.tz, tc.after)
			require.NoError(t, err)
			require.True(t, tc.want.Equal(got), "want %s, got %s", tc.want, got)
		})
	}
	for _, bad := range [][2]string{{"3:00", "UTC"}, {"24:00", "UTC"}, {"03:60", "UTC"}, {"03:00", "Mars/Olympus"}} {
		_, err := NextRun(bad[0], bad[1], time.Now())
		require.Error(t, err, bad)
	}
}
