package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// maxRunIssues is how many issues a run row keeps; a last issue says how many were left out.
const maxRunIssues = 1000

// runner is the state of one executing run.
type runner struct {
	s            *Service
	run          *db.SyncRun
	status       string // the run's status in the database
	conn         bun.Conn
	hasConn      bool
	connection   *db.DirectoryConnection
	cfg          *db.SyncConfiguration
	mapping      mapping.Mapping
	mapper       *mapping.Mapper // nil for mirror-only runs
	users        []pulled
	existing     existingUsers             // the company's users, loaded before the pull
	offices      officeIndex               // the company's offices, loaded before the pull
	known        map[string]db.MirrorEntry // the mirror before the pull, until the pull ends
	staged       int                       // new or changed directory users staged for the mirror
	gone         []string                  // mirrored directory users no longer in the directory
	lastProgress time.Time
	phases       []any         // slog attributes: how long each phase took
	batch        *EventBatch   // EVENTS runs: the events to apply instead of a pull (events.go)
	groups       *pulledGroups // the directory's groups, when the run pulled (groups_pull.go)
	rules        GroupRules    // the company's group rules, loaded before the pull when the run plans
	life         lifecycle     // what checkDirectory learned (lifecycle.go)
}

// execute runs a claimed-or-queued run to its end and records the outcome; it never panics
// on run errors, which end up in the run row.
func (s *Service) execute(ctx context.Context, run *db.SyncRun) {
	s.executeRunner(ctx, &runner{s: s, run: run, status: db.RunQueued})
}

// executeRunner is execute for a prepared runner.
func (s *Service) executeRunner(ctx context.Context, r *runner) {
	run := r.run
	err := r.exec(ctx)
	if r.hasConn {
		cleanup, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if dropErr := db.DropSyncStages(cleanup, r.conn); dropErr != nil {
			s.log.Warn("engine: drop staging tables", slog.String("run", run.ID), slog.Any("error", dropErr))
		}
		_ = r.conn.Close()
		cancel()
	}
	if err != nil {
		r.fail(ctx, err)
	} else {
		r.eventsApplied(ctx)
	}
	s.observe(run)
	s.log.Info("engine: sync run finished", append([]any{slog.String("run", run.ID), slog.String("company", run.CompanyID),
		slog.String("status", run.Status), slog.Int("fetched", run.Fetched), slog.Int("staged", r.staged)}, r.phases...)...)
	s.startWaiting(ctx, run.CompanyID)
}

func (r *runner) exec(ctx context.Context) error {
	now := r.s.now()
	if err := db.ClaimQueuedRun(ctx, r.s.db, r.run, r.s.instance, now, now.Add(r.s.lease)); err != nil {
		return err
	}
	r.status, r.lastProgress = db.RunRunning, now
	conn, err := r.s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("reserve connection: %w", err)
	}
	r.conn, r.hasConn = conn, true
	if r.connection, err = db.GetDirectoryConnection(ctx, r.s.db, r.run.CompanyID); err != nil {
		return err
	}
	if !r.connection.Connected() {
		return ErrNotConnected
	}
	if err := r.checkDirectory(ctx); err != nil {
		return err
	}
	if r.cfg, err = db.GetSyncConfiguration(ctx, r.s.db, r.run.CompanyID); err != nil {
		return err
	}
	if !r.mirrorOnly() {
		if r.mapping, err = MappingOf(r.cfg); err != nil {
			return err
		}
		if r.mapper, err = mapping.Compile(r.mapping); err != nil {
			return fmt.Errorf("compile saved mapping: %w", err)
		}
	}
	if r.mapper != nil {
		if r.existing, err = loadExistingUsers(ctx, r.conn, r.run.CompanyID); err != nil {
			return err
		}
		offices, err := db.ListOffices(ctx, r.conn, r.run.CompanyID)
		if err != nil {
			return err
		}
		r.offices = newOfficeIndex(offices)
		if r.rules, err = r.s.GroupRules(ctx, r.run.CompanyID); err != nil {
			return err
		}
	}
	load := r.pull
	if r.batch != nil && !r.needsPull() {
		load = r.loadEvents
	}
	if err := r.timed("pull", func() error { return load(ctx) }); err != nil {
		return err
	}
	r.known = nil
	if r.mapper == nil {
		return r.commit(ctx, &plan{}, true, db.RunSucceeded)
	}
	if err := r.applyGroupRules(ctx); err != nil {
		return err
	}
	var p *plan
	_ = r.timed("plan", func() error { p = r.plan(); return nil }) // planning cannot fail
	r.progress(ctx, 0.8, true)
	held, err := r.guard(ctx, p)
	if err != nil {
		return err
	}
	switch {
	case r.run.DryRun:
		for _, is := range held {
			p.Issues = append(p.Issues, db.SyncIssue{Kind: is.Kind, Message: "a real run would stop for review: " + is.Message})
		}
		r.record(p, db.RunSucceeded)
		return r.s.record(ctx, "finish dry run", func(ctx context.Context) error { return r.finish(ctx, r.s.db) })
	case len(held) > 0:
		p.Issues = append(p.Issues, held...)
		return r.hold(ctx, p)
	}
	return r.timed("apply", func() error { return r.commit(ctx, p, true, db.RunSucceeded) })
}

