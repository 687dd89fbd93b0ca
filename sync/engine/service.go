package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// Directory is what the engine needs from WorkOS; *workos.Client satisfies it.
type Directory interface {
	// EachDirectoryUser pulls every user of the directory, calling fn once per page, with
	// rate limiting and retries; errors wrap workos.ErrUpstream and friends.
	EachDirectoryUser(ctx context.Context, directoryID string, fn func(page []workos.DirectoryUser) error) (workos.FetchStats, error)
	// EachDirectoryGroup lists every group of the directory, page by page.
	EachDirectoryGroup(ctx context.Context, directoryID string, fn func(page []workos.DirectoryGroup) error) (workos.FetchStats, error)
	// EachGroupMemberID lists the ids of one group's members, page by page, within the
	// directory's rate limit.
	EachGroupMemberID(ctx context.Context, directoryID, groupID string, fn func(ids []string) error) (workos.FetchStats, error)
	// GetDirectory reads one directory (its state); a deleted one gives an error wrapping
	// workos.ErrNotFound.
	GetDirectory(ctx context.Context, id string) (workos.Directory, error)
	// ListDirectories lists the organization's directories.
	ListDirectories(ctx context.Context, organizationID string) ([]workos.Directory, error)
}

// Config configures a Service. DB and Directory are required.
type Config struct {
	// DB is the database.
	DB *bun.DB
	// Directory is the WorkOS client.
	Directory Directory
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives run failures and summaries; default: discard.
	Logger *slog.Logger
	// Registry, when set, receives the engine's Prometheus metrics.
	Registry prometheus.Registerer
	// ProgressInterval is the least time between two progress writes of a run; default 1s.
	ProgressInterval time.Duration
	// Lease is how long a run's claim lasts without a progress write; default 5m. It only
	// decides for runs whose holder has no heartbeat row (see HolderTimeout).
	Lease time.Duration
	// InstanceName is this replica's stable name across restarts (DIRSYNC_INSTANCE_NAME,
	// e.g. a pod name); when set, Start takes over at once the runs that earlier processes of
	// the same name held (they died: the replica is starting again). Names must be unique
	// among running replicas. Default "": runs of a dead process wait for HolderTimeout.
	InstanceName string
	// HolderTimeout is how long a process may go without a heartbeat before any replica
	// takes over its runs; default 30s. Heartbeats are sent every HolderTimeout/6.
	HolderTimeout time.Duration
	// Ticker drives the heartbeat (Start); default the real clock. Heartbeat times are
	// PostgreSQL's, so that every replica judges them on one clock.
	Ticker clockwork.Clock
}

// RunOptions says how to run a sync.
type RunOptions struct {
	// Trigger is db.TriggerManual (default), TriggerSchedule, TriggerEvents or TriggerSetup.
	Trigger string
	// DryRun only reports what the run would change; nothing but the run row is written.
	DryRun bool
	// StartedBy is the user who asked for the run (manual runs), if any.
	StartedBy string
	// ScheduledFor is the schedule slot a scheduled run claims, if any.
	ScheduledFor *time.Time
}

// Service runs directory syncs. It is safe for concurrent use; call Close when done.
type Service struct {
	db       *bun.DB
	dir      Directory
	now      func() time.Time
	log      *slog.Logger
	metrics  *metrics
	instance string // this process's id (claimed_by)
	name     string // Config.InstanceName
	every    time.Duration
	lease    time.Duration

	holderTimeout time.Duration
	beatEvery     time.Duration
	ticker        clockwork.Clock
	beats         chan struct{} // closed when the heartbeat loop ended

	base    context.Context
	cancel  context.CancelFunc
	mu      sync.Mutex
	closed  bool
	started bool // Start registered the process
	wg      sync.WaitGroup
}

// New builds a Service.
func New(cfg Config) (*Service, error) {
	if cfg.DB == nil || cfg.Directory == nil {
		return nil, errors.New("engine: config: DB and Directory are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ProgressInterval <= 0 {
		cfg.ProgressInterval = time.Second
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 5 * time.Minute
	}
	if cfg.HolderTimeout <= 0 {
		cfg.HolderTimeout = 30 * time.Second
	}
	if cfg.Ticker == nil {
		cfg.Ticker = clockwork.NewRealClock()
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	host := cfg.InstanceName
	if host == "" {
		host, _ = os.Hostname()
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	base, cancel := context.WithCancel(context.Background())
	return &Service{
		db: cfg.DB, dir: cfg.Directory, now: cfg.Now, log: cfg.Logger, metrics: m,
		instance: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:])), name: cfg.InstanceName,
		every: cfg.ProgressInterval, lease: cfg.Lease, base: base, cancel: cancel,
		holderTimeout: cfg.HolderTimeout, beatEvery: cfg.HolderTimeout / 6, ticker: cfg.Ticker, beats: make(chan struct{}),
	}, nil
}

