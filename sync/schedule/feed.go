package schedule

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

const (
	// feedPageSize is the page size of /events (WorkOS's largest).
	feedPageSize = 100
	// maxFeedPages bounds the pages one feed tick reads; the rest waits for the next tick.
	maxFeedPages = 50
	// maxCursorAge is how long a cursor is trusted after the feed last read to the newest
	// event: WorkOS keeps events 30 days, so past it events may be gone unseen.
	maxCursorAge = 29 * 24 * time.Hour
	// keepDone is how long applied and dropped inbox events are kept (WorkOS retries a
	// webhook for 3 days; a redelivery within the week is recognised as a duplicate).
	keepDone = 7 * 24 * time.Hour
)

// feedLease is how long a feed tick's lease lasts: a little over one interval, so the
// holder renews it at each tick, and when it dies another replica's tick takes over
// within about two intervals (at once after the holder releases it on shutdown).
func (s *Scheduler) feedLease() time.Duration {
	return s.cfg.EventsInterval + s.cfg.EventsInterval/20
}

// feedTick is the events job: the replica holding (or taking) the feed's lease lists the
// environment's events after the feed's cursor and writes them into the inboxes; the
// others only find the lease held. Idle, one /events request per interval per cluster.
func (s *Scheduler) feedTick(ctx context.Context) {
	defer s.refreshGauges(ctx)
	if s.stopping.Load() {
		return
	}
	now := s.clock.Now()
	f, err := db.ClaimEventsFeed(ctx, s.db, s.instance, now, now.Add(s.feedLease()))
	switch {
	case errors.Is(err, db.ErrConflict):
		s.holding.Store(false)
		return
	case err != nil:
		s.log.Error("schedule: claim the events feed", slog.Any("error", err))
		return
	}
	if !s.holding.Swap(true) {
		s.log.Info("schedule: this replica now polls the WorkOS events feed", slog.String("instance", s.instance))
	}
	if f.Cursor != nil && f.CaughtUpAt != nil && now.Sub(*f.CaughtUpAt) > maxCursorAge {
		s.resetFeed(ctx, "the cursor is older than WorkOS keeps events")
		return
	}
	s.pollFeed(ctx, f.Cursor, f.RangeStart)
	if _, err := db.PruneInbox(ctx, s.db, now.Add(-keepDone)); err != nil {
		s.log.Warn("schedule: prune the events inbox", slog.Any("error", err))
	}
}

// pollFeed reads pages of events and, per page, writes them into the inboxes and moves
// the cursor in one transaction (while this replica still holds the lease).
func (s *Scheduler) pollFeed(ctx context.Context, cursor *string, rangeStart *time.Time) {
	for range maxFeedPages {
		if s.stopping.Load() {
			return
		}
		q := workos.EventsQuery{Limit: feedPageSize}
		if cursor != nil {
			q.After = *cursor
		} else if rangeStart != nil {
			q.RangeStart = *rangeStart // a first poll starts now, not at the environment's history
		}
		evs, next, err := s.cfg.Events.ListEvents(ctx, q)
		switch {
		case errors.Is(err, workos.ErrCursorRejected):
			s.resetFeed(ctx, "WorkOS rejected the cursor: "+err.Error())
			return
		case err != nil:
			s.metrics.polls.WithLabelValues("error").Inc()
			s.log.Warn("schedule: list WorkOS events", slog.Any("error", err))
			return
		}
		s.metrics.polls.WithLabelValues("ok").Inc()
		caughtUp := len(evs) < feedPageSize
		var to *string
		if next != "" {
			to = &next
		}
		var d delivery
		now := s.clock.Now()
		err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if d, err = s.deliver(ctx, tx, evs, deliveredFromPoll); err != nil {
				return err
			}
			moved, err := db.AdvanceEventsFeed(ctx, tx, s.instance, cursor, to, caughtUp, now, now.Add(s.feedLease()))
			if err == nil && !moved {
				err = errLostFeed
			}
			return err
		})
		if errors.Is(err, errLostFeed) {
			s.log.Warn("schedule: the events feed moved on without this replica")
			s.holding.Store(false)
			return
		} else if err != nil {
			s.log.Error("schedule: write events into the inboxes", slog.Any("error", err))
			return
		}
		s.count(deliveredFromPoll, d)
		if len(d.fresh) > 0 {
			s.wakeApplier()
		}
		if caughtUp {
			return
		}
		cursor = to
	}
}

// errLostFeed rolls back a page whose cursor another replica moved meanwhile.
var errLostFeed = errors.New("events feed lease lost")

// resetFeed restarts the feed at now and marks every connected company for a full pull:
// EVENTS cannot be trusted across the gap.
func (s *Scheduler) resetFeed(ctx context.Context, why string) {
	s.metrics.polls.WithLabelValues("cursor_reset").Inc()
	s.log.Warn("schedule: the events cursor is reset; every company gets a full pull", slog.String("reason", why))
	ok, err := db.ResetEventsFeed(ctx, s.db, s.instance, s.clock.Now())
	switch {
	case err != nil:
		s.log.Error("schedule: reset the events feed", slog.Any("error", err))
	case ok:
		s.wakeApplier()
	}
}

// releaseFeed gives the feed's lease up on shutdown, so another replica takes over at
// its next tick.
func (s *Scheduler) releaseFeed() {
	if !s.holding.Swap(false) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.ReleaseEventsFeed(ctx, s.db, s.instance, s.clock.Now()); err != nil {
		s.log.Warn("schedule: release the events feed", slog.Any("error", err))
	}
}