// guard returns the guard issues of the plan (guard.go); the run holds when there is any.
func (r *runner) guard(ctx context.Context, p *plan) ([]db.SyncIssue, error) {
	in := &guardInput{cfg: r.cfg, plan: p}
	if len(p.Deactivate) > 0 {
		var err error
		if in.recent, err = db.UnreviewedDeactivations(ctx, r.s.db, r.run.CompanyID, r.s.now().Add(-guardWindow)); err != nil {
			return nil, err
		}
	}
	return guardIssues(in), nil
}

// timed runs one phase and remembers its duration for the run's log line.
func (r *runner) timed(phase string, fn func() error) error {
	start := time.Now()
	err := fn()
	r.phases = append(r.phases, slog.Duration(phase, time.Since(start)))
	return err
}

// plan plans the run from the pulled users and the company's users and offices.
func (r *runner) plan() *plan {
	p := buildPlan(&planInput{users: r.users, existing: r.existing, offices: r.offices, mapping: r.mapping, roles: r.rules.managesRoles()})
	r.users, r.existing = nil, existingUsers{}
	return p
}

// pulled maps one directory user for planning (see existingUsers.settle for what it keeps).
func (r *runner) pulled(id, idpID, state string, raw []byte) (pulled, error) {
	res, problems, err := r.mapper.MapJSON(raw)
	if err != nil {
		return pulled{}, fmt.Errorf("map directory user %s: %w", id, err)
	}
	storableResult(&res)
	idpID = db.StorableText(idpID)
	assigned := r.cfg.AutoAssignNewUsers
	if e, ok := r.known[id]; ok {
		assigned = e.Assigned
	}
	admin, err := r.rules.adminBySlug(raw) // admin groups join in applyGroupRules
	if err != nil {
		return pulled{}, fmt.Errorf("directory user %s: %w", id, err)
	}
	p := pulled{id: id, idpID: idpID, email: res.Email, active: mirrorState(state) == db.DirectoryUserActive, assigned: assigned,
		admin: admin, m: &mapped{res: res, problems: problems}}
	r.existing.settle(&p, &r.mapping, r.offices)
	return p, nil
}

// hold stores the plan and stops the run as NEEDS_REVIEW, superseding older held runs;
// the mirror is refreshed.
func (r *runner) hold(ctx context.Context, p *plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return r.inTx(ctx, func(tx bun.Tx) error {
		if _, err := db.UpsertMirror(ctx, tx, r.run.CompanyID, r.run.ID, r.cfg.AutoAssignNewUsers, r.gone, r.s.now()); err != nil {
			return err
		}
		if err := r.writeGroups(ctx, tx); err != nil {
			return err
		}
		if err := db.SaveRunPlan(ctx, tx, r.run.ID, body); err != nil {
			return err
		}
		if _, err := db.SupersedeHeldRuns(ctx, tx, r.run); err != nil {
			return err
		}
		r.record(p, db.RunNeedsReview)
		r.run.Progress = 1
		return r.finish(ctx, tx)
	})
}

// record copies the plan's outcome into the run row.
func (r *runner) record(p *plan, status string) {
	c := p.Counts
	r.run.Status = status
	r.run.Created, r.run.Updated, r.run.Deactivated = c.Created, c.Updated, c.Deactivated
	r.run.Reactivated, r.run.Unchanged, r.run.Skipped = c.Reactivated, c.Unchanged, c.Skipped
	r.run.Changes = p.Changes[:min(len(p.Changes), db.MaxRunChanges)]
	r.run.Issues = p.Issues
	if n := len(p.Issues); n > maxRunIssues {
		r.run.Issues = append(p.Issues[:maxRunIssues:maxRunIssues], db.SyncIssue{
			Kind: "more_issues", Message: fmt.Sprintf("%d more issues were not kept", n-maxRunIssues)})
	}
}

