package db

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// InsertQueuedRun inserts run as QUEUED unless the company already has an active (QUEUED
// or RUNNING) run; then that run is returned with created false. The unique partial index
// sync_runs_one_active_key makes this race-free across goroutines and replicas.
func InsertQueuedRun(ctx context.Context, idb bun.IDB, run *SyncRun) (*SyncRun, bool, error) {
	run.Status = RunQueued
	if run.Issues == nil {
		run.Issues = []SyncIssue{}
	}
	if run.Changes == nil {
		run.Changes = []SyncChange{}
	}
	for attempt := 0; attempt < 5; attempt++ {
		var res sql.Result
		err := withDeadlockRetry(func() (err error) {
			res, err = idb.NewInsert().Model(run).
				On("CONFLICT (company_id) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING").
				Returning("*").Exec(ctx)
			return err
		})
		if err != nil {
			return nil, false, fmt.Errorf("queue sync run: %w", mapError(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return run, true, nil
		}
		active, err := ActiveSyncRun(ctx, idb, run.CompanyID)
		if err == nil {
			return active, false, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, false, err
		}
		// The active run finished between the insert and the select: try again.
	}
	return nil, false, fmt.Errorf("queue sync run: %w: another run keeps starting", ErrConflict)
}

// ActiveSyncRun returns the company's QUEUED or RUNNING run, or ErrNotFound.
func ActiveSyncRun(ctx context.Context, idb bun.IDB, companyID string) (*SyncRun, error) {
	r := new(SyncRun)
	err := idb.NewSelect().Model(r).Where("company_id = ? AND status IN (?, ?)", companyID, RunQueued, RunRunning).
		Limit(1).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("active sync run: %w", mapError(err))
	}
	return r, nil
}

// GetSyncRun loads a run of the company; another company's run is ErrNotFound.
func GetSyncRun(ctx context.Context, idb bun.IDB, companyID, id string) (*SyncRun, error) {
	r := new(SyncRun)
	if err := idb.NewSelect().Model(r).Where("company_id = ? AND id = ?", companyID, id).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get sync run %s: %w", id, mapError(err))
	}
	return r, nil
}

// LastSyncRun returns the company's most recently queued sync, or ErrNotFound: dry runs
// and a run still waiting behind another are not syncs that ran.
func LastSyncRun(ctx context.Context, idb bun.IDB, companyID string) (*SyncRun, error) {
	r := new(SyncRun)
	err := idb.NewSelect().Model(r).Where("company_id = ? AND NOT dry_run AND status <> ?", companyID, RunWaiting).
		OrderExpr("queued_at DESC, id DESC").Limit(1).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("last sync run: %w", mapError(err))
	}
	return r, nil
}

// SyncRunPage is one page of runs, newest first.
type SyncRunPage struct {
	Runs        []SyncRun
	EndCursor   string
	HasNextPage bool
}

type runCursor struct {
	QueuedAt time.Time `json:"q"`
	ID       string    `json:"i"`
}

// ListSyncRuns returns the company's runs newest first; first is clamped to 1..100 and
// after is a previous page's EndCursor (ErrInvalidCursor when malformed).
func ListSyncRuns(ctx context.Context, idb bun.IDB, companyID string, first int, after string) (*SyncRunPage, error) {
	return listSyncRuns(ctx, idb, companyID, first, after, false)
}

// ListSyncRunSummaries is ListSyncRuns without each run's issues and changes (a run keeps up
// to 1000 of each): IssueCount and ChangeCount say how many there are, for a history list.
func ListSyncRunSummaries(ctx context.Context, idb bun.IDB, companyID string, first int, after string) (*SyncRunPage, error) {
	return listSyncRuns(ctx, idb, companyID, first, after, true)
}

