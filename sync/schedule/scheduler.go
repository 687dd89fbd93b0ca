package schedule

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
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
	// JobEvents is the environment's events feed: the replica holding its lease lists
	// /events and writes the events into the companies' inboxes.
	JobEvents = "dirsync-events-feed"
	// JobInbox applies the companies' inboxes as EVENTS runs; it also runs at once after a
	// webhook or a feed page delivered new events.
	JobInbox = "dirsync-events-inbox"
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
	// Events is the Events API; nil turns the events feed and the inboxes off.
	Events Events
	// Clock drives gocron and decides what is due; default the real clock. Tests pass a
	// clockwork.FakeClock.
	Clock clockwork.Clock
	// Tick is how often due daily runs are looked for; default 1m.
	Tick time.Duration
	// EventsInterval is how often the events feed lists /events and the inboxes are looked
	// at (DIRSYNC_EVENTS_INTERVAL); default 1m.
	EventsInterval time.Duration
	// Concurrency is how many companies one tick syncs (or applies the inbox of) at the
	// same time; default 4.
	Concurrency int
	// Instance names this process in the feed's lease and inbox claims
	// (DIRSYNC_INSTANCE_NAME: a replica restarted under its name takes them back at
	// once); default random.
	Instance string
	// Logger receives the scheduler's decisions and failures; default: discard.
	Logger *slog.Logger
	// Registry, when set, receives the scheduler's Prometheus metrics.
	Registry prometheus.Registerer
	// OnJobDone, when set, is called after each run of a job with its name (JobDaily,
	// JobEvents, JobInbox), e.g. to step a fake clock in tests.
	OnJobDone func(job string)
}

// Scheduler runs the daily syncs, the events feed and the inbox applier in this replica.
// Several replicas on one database each run one; database claims make each daily run
// happen once, the feed's lease makes one replica poll /events, and inbox claims make
// one replica apply a company's events. Start it, then Stop (no new work) and Shutdown
// when the process ends.
type Scheduler struct {
	cfg      Config
	db       *bun.DB
	clock    clockwork.Clock
	log      *slog.Logger
	metrics  *metrics
	cron     gocron.Scheduler
	instance string
	applier  gocron.Job // the JobInbox job, run at once by wakeApplier
	stopping atomic.Bool
	holding  atomic.Bool // this replica holds the feed's lease
	again    atomic.Bool // the applier was woken while running: go round again
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
	if cfg.Instance == "" {
		cfg.Instance = "scheduler-" + rand.Text()[:12]
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	s := &Scheduler{cfg: cfg, db: cfg.DB, clock: cfg.Clock, log: cfg.Logger, metrics: m, instance: cfg.Instance}
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
	add := func(name string, def gocron.JobDefinition, fn func(context.Context), opts ...gocron.JobOption) (gocron.Job, error) {
		var busy atomic.Bool
		task := func(ctx context.Context) {
			if busy.CompareAndSwap(false, true) {
				fn(ctx)
				busy.Store(false)
				if name == JobInbox && s.again.Load() {
					s.wakeApplier() // woken after its last look: go again
				}
			}
			if s.cfg.OnJobDone != nil {
				s.cfg.OnJobDone(name)
			}
		}
		j, err := s.cron.NewJob(def, gocron.NewTask(task), append(opts, gocron.WithName(name))...)
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
	// The feed's and the inbox's next runs come one interval after the previous one
	// ended. Scheduled from the previous start, gocron (v2.21) could re-fire them at once,
	// without end, while the clock stood exactly on a scheduled time (the tests' fake
	// clock does; hundreds of runs a millisecond were seen).
	fromEnd := gocron.WithIntervalFromCompletion()
	if _, err := add(JobEvents, gocron.DurationJob(s.cfg.EventsInterval), s.feedTick, fromEnd); err != nil {
		return err
	}
	// New events run this job at once (wakeApplier); its schedule picks up the rest:
	// events another replica's feed or webhook wrote, backoffs that ended.
	j, err := add(JobInbox, gocron.DurationJob(s.cfg.EventsInterval), s.applyInboxes, fromEnd)
	s.applier = j
	return err
}

// Start starts the jobs; the first daily tick, feed poll and inbox pass come one
// interval later.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop makes the scheduler claim no new work: ticks and polls already running finish
// their current company and start no other. Call it before closing the engine.
func (s *Scheduler) Stop() { s.stopping.Store(true) }

// Shutdown stops the jobs, waits (up to a minute) for running ones and releases the
// events feed's lease when this replica holds it. It implies Stop.
func (s *Scheduler) Shutdown() error {
	s.Stop()
	err := s.cron.Shutdown()
	s.releaseFeed()
	if err != nil {
		return fmt.Errorf("schedule: shutdown: %w", err)
	}
	return nil
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
