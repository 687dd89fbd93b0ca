package schedule

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

const (
	// inboxBatch is how many inbox events one EVENTS run applies at most.
	inboxBatch = 500
	// maxBatchesPerClaim bounds the runs one claim of a company makes before others get a turn.
	maxBatchesPerClaim = 10
	// inboxLease is how long a claim on a company's inbox lasts unless renewed; a replica
	// that dies leaves it to another after this.
	inboxLease = 5 * time.Minute
	// maxBackoff caps the wait after failed applies.
	maxBackoff = time.Hour
)

// wakeApplier has the inbox job run now (again, when it is running), asynchronously.
func (s *Scheduler) wakeApplier() {
	if s.applier == nil || s.stopping.Load() {
		return
	}
	s.again.Store(true)
	if err := s.applier.RunNow(); err != nil {
		s.log.Warn("schedule: start the inbox applier", slog.Any("error", err))
	}
}

// applyInboxes is the inbox job: it applies every company's pending inbox events (and
// due full pulls) that no other replica is applying, up to Concurrency companies at a
// time, and goes round again while there is more or it was woken meanwhile.
func (s *Scheduler) applyInboxes(ctx context.Context) {
	defer s.refreshGauges(ctx)
	for {
		s.again.Store(false)
		if s.stopping.Load() {
			return
		}
		limit := 4 * s.cfg.Concurrency
		due, err := db.DueInboxCompanies(ctx, s.db, s.clock.Now(), limit)
		if err != nil {
			s.log.Error("schedule: list inboxes to apply", slog.Any("error", err))
			return
		}
		var progressed, more atomic.Bool
		g := new(errgroup.Group)
		g.SetLimit(s.cfg.Concurrency)
		for _, id := range due {
			g.Go(func() error {
				if !s.stopping.Load() {
					applied, left := s.applyCompany(ctx, id)
					progressed.CompareAndSwap(false, applied)
					more.CompareAndSwap(false, left)
				}
				return nil
			})
		}
		_ = g.Wait()
		if !s.again.Load() && !more.Load() && (len(due) < limit || !progressed.Load()) {
			return
		}
	}
}

// applyCompany claims a company's inbox and applies it: dropped when the company is not
// connected or paused (then a full pull is due when it comes back), a due full pull
// first, then its pending events in event order as EVENTS runs. A failure backs the
// company off (doubling from one interval up to an hour) without holding anyone else.
// It reports whether a run applied, and whether events are left that it had no turn for.
func (s *Scheduler) applyCompany(ctx context.Context, companyID string) (applied, left bool) {
	log := s.log.With(slog.String("company", companyID))
	now := s.clock.Now()
	st, err := db.ClaimInbox(ctx, s.db, companyID, s.instance, now, now.Add(inboxLease))
	if errors.Is(err, db.ErrConflict) {
		return false, false
	} else if err != nil {
		log.Error("schedule: claim inbox", slog.Any("error", err))
		return false, false
	}
	rel, left := s.applyClaimed(ctx, log, st)
	rel.Now = s.clock.Now()
	if rel.Failed {
		rel.RetryAt = rel.Now.Add(min(s.cfg.EventsInterval<<min(st.Failures, 16), maxBackoff))
	}
	if err := db.ReleaseInbox(context.WithoutCancel(ctx), s.db, companyID, s.instance, rel); err != nil {
		log.Error("schedule: release inbox", slog.Any("error", err))
	}
	return rel.Succeeded, left
}

