package schedule

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
)

// RunDue runs every daily sync that is due now and not yet claimed, as the
// scheduler's daily job does on each tick. It returns when they have finished.
func (s *Scheduler) RunDue(ctx context.Context) { s.dailyTick(ctx) }

// dailyTick runs every due daily sync: for each connected company with sync enabled, the
// latest slot (dailyAt in its time zone at or before now) is due unless a SCHEDULE run
// already claimed it. The claim is the run row itself: the unique index on (company,
// trigger, scheduled_for) lets exactly one replica insert it; the others get a conflict
// and skip. A slot run another replica left behind (lease passed, or interrupted by a
// shutdown) is taken over. Slots before the connection was made or the configuration
// was last saved are not caught up, so a change of dailyAt never runs a past slot.
//
// A pass that took a tick or longer goes again at once: the job's fires during it were
// dropped (jobs run alone), and slots that fell due meanwhile would otherwise wait for
// the next fire, up to a tick idle (a night with thousands of companies a minute).
func (s *Scheduler) dailyTick(ctx context.Context) {
	for !s.stopping.Load() && ctx.Err() == nil {
		began := s.clock.Now()
		s.duePass(ctx)
		if s.clock.Since(began) < s.cfg.Tick {
			return
		}
	}
}

// duePass is one pass of dailyTick over the companies.
func (s *Scheduler) duePass(ctx context.Context) {
	now := s.clock.Now()
	g := new(errgroup.Group)
	g.SetLimit(s.cfg.Concurrency)
	for _, c := range s.candidates(ctx) {
		if !c.Enabled {
			continue
		}
		slot, err := PrevRun(c.EffectiveDailyAt(), c.TimeZone, now)
		if err != nil {
			s.log.Error("schedule: bad daily time", slog.String("company", c.CompanyID), slog.Any("error", err))
			continue
		}
		if before(slot, c.ConnectedAt) || before(slot, c.ConfigSavedAt) {
			continue
		}
		if c.LastScheduledFor != nil && !c.LastScheduledFor.Before(slot) {
			if run := c.LastScheduledRun; run != nil && run.ScheduledFor.Equal(slot) && engine.Reclaimable(run, now) {
				g.Go(func() error { s.reclaim(ctx, run); return nil })
			}
			continue
		}
		g.Go(func() error { s.claim(ctx, c.CompanyID, slot); return nil })
	}
	_ = g.Wait()
	s.startWaiting(ctx)
}

// before reports whether t is before the time at (false when at is nil).
func before(t time.Time, at *time.Time) bool { return at != nil && t.Before(*at) }

// claim inserts and runs the company's SCHEDULE run for slot.
func (s *Scheduler) claim(ctx context.Context, companyID string, slot time.Time) {
	if s.stopping.Load() {
		return
	}
	run, err := s.cfg.Engine.RunNow(ctx, companyID, engine.RunOptions{Trigger: db.TriggerSchedule, ScheduledFor: &slot})
	log := s.log.With(slog.String("company", companyID), slog.Time("slot", slot))
	switch {
	case errors.Is(err, db.ErrConflict):
		s.metrics.claims.WithLabelValues("lost").Inc()
		log.Debug("schedule: another replica claimed the slot")
	case errors.Is(err, engine.ErrRunInProgress):
		s.metrics.claims.WithLabelValues("busy").Inc()
		log.Info("schedule: another run is in progress; the slot is tried again next tick")
	case errors.Is(err, engine.ErrClosed), errors.Is(err, engine.ErrNotConnected):
		log.Info("schedule: slot not claimed", slog.Any("reason", err))
	case err != nil:
		s.metrics.claims.WithLabelValues("error").Inc()
		log.Error("schedule: claim the daily run", slog.Any("error", err))
	default:
		s.metrics.claims.WithLabelValues("won").Inc()
		log.Info("schedule: daily run finished", slog.String("run", run.ID), slog.String("status", run.Status))
	}
}

// reclaim takes over the slot's run another replica left behind.
func (s *Scheduler) reclaim(ctx context.Context, run *db.SyncRun) {
	if s.stopping.Load() {
		return
	}
	log := s.log.With(slog.String("company", run.CompanyID), slog.String("run", run.ID))
	done, err := s.cfg.Engine.Reclaim(ctx, run.ID)
	switch {
	case errors.Is(err, db.ErrNotFound), errors.Is(err, db.ErrConflict):
		log.Debug("schedule: run not taken over", slog.Any("reason", err))
	case errors.Is(err, engine.ErrClosed):
	case err != nil:
		log.Error("schedule: take over an abandoned run", slog.Any("error", err))
	default:
		s.metrics.claims.WithLabelValues("reclaimed").Inc()
		log.Info("schedule: took over an abandoned daily run", slog.String("status", done.Status))
	}
}
