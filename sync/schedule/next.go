// Package schedule decides when each company's daily sync is due.
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
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.Time{}, fmt.Errorf("time zone %q: %w", tz, err)
	}
	var hh, mm int
	if _, err := fmt.Sscanf(dailyAt, "%02d:%02d", &hh, &mm); err != nil || hh > 23 || mm > 59 || len(dailyAt) != 5 {
		return time.Time{}, fmt.Errorf("daily time %q: want HH:MM", dailyAt)
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
