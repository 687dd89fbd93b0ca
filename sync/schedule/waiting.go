package schedule

import (
	"context"
	"errors"
	"log/slog"

	"golang.org/x/sync/errgroup"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
)

// startWaiting runs the waiting Sync now of every company that is free again, as each
// daily tick does: the replica that ran the company's active run starts its waiting run
// itself, so this sweep matters when that replica died or shut down first.
func (s *Scheduler) startWaiting(ctx context.Context) {
	if s.stopping.Load() {
		return
	}
	ids, err := db.CompaniesWithWaitingRuns(ctx, s.db)
	if err != nil {
		s.log.Error("schedule: list waiting runs", slog.Any("error", err))
		return
	}
	g := new(errgroup.Group)
	g.SetLimit(s.cfg.Concurrency)
	for _, id := range ids {
		g.Go(func() error {
			if s.stopping.Load() {
				return nil
			}
			run, err := s.cfg.Engine.PromoteWaiting(ctx, id)
			log := s.log.With(slog.String("company", id))
			switch {
			case errors.Is(err, db.ErrNotFound), errors.Is(err, engine.ErrClosed):
			case err != nil:
				log.Error("schedule: start a waiting run", slog.Any("error", err))
			default:
				log.Info("schedule: waiting run finished", slog.String("run", run.ID), slog.String("status", run.Status))
			}
			return nil
		})
	}
	_ = g.Wait()
}
