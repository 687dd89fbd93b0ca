package engine

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/officetogether/dirsync/db"
)

// Recording a run's outcome survives a dropped PostgreSQL connection: it goes through the
// pool (never the run's reserved connection, which may be the one that broke) and is tried
// again with backoff, on a connection the pool has checked, until recordAttempts.
const (
	recordAttempts   = 8
	recordFirstDelay = 50 * time.Millisecond
	recordMaxDelay   = 2 * time.Second
)

// record runs write until it succeeds, fails for a reason a retry cannot change (the run's
// state: db.ErrConflict, db.ErrNotFound), ctx ends, or recordAttempts were made. Before each
// retry it pings the pool, which drops connections PostgreSQL closed (a terminated backend,
// a failover) so that the next write gets a live one.
func (s *Service) record(ctx context.Context, what string, write func(ctx context.Context) error) error {
	delay := recordFirstDelay
	for attempt := 1; ; attempt++ {
		err := write(ctx)
		if err == nil || errors.Is(err, db.ErrConflict) || errors.Is(err, db.ErrNotFound) || attempt == recordAttempts {
			return err
		}
		s.log.Warn("engine: "+what+" failed; trying again on a fresh connection", slog.Int("attempt", attempt), slog.Any("error", err))
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		delay = min(2*delay, recordMaxDelay)
		_ = s.db.PingContext(ctx)
	}
}