func listSyncRuns(ctx context.Context, idb bun.IDB, companyID string, first int, after string, brief bool) (*SyncRunPage, error) {
	first = min(max(first, 1), 100)
	var runs []SyncRun
	q := idb.NewSelect().Model(&runs).Where("company_id = ?", companyID).
		OrderExpr("queued_at DESC, id DESC").Limit(int64(first + 1))
	if brief {
		q = q.ExcludeColumn("issues", "changes").
			ColumnExpr("jsonb_array_length(sync_run.issues) AS issue_count, jsonb_array_length(sync_run.changes) AS change_count")
	}
	if after != "" {
		var c runCursor
		b, err := base64.RawURLEncoding.DecodeString(after)
		if err != nil || json.Unmarshal(b, &c) != nil {
			return nil, fmt.Errorf("list sync runs: %w", ErrInvalidCursor)
		}
		q = q.Where("(queued_at, id) < (?, ?::uuid)", c.QueuedAt, c.ID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list sync runs: %w", mapError(err))
	}
	page := &SyncRunPage{}
	if len(runs) > first {
		runs, page.HasNextPage = runs[:first], true
	}
	page.Runs = runs
	if n := len(runs); n > 0 {
		page.EndCursor = runs[n-1].Cursor()
	}
	return page, nil
}

// Cursor is the opaque position of the run in ListSyncRuns' order.
func (r *SyncRun) Cursor() string {
	b, _ := json.Marshal(runCursor{QueuedAt: r.QueuedAt, ID: r.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// ClaimQueuedRun moves a QUEUED run to RUNNING for claimedBy with a lease; ErrNotFound
// when the run is no longer QUEUED.
func ClaimQueuedRun(ctx context.Context, idb bun.IDB, run *SyncRun, claimedBy string, now, leaseUntil time.Time) error {
	var res sql.Result
	err := withDeadlockRetry(func() (err error) {
		res, err = idb.NewUpdate().Model(run).WherePK().Where("status = ?", RunQueued).
			Set("status = ?, started_at = ?, claimed_by = ?, lease_until = ?", RunRunning, now, claimedBy, leaseUntil).
			Returning("*").Exec(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("claim sync run %s: %w", run.ID, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("claim sync run %s: %w", run.ID, ErrNotFound)
	}
	return nil
}

// UpdateRunProgress stores a running run's progress and fetched count and extends its lease.
func UpdateRunProgress(ctx context.Context, idb bun.IDB, runID string, progress float64, fetched int, leaseUntil time.Time) error {
	_, err := idb.NewUpdate().Model((*SyncRun)(nil)).Where("id = ? AND status = ?", runID, RunRunning).
		Set("progress = ?, fetched = ?, lease_until = ?", min(max(progress, 0), 1), fetched, leaseUntil).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update sync run progress: %w", mapError(err))
	}
	return nil
}

// runResultColumns are the columns FinishRun writes.
var runResultColumns = []string{
	"status", "finished_at", "fetched", "created", "updated", "deactivated", "reactivated",
	"unchanged", "skipped", "progress", "issues", "changes", "error", "lease_until",
}

// FinishRun writes the outcome of run (status, finished_at, counts, issues, changes, error)
// and clears its lease. The run must still be in fromStatus and claimed by run.ClaimedBy
// (a process whose run another replica took over cannot finish it), else ErrConflict.
func FinishRun(ctx context.Context, idb bun.IDB, run *SyncRun, fromStatus string) error {
	if run.Issues == nil {
		run.Issues = []SyncIssue{}
	}
	if run.Changes == nil {
		run.Changes = []SyncChange{}
	}
	run.LeaseUntil = nil
	res, err := idb.NewUpdate().Model(run).Column(runResultColumns...).WherePK().
		Where("status = ? AND claimed_by IS NOT DISTINCT FROM ?", fromStatus, run.ClaimedBy).Exec(ctx)
	if err != nil {
		return fmt.Errorf("finish sync run %s: %w", run.ID, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("finish sync run %s: %w: it is no longer %s", run.ID, ErrConflict, fromStatus)
	}
	return nil
}

// SetRunStatus moves a run from one status to another (e.g. NEEDS_REVIEW to RUNNING for an
// approval); ErrConflict when it is not in from or the move breaks the one-active-run rule.
func SetRunStatus(ctx context.Context, idb bun.IDB, companyID, runID, from, to string, now time.Time) (*SyncRun, error) {
	r := new(SyncRun)
	q := idb.NewUpdate().Model(r).Where("company_id = ? AND id = ? AND status = ?", companyID, runID, from).
		Set("status = ?", to)
	if to == RunRunning {
		q = q.Set("started_at = ?", now)
	} else if to != RunQueued {
		q = q.Set("finished_at = ?, lease_until = NULL", now)
	}
	res, err := q.Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("set sync run %s %s: %w", runID, to, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("set sync run %s %s: %w: it is not %s", runID, to, ErrConflict, from)
	}
	return r, nil
}

// ClaimReviewedRun moves a run held for review (NEEDS_REVIEW) to RUNNING for claimedBy, the
// process applying the approval, so that a replica taking over dead processes' runs judges
// it by the approver's heartbeat, and records its approval by approver ("" for none) at now
// (SyncRun.ApprovedBy, ApprovedAt); ErrConflict when it is not NEEDS_REVIEW or another run
// of the company is active.
func ClaimReviewedRun(ctx context.Context, idb bun.IDB, companyID, runID, claimedBy, approver string, now time.Time) (*SyncRun, error) {
	r := new(SyncRun)
	var by *string
	if approver != "" {
		by = &approver
	}
	res, err := idb.NewUpdate().Model(r).Where("company_id = ? AND id = ? AND status = ?", companyID, runID, RunNeedsReview).
		Set("status = ?, started_at = ?, claimed_by = ?, lease_until = NULL", RunRunning, now, claimedBy).
		Set("approved_by = ?, approved_at = ?", by, now).
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim reviewed sync run %s: %w", runID, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("claim reviewed sync run %s: %w: it is not %s", runID, ErrConflict, RunNeedsReview)
	}
	return r, nil
}

// SaveRunPlan stores the full plan of a run held for review.
func SaveRunPlan(ctx context.Context, idb bun.IDB, runID string, plan json.RawMessage) error {
	_, err := idb.NewUpdate().Model((*SyncRun)(nil)).Where("id = ?", runID).Set("plan = ?", string(plan)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("save sync run plan: %w", mapError(err))
	}
	return nil
}

// LoadRunPlan returns the stored plan of a run of the company; ErrNotFound without one.
func LoadRunPlan(ctx context.Context, idb bun.IDB, companyID, runID string) (json.RawMessage, error) {
	var plan []byte
	err := idb.NewSelect().Model((*SyncRun)(nil)).Column("plan").
		Where("company_id = ? AND id = ? AND plan IS NOT NULL", companyID, runID).Scan(ctx, &plan)
	if err != nil {
		return nil, fmt.Errorf("load sync run plan: %w", mapError(err))
	}
	return plan, nil
}

// NewerRunExists reports whether a non-dry run of the company queued after the given one
// is active, succeeded or held for review: it supersedes the older run's plan.
func NewerRunExists(ctx context.Context, idb bun.IDB, run *SyncRun) (bool, error) {
	return idb.NewSelect().Model((*SyncRun)(nil)).
		Where("company_id = ? AND id <> ? AND NOT dry_run", run.CompanyID, run.ID).
		Where("(queued_at, id) > (?, ?::uuid)", run.QueuedAt, run.ID).
		Where("status IN (?)", bun.In([]string{RunQueued, RunRunning, RunSucceeded, RunNeedsReview})).
		Exists(ctx)
}

// AbandonedRunError is the error FailAbandonedRuns stores on a run whose lease passed or
// whose holder stopped beating.
const AbandonedRunError = "the run was abandoned: the process running it stopped"

// FailAbandonedRuns marks FAILED the active runs whose holder is gone: its process
// (claimed_by) stopped or sent no heartbeat within timeout, or, for a holder without a
// process row, the lease passed before now. So a crashed process blocks no company.
// companyID "" means every company. It returns the runs it failed (id, company, trigger,
// scheduled_for, claimed_by).
func FailAbandonedRuns(ctx context.Context, idb bun.IDB, companyID string, now time.Time, timeout time.Duration) ([]SyncRun, error) {
	var failed []SyncRun
	cond, args := abandoned(now, timeout)
	q := idb.NewUpdate().Model((*SyncRun)(nil)).
		Where("status IN (?, ?)", RunQueued, RunRunning).
		Where(cond, args...).
		Set("status = ?, finished_at = ?, lease_until = NULL", RunFailed, now).
		Set("error = ?", AbandonedRunError).
		Returning("id, company_id, trigger, scheduled_for, claimed_by, status")
	if companyID != "" {
		q = q.Where("company_id = ?", companyID)
	}
	if _, err := q.Exec(ctx, &failed); err != nil {
		return nil, fmt.Errorf("fail abandoned sync runs: %w", mapError(err))
	}
	return failed, nil
}