// StartRun queues a run for the company and executes it in the background, returning the
// queued run at once. When the company already has an active run: a MANUAL full run waits
// behind it (see queueBehind: one WAITING run per company, returned again to a second ask;
// an active MANUAL full run is itself returned), a dry run is ErrRunInProgress, and other
// triggers get the active run back. ErrNotConnected when no directory is connected.
func (s *Service) StartRun(ctx context.Context, companyID string, opts RunOptions) (*db.SyncRun, error) {
	run, created, err := s.enqueue(ctx, companyID, opts)
	if err != nil {
		return nil, err
	}
	if !created {
		return s.queueBehind(ctx, run, opts)
	}
	queued := detached(run)
	go func() { // enqueue took the s.wg slot
		defer s.wg.Done()
		s.execute(s.base, run)
	}()
	return queued, nil
}

// detached copies run sharing nothing it points to: the background run scans its rows
// into run's pointed-to values (bun reuses non-nil pointers) while the caller reads the copy.
func detached(run *db.SyncRun) *db.SyncRun {
	c := *run
	c.StartedBy, c.Error, c.ClaimedBy = clonePtr(run.StartedBy), clonePtr(run.Error), clonePtr(run.ClaimedBy)
	c.StartedAt, c.FinishedAt = clonePtr(run.StartedAt), clonePtr(run.FinishedAt)
	c.ScheduledFor, c.LeaseUntil = clonePtr(run.ScheduledFor), clonePtr(run.LeaseUntil)
	c.Issues, c.Changes = slices.Clone(run.Issues), slices.Clone(run.Changes)
	return &c
}

// clonePtr returns a pointer to a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// RunNow queues and executes a run synchronously and returns it finished. When the
// company already has an active run it returns that run with ErrRunInProgress. Close
// interrupts it like a background run.
func (s *Service) RunNow(ctx context.Context, companyID string, opts RunOptions) (*db.SyncRun, error) {
	return s.runNow(ctx, companyID, opts, nil)
}

// runNow queues a run and executes it synchronously, with the events of batch when set.
func (s *Service) runNow(ctx context.Context, companyID string, opts RunOptions, batch *EventBatch) (*db.SyncRun, error) {
	run, created, err := s.enqueue(ctx, companyID, opts)
	if err != nil {
		return run, err
	}
	if !created {
		return run, ErrRunInProgress
	}
	defer s.wg.Done()
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.base, cancel)
	defer stop()
	s.executeRunner(runCtx, &runner{s: s, run: run, status: db.RunQueued, batch: batch})
	return run, nil
}

// PullMirror refreshes the company's mirror from WorkOS (trigger SETUP) without changing
// any OfficeTogether user, synchronously. The returned run tells how it went.
func (s *Service) PullMirror(ctx context.Context, companyID string) (*db.SyncRun, error) {
	return s.RunNow(ctx, companyID, RunOptions{Trigger: db.TriggerSetup})
}

// enqueue checks the connection and inserts a QUEUED run (or finds the active one). When
// created is true the caller owns one s.wg slot and must execute the run.
func (s *Service) enqueue(ctx context.Context, companyID string, opts RunOptions) (*db.SyncRun, bool, error) {
	if opts.Trigger == "" {
		opts.Trigger = db.TriggerManual
	}
	switch opts.Trigger {
	case db.TriggerManual, db.TriggerSchedule, db.TriggerEvents, db.TriggerSetup:
	default:
		return nil, false, fmt.Errorf("engine: unknown trigger %q", opts.Trigger)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, false, ErrClosed
	}
	conn, err := db.GetDirectoryConnection(ctx, s.db, companyID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !conn.Connected()) {
		return nil, false, ErrNotConnected
	}
	if err != nil {
		return nil, false, err
	}
	now := s.now()
	failed, err := db.FailAbandonedRuns(ctx, s.db, companyID, now, s.holderTimeout)
	if err != nil {
		return nil, false, err
	}
	for _, f := range failed {
		s.log.Warn("engine: failed a run its process abandoned", slog.String("run", f.ID), slog.String("company", f.CompanyID),
			slog.String("holder", deref(f.ClaimedBy)))
	}
	lease, holder := now.Add(s.lease), s.instance
	run := &db.SyncRun{
		CompanyID: companyID, Trigger: opts.Trigger, DryRun: opts.DryRun && opts.Trigger != db.TriggerSetup,
		QueuedAt: now, LeaseUntil: &lease, ScheduledFor: opts.ScheduledFor, ClaimedBy: &holder,
	}
	if opts.StartedBy != "" {
		run.StartedBy = &opts.StartedBy
	}
	run, created, err := db.InsertQueuedRun(ctx, s.db, run)
	if err != nil {
		return nil, false, err
	}
	if created {
		s.wg.Add(1)
	}
	return run, created, nil
}

// track counts a piece of work (a run, a reclaim, a promotion) that Close waits for; it
// reports false, counting nothing, once the Service is closed. Call s.wg.Done when the
// work ends.
func (s *Service) track() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	return true
}

// Close stops accepting runs and waits for running ones until ctx ends; then it cancels
// them (they are marked FAILED with a shutdown error) and waits for them to stop.
func (s *Service) Close(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		s.cancel()
		s.stopProcess()
		return nil
	case <-ctx.Done():
	}
	s.cancel()
	<-done
	s.stopProcess()
	return fmt.Errorf("engine: close: runs interrupted: %w", ctx.Err())
}

// shuttingDown reports whether Close cancelled the runs.
func (s *Service) shuttingDown() bool { return s.base.Err() != nil }
