package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// Names of the scheduler's gocron jobs (and of Config.OnJobDone's argument).
const (
	// JobDaily claims and runs due daily syncs, takes over abandoned ones and starts the
	// Sync now runs waiting for a company that is free again.
	JobDaily = "dirsync-daily-sync"
	// JobEvents polls the WorkOS Events API for every company.
	JobEvents = "dirsync-events-poll"
	// JobTriggered is the poll of the companies a webhook named (PollSoon).
	JobTriggered = "dirsync-events-triggered"
)

// Engine is what the scheduler needs from the sync engine; *engine.Service satisfies it.
type Engine interface {
	RunNow(ctx context.Context, companyID string, opts engine.RunOptions) (*db.SyncRun, error)
	Reclaim(ctx context.Context, runID string) (*db.SyncRun, error)
	ApplyEvents(ctx context.Context, companyID string, b engine.EventBatch) (*db.SyncRun, error)
	PromoteWaiting(ctx context.Context, companyID string) (*db.SyncRun, error)
}

// Events reads the WorkOS Events API; *workos.Client satisfies it.
type Events interface {
	ListEvents(ctx context.Context, q workos.EventsQuery) ([]workos.Event, string, error)
}

var (
	_ Engine = (*engine.Service)(nil)
	_ Events = (*workos.Client)(nil)
)

// Config configures a Scheduler. DB and Engine are required.
type Config struct {
	// DB is the database holding the companies, configurations and runs.
	DB *bun.DB
	// Engine runs the syncs.
	Engine Engine
	// Events is the Events API; nil turns event polling off.
	Events Events
	// Clock drives gocron and decides what is due; default the real clock. Tests pass a
	// clockwork.FakeClock.
	Clock clockwork.Clock
	// Tick is how often due daily runs are looked for; default 1m.
	Tick time.Duration
	// EventsInterval is how often WorkOS events are polled (DIRSYNC_EVENTS_INTERVAL); default 1m.
	EventsInterval time.Duration
	// Concurrency is how many companies one tick syncs at the same time; default 4.
	Concurrency int
	// Logger receives the scheduler's decisions and failures; default: discard.
	Logger *slog.Logger
	// Registry, when set, receives the scheduler's Prometheus metrics.
	Registry prometheus.Registerer
	// OnJobDone, when set, is called after each run of a job with its name (JobDaily,
	// JobEvents, JobTriggered), e.g. to step a fake clock in tests.
	OnJobDone func(job string)
}

// Scheduler runs the daily syncs and the events polls of every company in this replica.
// Several replicas on one database each run one; database claims make each daily run
// happen once. Start it, then Stop (no new work) and Shutdown when the process ends.
type Scheduler struct {
	cfg      Config
	db       *bun.DB
	clock    clockwork.Clock
	log      *slog.Logger
	metrics  *metrics
	cron     gocron.Scheduler
	trigger  gocron.Job
	stopping atomic.Bool

	mu      sync.Mutex
	pending map[string]bool // companies a webhook asked to poll
	polling map[string]bool // companies being polled now
	again   map[string]bool // companies to poll once more when the current poll ends
}

// New builds a Scheduler; call Start to run it.
func New(cfg Config) (*Scheduler, error) {
	if cfg.DB == nil || cfg.Engine == nil {
		return nil, errors.New("schedule: config: DB and Engine are required")
	}
	if cfg.Clock == nil {
		cfg.Clock = clockwork.NewRealClock()
	}
	if cfg.Tick <= 0 {
		cfg.Tick = time.Minute
	}
	if cfg.EventsInterval <= 0 {
		cfg.EventsInterval = time.Minute
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	s := &Scheduler{cfg: cfg, db: cfg.DB, clock: cfg.Clock, log: cfg.Logger, metrics: m,
		pending: map[string]bool{}, polling: map[string]bool{}, again: map[string]bool{}}
	s.cron, err = gocron.NewScheduler(gocron.WithClock(cfg.Clock), gocron.WithLocation(time.UTC),
		gocron.WithStopTimeout(time.Minute))
	if err != nil {
		return nil, fmt.Errorf("schedule: new gocron scheduler: %w", err)
	}
	if err := s.addJobs(); err != nil {
		_ = s.cron.Shutdown()
		return nil, err
	}
	return s, nil
}

// addJobs registers the gocron jobs. Each runs alone: a run that finds the previous one
// still going returns at once (like gocron's LimitModeReschedule, but released before
// OnJobDone is called, so a test stepping a fake clock never races the release).
func (s *Scheduler) addJobs() error {
	add := func(name string, def gocron.JobDefinition, fn func(context.Context)) (gocron.Job, error) {
		var busy atomic.Bool
		task := func(ctx context.Context) {
			if busy.CompareAndSwap(false, true) {
				fn(ctx)
				busy.Store(false)
			}
			if s.cfg.OnJobDone != nil {
				s.cfg.OnJobDone(name)
			}
		}
		j, err := s.cron.NewJob(def, gocron.NewTask(task), gocron.WithName(name))
		if err != nil {
			return nil, fmt.Errorf("schedule: add job %s: %w", name, err)
		}
		return j, nil
	}
	if _, err := add(JobDaily, gocron.DurationJob(s.cfg.Tick), s.dailyTick); err != nil {
		return err
	}
	if s.cfg.Events == nil {
		return nil
	}
	if _, err := add(JobEvents, gocron.DurationJob(s.cfg.EventsInterval), s.pollAll); err != nil {
		return err
	}
	// Webhooks run this job at once (RunNow); its own schedule is only a safety net.
	j, err := add(JobTriggered, gocron.DurationJob(s.cfg.EventsInterval), s.pollPending)
	s.trigger = j
	return err
}

// Start starts the jobs; the first daily tick and events poll come one interval later.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop makes the scheduler claim no new work: ticks and polls already running finish
// their current company and start no other. Call it before closing the engine.
func (s *Scheduler) Stop() { s.stopping.Store(true) }

// Shutdown stops the jobs and waits (up to a minute) for running ones. It implies Stop.
func (s *Scheduler) Shutdown() error {
	s.Stop()
	if err := s.cron.Shutdown(); err != nil {
		return fmt.Errorf("schedule: shutdown: %w", err)
	}
	return nil
}

// PollSoon asks for an events poll of the company now (a webhook announced an event),
// asynchronously. Without an events source it does nothing.
func (s *Scheduler) PollSoon(companyID string) {
	if s.trigger == nil || s.stopping.Load() {
		return
	}
	s.mu.Lock()
	s.pending[companyID] = true
	s.mu.Unlock()
	if err := s.trigger.RunNow(); err != nil {
		s.log.Warn("schedule: start a triggered events poll", slog.Any("error", err))
	}
}

// candidates lists the connected companies, logging failures.
func (s *Scheduler) candidates(ctx context.Context) []db.ScheduleCandidate {
	cands, err := db.ListScheduleCandidates(ctx, s.db)
	if err != nil {
		s.log.Error("schedule: list companies", slog.Any("error", err))
		return nil
	}
	return cands
}
