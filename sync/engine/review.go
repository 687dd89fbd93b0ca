package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/officetogether/dirsync/db"
)

// Approve applies exactly the stored plan of a run held for review (NEEDS_REVIEW) as
// actorUserID and returns the run, SUCCEEDED or FAILED. A *NotReviewableError
// (ErrRunNotReviewable) when the run is not NEEDS_REVIEW (e.g. SUPERSEDED: a newer plan
// replaced it), or another run is in progress; ErrNotFound for an unknown run or another
// company's.
func (s *Service) Approve(ctx context.Context, companyID, runID, actorUserID string) (*db.SyncRun, error) {
	run, err := db.GetSyncRun(ctx, s.db, companyID, runID)
	if err != nil {
		return nil, err
	}
	if err := s.reviewable(ctx, run); err != nil {
		return nil, err
	}
	body, err := db.LoadRunPlan(ctx, s.db, companyID, runID)
	if err != nil {
		return nil, fmt.Errorf("approve run %s: %w", runID, err)
	}
	var p plan
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("approve run %s: decode plan: %w", runID, err)
	}
	if !s.track() {
		return nil, ErrClosed
	}
	defer s.wg.Done()
	run, err = db.ClaimReviewedRun(ctx, s.db, companyID, runID, s.instance, actorUserID, s.now())
	if errors.Is(err, db.ErrConflict) {
		return nil, &NotReviewableError{RunID: runID, Reason: "it was decided or superseded meanwhile, or another run is in progress"}
	}
	if err != nil {
		return nil, err
	}
	s.log.Info("engine: applying reviewed run", "run", runID, "company", companyID, "approved_by", actorUserID)
	r := &runner{s: s, run: run, status: db.RunRunning}
	err = r.applyReviewed(ctx, &p)
	if r.hasConn {
		_ = db.DropSyncStages(context.WithoutCancel(ctx), r.conn)
		_ = r.conn.Close()
	}
	if err != nil {
		r.fail(ctx, err)
	}
	s.observe(run)
	return run, nil
}

func (r *runner) applyReviewed(ctx context.Context, p *plan) error {
	conn, err := r.s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("reserve connection: %w", err)
	}
	r.conn, r.hasConn = conn, true
	if err := db.CreateSyncStages(ctx, r.conn); err != nil {
		return err
	}
	if r.cfg, err = db.GetSyncConfiguration(ctx, r.s.db, r.run.CompanyID); err != nil {
		return err
	}
	return r.commit(ctx, p, false, db.RunSucceeded)
}

// Reject drops the plan of a run held for review: the run becomes REJECTED and nothing
// changes. A *NotReviewableError (ErrRunNotReviewable) when it is not NEEDS_REVIEW.
func (s *Service) Reject(ctx context.Context, companyID, runID, actorUserID string) (*db.SyncRun, error) {
	run, err := db.GetSyncRun(ctx, s.db, companyID, runID)
	if err != nil {
		return nil, err
	}
	if run.Status != db.RunNeedsReview {
		return nil, notReviewable(run)
	}
	run, err = db.SetRunStatus(ctx, s.db, companyID, runID, db.RunNeedsReview, db.RunRejected, s.now())
	if errors.Is(err, db.ErrConflict) {
		return nil, &NotReviewableError{RunID: runID, Reason: "it was decided or superseded meanwhile"}
	}
	if err != nil {
		return nil, err
	}
	s.log.Info("engine: rejected reviewed run", "run", runID, "company", companyID, "rejected_by", actorUserID)
	s.observe(run)
	return run, nil
}

// reviewable checks that run is NEEDS_REVIEW and no newer run is active or replaced its
// plan.
func (s *Service) reviewable(ctx context.Context, run *db.SyncRun) error {
	if run.Status != db.RunNeedsReview {
		return notReviewable(run)
	}
	newer, err := db.NewerRunExists(ctx, s.db, run)
	if err != nil {
		return err
	}
	if newer {
		return &NotReviewableError{RunID: run.ID, Reason: "a newer run is in progress or replaced its plan"}
	}
	return nil
}

// notReviewable says why a run that is not NEEDS_REVIEW cannot be decided.
func notReviewable(run *db.SyncRun) *NotReviewableError {
	reason := "it is " + run.Status + ", not held for review"
	if run.Status == db.RunSuperseded {
		reason = "a newer plan superseded it; review the newest held run instead"
	}
	return &NotReviewableError{RunID: run.ID, Reason: reason}
}
