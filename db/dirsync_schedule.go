package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// ScheduleCandidate is a company whose directory is connected, with what the scheduler
// needs to decide whether its daily run is due.
type ScheduleCandidate struct {
	CompanyID      string     `bun:"company_id"`
	OrganizationID string     `bun:"organization_id"`
	Enabled        bool       `bun:"enabled"`
	DailyAt        string     `bun:"daily_at"`
	TimeZone       string     `bun:"time_zone"`
	ConfigSavedAt  *time.Time `bun:"config_saved_at"`
	ConnectedAt    *time.Time `bun:"connected_at"`
	Quarantined    bool       `bun:"quarantined"`
	// LastScheduledFor is the latest slot a SCHEDULE run claimed; nil before the first.
	LastScheduledFor *time.Time `bun:"last_scheduled_for"`
	// LastScheduledRun is the run that claimed LastScheduledFor (id, status, lease_until,
	// error only); nil before the first.
	LastScheduledRun *SyncRun   `bun:"-"`
	RunID            *string    `bun:"run_id"`
	RunStatus        *string    `bun:"run_status"`
	RunLeaseUntil    *time.Time `bun:"run_lease_until"`
	RunError         *string    `bun:"run_error"`
}

// ListScheduleCandidates returns every company with a connected directory, with its sync
// configuration (the defaults when never saved), in one statement.
func ListScheduleCandidates(ctx context.Context, idb bun.IDB) ([]ScheduleCandidate, error) {
	var out []ScheduleCandidate
	err := idb.NewRaw(`
SELECT c.company_id, c.organization_id, coalesce(s.enabled, true) AS enabled,
    coalesce(s.daily_at, ?) AS daily_at, coalesce(s.time_zone, ?) AS time_zone,
    s.updated_at AS config_saved_at, c.connected_at, c.quarantined,
    r.scheduled_for AS last_scheduled_for, r.id AS run_id, r.status AS run_status,
    r.lease_until AS run_lease_until, r.error AS run_error
FROM directory_connections c
LEFT JOIN sync_configurations s ON s.company_id = c.company_id
LEFT JOIN LATERAL (
    SELECT id, status, lease_until, error, scheduled_for FROM sync_runs
    WHERE company_id = c.company_id AND trigger = ? AND scheduled_for IS NOT NULL
    ORDER BY scheduled_for DESC LIMIT 1) r ON true
WHERE c.directory_id IS NOT NULL AND c.disconnected_at IS NULL
ORDER BY c.company_id`, DefaultDailyAt, DefaultTimeZone, TriggerSchedule).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list schedule candidates: %w", mapError(err))
	}
	for i := range out {
		c := &out[i]
		if c.RunID != nil {
			c.LastScheduledRun = &SyncRun{ID: *c.RunID, CompanyID: c.CompanyID, Trigger: TriggerSchedule,
				Status: *c.RunStatus, LeaseUntil: c.RunLeaseUntil, Error: c.RunError, ScheduledFor: c.LastScheduledFor}
		}
	}
	return out, nil
}

// ScheduledRun returns the company's run that claimed the schedule slot at, or ErrNotFound.
func ScheduledRun(ctx context.Context, idb bun.IDB, companyID string, at time.Time) (*SyncRun, error) {
	r := new(SyncRun)
	err := idb.NewSelect().Model(r).Where("company_id = ? AND trigger = ? AND scheduled_for = ?", companyID, TriggerSchedule, at).
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("scheduled run at %s: %w", at.Format(time.RFC3339), mapError(err))
	}
	return r, nil
}

// ReclaimRun takes over a run another process left behind so that claimedBy can run it
// again: an active run whose holder is gone (see FailAbandonedRuns for timeout), or a FAILED run whose error is one of retryable (abandoned,
// interrupted by a shutdown). The run goes back to QUEUED with its counts reset.
// ErrNotFound when it is not reclaimable (another replica was faster, or it is healthy);
// ErrConflict when the company has another active run.
func ReclaimRun(ctx context.Context, idb bun.IDB, runID, claimedBy string, retryable []string, now time.Time, timeout time.Duration, leaseUntil time.Time) (*SyncRun, error) {
	r := new(SyncRun)
	cond, args := abandoned(now, timeout)
	res, err := idb.NewUpdate().Model(r).Where("id = ?", runID).
		Where("(status IN (?, ?) AND "+cond+") OR (status = ? AND error IN (?))",
			append(append([]any{RunQueued, RunRunning}, args...), RunFailed, bun.In(retryable))...).
		Set("status = ?, started_at = NULL, finished_at = NULL, error = NULL, progress = 0, fetched = 0", RunQueued).
		Set("created = 0, updated = 0, deactivated = 0, reactivated = 0, unchanged = 0, skipped = 0").
		Set("issues = '[]', changes = '[]', plan = NULL, claimed_by = ?, lease_until = ?", claimedBy, leaseUntil).
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("reclaim sync run %s: %w", runID, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("reclaim sync run %s: %w", runID, ErrNotFound)
	}
	return r, nil
}

// MirrorUpdatedAt returns workos_updated_at of the company's mirrored directory users with
// the given ids (ids without a row or without a time are left out).
func MirrorUpdatedAt(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID string    `bun:"id"`
		At time.Time `bun:"workos_updated_at"`
	}
	err := idb.NewSelect().Model((*DirectoryUser)(nil)).Column("id", "workos_updated_at").
		Where("company_id = ? AND id IN (?) AND workos_updated_at IS NOT NULL", companyID, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load mirror update times: %w", mapError(err))
	}
	for _, r := range rows {
		out[r.ID] = r.At
	}
	return out, nil
}

// ConnectionByWorkOS returns the connected directory connection of the WorkOS
// organization, or else of the directory; ErrNotFound when neither is connected.
func ConnectionByWorkOS(ctx context.Context, idb bun.IDB, organizationID, directoryID string) (*DirectoryConnection, error) {
	c := new(DirectoryConnection)
	err := idb.NewSelect().Model(c).
		Where("(organization_id = ? AND ? <> '') OR (directory_id = ? AND ? <> '')", organizationID, organizationID, directoryID, directoryID).
		Where("directory_id IS NOT NULL AND disconnected_at IS NULL").Limit(1).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("connection of organization %q directory %q: %w", organizationID, directoryID, mapError(err))
	}
	return c, nil
}