// finish writes the run's final row (in idb, possibly the apply transaction).
func (r *runner) finish(ctx context.Context, idb bun.IDB) error {
	now := r.s.now()
	r.run.FinishedAt = &now
	if r.run.Status == db.RunSucceeded {
		r.run.Progress = 1
	}
	if err := db.FinishRun(ctx, idb, r.run, r.status); err != nil {
		return err
	}
	r.status = r.run.Status
	return nil
}

// fail marks the run FAILED with a client-safe error and logs the cause.
func (r *runner) fail(ctx context.Context, cause error) {
	msg := clientMessage(cause, r.s.shuttingDown())
	r.s.log.Error("engine: sync run failed", slog.String("run", r.run.ID), slog.String("company", r.run.CompanyID),
		slog.String("trigger", r.run.Trigger), slog.Any("error", cause))
	if r.status != db.RunQueued && r.status != db.RunRunning {
		return // already finished; the failure came after (e.g. recording the connection)
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	fetched := r.run.Fetched
	*r.run = db.SyncRun{ID: r.run.ID, CompanyID: r.run.CompanyID, Trigger: r.run.Trigger, DryRun: r.run.DryRun,
		StartedBy: r.run.StartedBy, QueuedAt: r.run.QueuedAt, StartedAt: r.run.StartedAt, ScheduledFor: r.run.ScheduledFor,
		ClaimedBy: r.run.ClaimedBy, Fetched: fetched, Progress: r.run.Progress, Status: db.RunFailed, Error: &msg}
	err := r.s.record(wctx, "record failed run", func(ctx context.Context) error { return r.finish(ctx, r.s.db) })
	if errors.Is(err, db.ErrConflict) {
		// Another replica took the run over, or the apply's commit landed although its answer was lost.
		if stored, getErr := db.GetSyncRun(wctx, r.s.db, r.run.CompanyID, r.run.ID); getErr == nil {
			*r.run = *stored
			r.status = stored.Status
		}
		r.s.log.Warn("engine: the failed run was recorded meanwhile", slog.String("run", r.run.ID), slog.String("status", r.run.Status))
		return
	}
	if err != nil {
		r.s.log.Error("engine: record failed run", slog.String("run", r.run.ID), slog.Any("error", err))
	}
	if !r.run.DryRun && countsTowardQuarantine(cause, msg) {
		err := r.s.record(wctx, "record connection failure", func(ctx context.Context) error {
			return db.RecordConnectionResult(ctx, r.s.db, r.run.CompanyID, 0, &msg, r.s.now())
		})
		if err != nil {
			r.s.log.Error("engine: record connection failure", slog.String("run", r.run.ID), slog.Any("error", err))
		}
	}
}

// progress stores the run's progress, at most once per ProgressInterval unless force.
func (r *runner) progress(ctx context.Context, p float64, force bool) {
	now := r.s.now()
	if !force && now.Sub(r.lastProgress) < r.s.every {
		return
	}
	r.lastProgress = now
	r.run.Progress = p
	if err := db.UpdateRunProgress(ctx, r.s.db, r.run.ID, p, r.run.Fetched, now.Add(r.s.lease)); err != nil {
		r.s.log.Warn("engine: update run progress", slog.String("run", r.run.ID), slog.Any("error", err))
	}
}

// observe feeds the finished run into the metrics.
func (s *Service) observe(run *db.SyncRun) {
	s.metrics.runs.WithLabelValues(run.Trigger, run.Status).Inc()
	if run.StartedAt != nil && run.FinishedAt != nil {
		s.metrics.duration.WithLabelValues(run.Trigger).Observe(run.FinishedAt.Sub(*run.StartedAt).Seconds())
	}
	if run.Status == db.RunSucceeded && !run.DryRun {
		for action, n := range map[string]int{ActionCreate: run.Created, ActionUpdate: run.Updated,
			ActionDeactivate: run.Deactivated, ActionReactivate: run.Reactivated} {
			s.metrics.changed.WithLabelValues(action).Add(float64(n))
		}
	}
}
