package engine

import (
	"fmt"

	"github.com/officetogether/dirsync/db"
)

// guardTrips reports whether the plan inactivates more than the configured share of the
// active synced users AND more than the configured count (DESIGN.md §4.3), with a
// sentence saying so.
func guardTrips(cfg *db.SyncConfiguration, p *plan) (bool, string) {
	d := len(p.Deactivate)
	share := cfg.MaxDeactivationPercent / 100 * float64(p.ActiveSynced)
	if float64(d) <= share || d <= cfg.MaxDeactivationCount {
		return false, ""
	}
	return true, fmt.Sprintf("the run would inactivate %d of %d active synced users, more than %g%% and more than %d; an admin must approve or reject it",
		d, p.ActiveSynced, cfg.MaxDeactivationPercent, cfg.MaxDeactivationCount)
}