// applyClaimed does applyCompany's work and says how to release the claim and whether
// events are left.
func (s *Scheduler) applyClaimed(ctx context.Context, log *slog.Logger, st *db.InboxCompany) (db.InboxRelease, bool) {
	companyID := st.CompanyID
	route, err := db.EventRouteOf(ctx, s.db, companyID)
	switch {
	case errors.Is(err, db.ErrNotFound), err == nil && route.Paused:
		n, err := db.DropPendingInbox(ctx, s.db, companyID, s.clock.Now(), s.clock.Now())
		if err == nil && n > 0 && route != nil {
			err = db.MarkInboxResync(ctx, s.db, []string{companyID}, s.clock.Now())
		}
		if err != nil {
			log.Error("schedule: drop inbox of a paused company", slog.Any("error", err))
		}
		s.metrics.received.WithLabelValues("inbox", routePaused).Add(float64(n))
		return db.InboxRelease{}, false
	case err != nil:
		log.Error("schedule: load company", slog.Any("error", err))
		return db.InboxRelease{}, false
	}
	var rel db.InboxRelease
	if st.ResyncSince != nil {
		started := s.clock.Now()
		run, err := s.cfg.Engine.RunNow(ctx, companyID, engine.RunOptions{Trigger: db.TriggerEvents})
		if !s.succeeded(log, run, err) {
			return db.InboxRelease{Failed: err == nil || !busy(err)}, false
		}
		// The pull read the directory after every event received before it started.
		if _, err := db.DropPendingInbox(ctx, s.db, companyID, started, s.clock.Now()); err != nil {
			log.Error("schedule: drop events a full pull covered", slog.Any("error", err))
		}
		rel = db.InboxRelease{Succeeded: true, PulledFrom: &started}
	}
	for range maxBatchesPerClaim {
		if s.stopping.Load() {
			return rel, false
		}
		pending, err := db.PendingInboxEvents(ctx, s.db, companyID, inboxBatch)
		if err != nil {
			log.Error("schedule: load inbox", slog.Any("error", err))
			return rel, false
		}
		if len(pending) == 0 {
			return db.InboxRelease{Succeeded: true, PulledFrom: rel.PulledFrom}, false
		}
		evs := make([]workos.Event, 0, len(pending))
		ids := make([]string, 0, len(pending))
		for _, p := range pending {
			ids = append(ids, p.EventID)
			e := workos.Event{ID: p.EventID, Type: p.Type, Data: p.Data}
			if p.CreatedAt != nil {
				e.CreatedAt = *p.CreatedAt
			}
			evs = append(evs, e)
		}
		run, err := s.cfg.Engine.ApplyEvents(ctx, companyID, engine.EventBatch{Events: evs})
		if errors.Is(err, engine.ErrNotConnected) {
			if _, err := db.DropPendingInbox(ctx, s.db, companyID, s.clock.Now(), s.clock.Now()); err != nil {
				log.Error("schedule: drop inbox of a company without a directory", slog.Any("error", err))
			}
			return rel, false
		}
		if err == nil && run.Status == db.RunFailed {
			// A run that met an unusable directory (deleted, invalid credentials...) consumed
			// its batch: the events are accounted for and the company does not back off.
			if n, cerr := db.InboxEventsOfRun(ctx, s.db, run.ID, ids); cerr == nil && n > 0 {
				log.Info("schedule: inbox consumed by a run whose directory is not usable", slog.String("run", run.ID),
					slog.String("error", derefString(run.Error)))
				rel.Succeeded = true
				continue
			}
		}
		if !s.succeeded(log, run, err) {
			return db.InboxRelease{Failed: err == nil || !busy(err), PulledFrom: rel.PulledFrom}, false
		}
		s.observeApplied(evs)
		rel.Succeeded = true
		now := s.clock.Now()
		if _, err := db.ClaimInbox(ctx, s.db, companyID, s.instance, now, now.Add(inboxLease)); err != nil {
			log.Warn("schedule: renew inbox claim", slog.Any("error", err))
			return rel, false
		}
	}
	return rel, true // more pending: another round, after the other companies
}

// busy reports an apply that did not start because the company has an active run (or
// the engine is closing): no failure, the events wait for the next round.
func busy(err error) bool {
	return errors.Is(err, engine.ErrRunInProgress) || errors.Is(err, engine.ErrClosed)
}

// succeeded logs a run's outcome and reports whether it applied (SUCCEEDED, NEEDS_REVIEW).
func (s *Scheduler) succeeded(log *slog.Logger, run *db.SyncRun, err error) bool {
	switch {
	case busy(err):
		log.Debug("schedule: inbox waits for the active run", slog.Any("reason", err))
		return false
	case err != nil:
		log.Error("schedule: apply inbox", slog.Any("error", err))
		return false
	case run.Status != db.RunSucceeded && run.Status != db.RunNeedsReview:
		log.Warn("schedule: events run did not apply; the company backs off", slog.String("run", run.ID),
			slog.String("status", run.Status), slog.String("error", derefString(run.Error)))
		return false
	}
	log.Info("schedule: inbox applied", slog.String("run", run.ID), slog.String("status", run.Status))
	return true
}

// observeApplied counts applied events and their lag from creation.
func (s *Scheduler) observeApplied(evs []workos.Event) {
	now := s.clock.Now()
	for _, e := range evs {
		s.metrics.events.WithLabelValues(e.Type).Inc()
		if !e.CreatedAt.IsZero() {
			s.metrics.lag.Observe(max(now.Sub(e.CreatedAt).Seconds(), 0))
		}
	}
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
