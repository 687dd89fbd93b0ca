// Package schedule runs directory sync automatically in every replica: a gocron/v2
// scheduler makes each company's daily full sync at its dailyAt in its timeZone exactly
// once across replicas (the slot is claimed by a unique sync_runs row), takes over runs a
// dead replica left behind, and polls the WorkOS Events API for near-real-time EVENTS runs.
package schedule

import (
	"fmt"
	"time"
)

// NextRun returns the first daily run at dailyAt ("HH:MM") in the IANA zone tz
// strictly after `after`. Across a DST change the wall time is kept where it
// exists; a time skipped by the clock change runs at the shifted instant Go
// normalises it to, so there is always exactly one run per calendar day.
func NextRun(dailyAt, tz string, after time.Time) (time.Time, error) {
	loc, hh, mm, err := parseDaily(dailyAt, tz)
	if err != nil {
		return time.Time{}, err
	}
	local := after.In(loc)
	y, m, d := local.Date()
	for i := range 3 {
		at := time.Date(y, m, d+i, hh, mm, 0, 0, loc)
		if at.After(after) {
			return at, nil
		}
	}
	return time.Time{}, fmt.Errorf("no run time after %s", after) // unreachable: a day later is always after
}

// PrevRun returns the latest daily run at dailyAt in tz at or before `at`: the schedule
// slot that is due at `at`. It uses the same daily instants as NextRun, so
// PrevRun(NextRun(x)) == NextRun(x).
func PrevRun(dailyAt, tz string, at time.Time) (time.Time, error) {
	loc, hh, mm, err := parseDaily(dailyAt, tz)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := at.In(loc).Date()
	for i := 1; i >= -2; i-- {
		slot := time.Date(y, m, d+i, hh, mm, 0, 0, loc)
		if !slot.After(at) {
			return slot, nil
		}
	}
	return time.Time{}, fmt.Errorf("no run time before %s", at) // unreachable: a day earlier is always before
}

// parseDaily validates a daily time "HH:MM" and an IANA zone.
func parseDaily(dailyAt, tz string) (*time.Location, int, int, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("time zone %q: %w", tz, err)
	}
	var hh, mm int
	if _, err := fmt.Sscanf(dailyAt, "%02d:%02d", &hh, &mm); err != nil || hh > 23 || mm > 59 || len(dailyAt) != 5 {
		return nil, 0, 0, fmt.Errorf("daily time %q: want HH:MM", dailyAt)
	}
	return loc, hh, mm, nil
}
