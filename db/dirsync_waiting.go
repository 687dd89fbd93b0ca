package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// InsertWaitingRun inserts run as WAITING unless the company already has a waiting run;
// then that run is returned with created false. The unique partial index
// sync_runs_one_waiting_key makes this race-free across replicas. A waiting run has no
// holder until PromoteWaitingRun queues it.
func InsertWaitingRun(ctx context.Context, idb bun.IDB, run *SyncRun) (*SyncRun, bool, error) {
	run.Status, run.ClaimedBy, run.LeaseUntil = RunWaiting, nil, nil
	if run.Issues == nil {
		run.Issues = []SyncIssue{}
	}
	if run.Changes == nil {
		run.Changes = []SyncChange{}
	}
	for attempt := 0; attempt < 5; attempt++ {
		res, err := idb.NewInsert().Model(run).
			On("CONFLICT (company_id) WHERE status = 'WAITING' DO NOTHING").
			Returning("*").Exec(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("insert waiting sync run: %w", mapError(err))
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return run, true, nil
		}
		waiting := new(SyncRun)
		err = idb.NewSelect().Model(waiting).Where("company_id = ? AND status = ?", run.CompanyID, RunWaiting).Limit(1).Scan(ctx)
		if err == nil {
			return waiting, false, nil
		}
		if err = mapError(err); !errors.Is(err, ErrNotFound) {
			return nil, false, fmt.Errorf("find waiting sync run: %w", err)
		}
		// The waiting run was promoted between the insert and the select: try again.
	}
	return nil, false, fmt.Errorf("insert waiting sync run: %w: runs keep starting", ErrConflict)
}

// PromoteWaitingRun moves the company's WAITING run to QUEUED for claimedBy with a lease,
// when the company has no active run. ErrNotFound when nothing waits or the company is
// busy (another replica may have promoted it first).
func PromoteWaitingRun(ctx context.Context, idb bun.IDB, companyID, claimedBy string, leaseUntil time.Time) (*SyncRun, error) {
	r := new(SyncRun)
	var res sql.Result
	err := withDeadlockRetry(func() (err error) {
		res, err = idb.NewUpdate().Model(r).Where("company_id = ? AND status = ?", companyID, RunWaiting).
			Where("NOT EXISTS (SELECT 1 FROM sync_runs a WHERE a.company_id = ? AND a.status IN (?, ?))", companyID, RunQueued, RunRunning).
			Set("status = ?, claimed_by = ?, lease_until = ?", RunQueued, claimedBy, leaseUntil).
			Returning("*").Exec(ctx)
		return err
	})
	if err = mapError(err); errors.Is(err, ErrConflict) {
		return nil, fmt.Errorf("promote waiting sync run: %w: another run became active", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("promote waiting sync run: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("promote waiting sync run: %w", ErrNotFound)
	}
	return r, nil
}

// CompaniesWithWaitingRuns lists the companies whose waiting run could start now: they
// have a WAITING run and no active one.
func CompaniesWithWaitingRuns(ctx context.Context, idb bun.IDB) ([]string, error) {
	var ids []string
	err := idb.NewSelect().Model((*SyncRun)(nil)).Column("company_id").Where("status = ?", RunWaiting).
		Where("NOT EXISTS (SELECT 1 FROM sync_runs a WHERE a.company_id = sync_run.company_id AND a.status IN (?, ?))", RunQueued, RunRunning).
		Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("list companies with waiting sync runs: %w", mapError(err))
	}
	return ids, nil
}
