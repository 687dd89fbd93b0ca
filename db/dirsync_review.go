package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// SupersedeHeldRuns marks the company's runs held for review (NEEDS_REVIEW) that were
// queued before run as SUPERSEDED: run's plan (held or applied) replaces theirs. It returns
// how many it marked.
func SupersedeHeldRuns(ctx context.Context, idb bun.IDB, run *SyncRun) (int, error) {
	res, err := idb.NewUpdate().Model((*SyncRun)(nil)).
		Where("company_id = ? AND status = ? AND id <> ?", run.CompanyID, RunNeedsReview, run.ID).
		Where("(queued_at, id) < (?, ?::uuid)", run.QueuedAt, run.ID).
		Set("status = ?", RunSuperseded).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("supersede held sync runs: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// UnreviewedDeactivations is how many users the company's runs inactivated without review
// (applied, not dry, not approved) that finished at or after since and after the company's
// last approved run: what the guard counts together with a run's own inactivations.
func UnreviewedDeactivations(ctx context.Context, idb bun.IDB, companyID string, since time.Time) (int, error) {
	var n int
	err := idb.NewRaw(`SELECT coalesce(sum(r.deactivated), 0)::int FROM sync_runs r
		WHERE r.company_id = ? AND r.status = ? AND NOT r.dry_run AND r.deactivated > 0 AND r.finished_at >= ?
		  AND r.approved_at IS NULL
		  AND r.finished_at > coalesce((SELECT max(a.approved_at) FROM sync_runs a WHERE a.company_id = ? AND a.approved_at IS NOT NULL), '-infinity')`,
		companyID, RunSucceeded, since, companyID).Scan(ctx, &n)
	if err != nil {
		return 0, fmt.Errorf("count unreviewed inactivations: %w", mapError(err))
	}
	return n, nil
}
