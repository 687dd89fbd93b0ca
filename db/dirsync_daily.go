package db

import (
	"fmt"
	"hash/fnv"
)

// The night window a company's default daily time falls in, in its own time zone.
const (
	// DefaultNightStart is the window's first minute of the day (01:00).
	DefaultNightStart = 60
	// DefaultNightMinutes is the window's length (4 hours: 01:00 to 04:59).
	DefaultNightMinutes = 240
)

// DefaultDailyAtOf is the daily time ("HH:MM") of a company that never chose one: a minute
// of the night window picked by a hash of the company id, so that it is stable and
// thousands of companies do not all start at once.
func DefaultDailyAtOf(companyID string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(companyID))
	m := DefaultNightStart + int(h.Sum64()%DefaultNightMinutes)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// EffectiveDailyAt is the configuration's daily time: the chosen one, or the company's
// default when none was chosen (DailyAt empty).
func (c *SyncConfiguration) EffectiveDailyAt() string {
	return effectiveDailyAt(c.CompanyID, c.DailyAt)
}

// EffectiveDailyAt is the candidate's daily time, chosen or default.
func (c *ScheduleCandidate) EffectiveDailyAt() string {
	return effectiveDailyAt(c.CompanyID, c.DailyAt)
}

func effectiveDailyAt(companyID, dailyAt string) string {
	if dailyAt == "" {
		return DefaultDailyAtOf(companyID)
	}
	return dailyAt
}
