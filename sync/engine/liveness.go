package engine

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/officetogether/dirsync/db"
)

// forgetProcessesAfter is how long a process that stopped beating stays in
// dirsync_processes before a heartbeat of another process deletes its row.
const forgetProcessesAfter = 7 * 24 * time.Hour

// Start registers this process (its first heartbeat, under Config.InstanceName), marks
// stopped the earlier processes of the same instance name (this replica before a restart:
// their runs are taken over at once), fails every run whose holder is gone, and then beats
// every HeartbeatInterval on Config.Ticker until Close. A run that a gone holder left
// behind is FAILED as abandoned; the scheduler re-runs a scheduled one (Reclaim).
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	again := s.started || s.closed
	s.mu.Unlock()
	if again {
		return errors.New("engine: start: already started or closed")
	}
	if err := db.Heartbeat(ctx, s.db, s.instance, s.name); err != nil {
		return err
	}
	n, err := db.StopEarlierProcesses(ctx, s.db, s.name, s.instance)
	if err != nil {
		return err
	}
	if n > 0 {
		s.log.Info("engine: replaced the earlier processes of this instance", slog.String("instance", s.name), slog.Int("processes", n))
	}
	if err := s.sweep(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	s.started = true
	s.mu.Unlock()
	go s.beatLoop()
	return nil
}

// beatLoop beats until Close cancels s.base, then closes s.beats.
func (s *Service) beatLoop() {
	defer close(s.beats)
	t := s.ticker.NewTicker(s.beatEvery)
	defer t.Stop()
	for {
		select {
		case <-s.base.Done():
			return
		case <-t.Chan():
			if err := s.Beat(s.base); err != nil && s.base.Err() == nil {
				s.log.Warn("engine: heartbeat", slog.Any("error", err))
			}
		}
	}
}

// Beat writes this process's heartbeat and fails the active runs of every company whose
// holder is gone (see db.FailAbandonedRuns): what the heartbeat loop does on each tick.
func (s *Service) Beat(ctx context.Context) error {
	if err := db.Heartbeat(ctx, s.db, s.instance, s.name); err != nil {
		return err
	}
	if _, err := db.ForgetProcesses(ctx, s.db, forgetProcessesAfter); err != nil {
		return err
	}
	return s.sweep(ctx)
}

// sweep fails the active runs whose holder is gone, in every company.
func (s *Service) sweep(ctx context.Context) error {
	failed, err := db.FailAbandonedRuns(ctx, s.db, "", s.now(), s.holderTimeout)
	if err != nil {
		return err
	}
	for _, run := range failed {
		s.log.Warn("engine: failed a run its process abandoned", slog.String("run", run.ID), slog.String("company", run.CompanyID),
			slog.String("trigger", run.Trigger), slog.String("holder", deref(run.ClaimedBy)))
	}
	return nil
}

// stopProcess marks this process stopped after Close, when Start registered it.
func (s *Service) stopProcess() {
	s.mu.Lock()
	started := s.started
	s.mu.Unlock()
	if !started {
		return
	}
	<-s.beats
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.record(ctx, "stop process", func(ctx context.Context) error { return db.StopProcess(ctx, s.db, s.instance) }); err != nil {
		s.log.Warn("engine: mark this process stopped", slog.Any("error", err))
	}
}

// Instance is this process's id: what it writes into sync_runs.claimed_by and
// dirsync_processes.id.
func (s *Service) Instance() string { return s.instance }
