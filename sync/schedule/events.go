package schedule

import (
	"context"
	"errors"
	"log/slog"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// maxEventPages bounds the pages of events one poll of a company applies (100 each); the
// rest waits for the next poll.
const maxEventPages = 20

// userEventTypes are the event types that change OfficeTogether users; others (groups)
// only move the cursor.
var userEventTypes = map[string]bool{
	workos.EventUserCreated: true, workos.EventUserUpdated: true, workos.EventUserDeleted: true,
	workos.EventDirectoryActivated: true, workos.EventDirectoryDeleted: true, workos.EventDirectoryDeactivated: true,
}

// pollAll polls the events of every connected company with sync enabled that is not
// quarantined (a quarantined company is only tried by its daily run).
func (s *Scheduler) pollAll(ctx context.Context) {
	for _, c := range s.candidates(ctx) {
		if s.stopping.Load() {
			return
		}
		s.pollCompany(ctx, c)
	}
}

// pollPending polls the companies webhooks asked for.
func (s *Scheduler) pollPending(ctx context.Context) {
	s.mu.Lock()
	want := s.pending
	s.pending = map[string]bool{}
	s.mu.Unlock()
	if len(want) == 0 {
		return
	}
	for _, c := range s.candidates(ctx) {
		if want[c.CompanyID] && !s.stopping.Load() {
			s.pollCompany(ctx, c)
		}
	}
}

// pollCompany polls one company unless this process is polling it already; then that
// poll goes round once more when it ends, so an announced event is never left waiting.
func (s *Scheduler) pollCompany(ctx context.Context, c db.ScheduleCandidate) {
	if !c.Enabled || c.Quarantined {
		return
	}
	s.mu.Lock()
	if s.polling[c.CompanyID] {
		s.again[c.CompanyID] = true
		s.mu.Unlock()
		return
	}
	s.polling[c.CompanyID] = true
	s.mu.Unlock()
	for {
		s.poll(ctx, c)
		s.mu.Lock()
		again := s.again[c.CompanyID] && !s.stopping.Load()
		delete(s.again, c.CompanyID)
		if !again {
			delete(s.polling, c.CompanyID)
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		cur, err := db.GetDirectoryConnection(ctx, s.db, c.CompanyID)
		if err != nil {
			s.log.Error("schedule: reload connection", slog.String("company", c.CompanyID), slog.Any("error", err))
			s.mu.Lock()
			delete(s.polling, c.CompanyID)
			s.mu.Unlock()
			return
		}
		c.EventsCursor = cur.EventsCursor
	}
}

// poll reads the company's events after its cursor and applies them as EVENTS runs, one
// per page. Events from before the connection was made are skipped when the company has
// no cursor yet (the setup pull mirrored them). The cursor only moves once a page is
// applied; a page with no user events just moves it.
func (s *Scheduler) poll(ctx context.Context, c db.ScheduleCandidate) {
	log := s.log.With(slog.String("company", c.CompanyID))
	from := ""
	if c.EventsCursor != nil {
		from = *c.EventsCursor
	}
	for range maxEventPages {
		if s.stopping.Load() {
			return
		}
		evs, next, err := s.cfg.Events.ListEvents(ctx, workos.EventsQuery{OrganizationID: c.OrganizationID, After: from, Limit: 100})
		if err != nil {
			log.Warn("schedule: list events", slog.Any("error", err))
			s.recordPollFailure(ctx, c.CompanyID, err)
			return
		}
		if len(evs) == 0 {
			return
		}
		relevant := evs[:0:0]
		for _, e := range evs {
			if userEventTypes[e.Type] && (from != "" || c.ConnectedAt == nil || !e.CreatedAt.Before(*c.ConnectedAt)) {
				relevant = append(relevant, e)
			}
		}
		if len(relevant) == 0 {
			if _, err := db.AdvanceEventsCursor(ctx, s.db, c.CompanyID, from, next, s.clock.Now()); err != nil {
				log.Error("schedule: advance events cursor", slog.Any("error", err))
				return
			}
		} else if !s.apply(ctx, c.CompanyID, engine.EventBatch{From: from, Next: next, Events: relevant}) {
			return
		}
		if len(evs) < 100 {
			return
		}
		from = next
	}
}

// apply runs one batch and reports whether the cursor moved on.
func (s *Scheduler) apply(ctx context.Context, companyID string, b engine.EventBatch) bool {
	log := s.log.With(slog.String("company", companyID))
	run, err := s.cfg.Engine.ApplyEvents(ctx, companyID, b)
	switch {
	case errors.Is(err, engine.ErrRunInProgress), errors.Is(err, engine.ErrClosed):
		log.Debug("schedule: events wait for the next poll", slog.Any("reason", err))
		return false
	case err != nil:
		log.Error("schedule: apply events", slog.Any("error", err))
		return false
	case run.Status != db.RunSucceeded && run.Status != db.RunNeedsReview:
		log.Warn("schedule: events run did not apply", slog.String("run", run.ID), slog.String("status", run.Status))
		return false
	}
	now := s.clock.Now()
	for _, e := range b.Events {
		s.metrics.events.WithLabelValues(e.Type).Inc()
		s.metrics.lag.Observe(max(now.Sub(e.CreatedAt).Seconds(), 0))
	}
	log.Info("schedule: events applied", slog.String("run", run.ID), slog.String("status", run.Status),
		slog.Int("events", len(b.Events)))
	return true
}

// recordPollFailure counts a failed poll like a failed run, so that a company whose
// credentials WorkOS rejects is quarantined after db.QuarantineAfter tries.
func (s *Scheduler) recordPollFailure(ctx context.Context, companyID string, cause error) {
	msg := "WorkOS events could not be read: " + cause.Error()
	if errors.Is(cause, context.Canceled) {
		return
	}
	if err := db.RecordConnectionResult(ctx, s.db, companyID, 0, &msg, s.clock.Now()); err != nil {
		s.log.Error("schedule: record events failure", slog.String("company", companyID), slog.Any("error", err))
	}
}
