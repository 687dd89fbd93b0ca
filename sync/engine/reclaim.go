package engine

import (
	"context"
	"time"

	"github.com/officetogether/dirsync/db"
)

// Reclaim takes over a run another process left behind and runs it again synchronously
// under this Service: a QUEUED or RUNNING run whose holder is gone (its process stopped
// beating for HolderTimeout, or, without a heartbeat row, its lease passed), or a
// FAILED run that was abandoned or interrupted by a shutdown. The run keeps its id, trigger
// and schedule slot, so a scheduled slot still has exactly one run. The process that left
// it can no longer finish it (db.FinishRun checks the claim). It returns the finished run;
// db.ErrNotFound when the run is not reclaimable (healthy, or another replica was faster),
// db.ErrConflict when the company has another active run.
func (s *Service) Reclaim(ctx context.Context, runID string) (*db.SyncRun, error) {
	if !s.track() {
		return nil, ErrClosed
	}
	defer s.wg.Done()
	now := s.now()
	run, err := db.ReclaimRun(ctx, s.db, runID, s.instance, []string{db.AbandonedRunError, shutdownMessage}, now, s.holderTimeout, now.Add(s.lease))
	if err != nil {
		return nil, err
	}
	s.log.Info("engine: took over an abandoned run", "run", run.ID, "company", run.CompanyID, "trigger", run.Trigger)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.base, cancel)
	defer stop()
	s.execute(runCtx, run)
	return run, nil
}

// Reclaimable reports whether Reclaim may take over run at now: an active run whose lease
// passed (Reclaim checks its holder's heartbeat), or a FAILED run that was abandoned
// (db.FailAbandonedRuns, as the heartbeat of every replica does for gone holders) or
// interrupted by a shutdown.
func Reclaimable(run *db.SyncRun, now time.Time) bool {
	if run.Active() {
		return run.LeaseUntil != nil && run.LeaseUntil.Before(now)
	}
	return run.Status == db.RunFailed && run.Error != nil &&
		(*run.Error == db.AbandonedRunError || *run.Error == shutdownMessage)
}
