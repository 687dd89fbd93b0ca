package engine

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/officetogether/dirsync/db"
)

// queueBehind answers a StartRun that found active, the company's active run. A MANUAL full
// run is stored WAITING (or the one already waiting is returned) and starts once the company
// is free: in this process right after the active run ends when it runs here, else through
// the scheduler's PromoteWaiting sweep in any replica. An active MANUAL full run is returned
// as it is (it is the sync that was asked for); a dry run is ErrRunInProgress; other
// triggers get the active run back.
func (s *Service) queueBehind(ctx context.Context, active *db.SyncRun, opts RunOptions) (*db.SyncRun, error) {
	trigger := opts.Trigger
	if trigger == "" {
		trigger = db.TriggerManual
	}
	switch {
	case trigger != db.TriggerManual:
		return active, nil
	case opts.DryRun:
		return nil, ErrRunInProgress
	case active.Trigger == db.TriggerManual && !active.DryRun:
		return active, nil
	}
	run := &db.SyncRun{CompanyID: active.CompanyID, Trigger: db.TriggerManual, QueuedAt: s.now()}
	if opts.StartedBy != "" {
		run.StartedBy = &opts.StartedBy
	}
	waiting, _, err := db.InsertWaitingRun(ctx, s.db, run)
	if err != nil {
		return nil, err
	}
	// The active run may have ended meanwhile, its process finding nothing waiting yet.
	if started := s.startWaiting(ctx, active.CompanyID); started != nil && started.ID == waiting.ID {
		return started, nil
	}
	return detached(waiting), nil
}

// startWaiting promotes the company's waiting run, if it can start now, and executes it in
// the background, returning a copy of the queued run (nil when none started). After Close
// it does nothing: another replica's sweep starts the run.
func (s *Service) startWaiting(ctx context.Context, companyID string) *db.SyncRun {
	if !s.track() {
		return nil
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	run, err := db.PromoteWaitingRun(pctx, s.db, companyID, s.instance, s.now().Add(s.lease))
	cancel()
	if err != nil {
		s.wg.Done()
		if !errors.Is(err, db.ErrNotFound) && s.base.Err() == nil {
			s.log.Warn("engine: start the waiting run", slog.String("company", companyID), slog.Any("error", err))
		}
		return nil
	}
	queued := detached(run)
	go func() {
		defer s.wg.Done()
		s.execute(s.base, run)
	}()
	return queued
}

// PromoteWaiting starts the company's waiting run when the company has no active run and
// executes it synchronously, returning it finished: the scheduler's sweep, so that a
// waiting run whose predecessor's replica died still runs. db.ErrNotFound when no run can
// start (nothing waits, the company is busy, or another replica was faster).
func (s *Service) PromoteWaiting(ctx context.Context, companyID string) (*db.SyncRun, error) {
	if !s.track() {
		return nil, ErrClosed
	}
	defer s.wg.Done()
	if _, err := db.FailAbandonedRuns(ctx, s.db, companyID, s.now(), s.holderTimeout); err != nil {
		return nil, err
	}
	run, err := db.PromoteWaitingRun(ctx, s.db, companyID, s.instance, s.now().Add(s.lease))
	if err != nil {
		return nil, err
	}
	s.log.Info("engine: started a waiting run", slog.String("run", run.ID), slog.String("company", companyID))
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.base, cancel)
	defer stop()
	s.execute(runCtx, run)
	return run, nil
}
