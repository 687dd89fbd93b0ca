package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
)

// syncRunJSON is the run as `dirsync sync` prints it.
type syncRunJSON struct {
	ID          string          `json:"id"`
	CompanyID   string          `json:"companyId"`
	Trigger     string          `json:"trigger"`
	Status      string          `json:"status"`
	DryRun      bool            `json:"dryRun"`
	QueuedAt    time.Time       `json:"queuedAt"`
	StartedAt   *time.Time      `json:"startedAt"`
	FinishedAt  *time.Time      `json:"finishedAt"`
	DurationMS  int64           `json:"durationMs"`
	Fetched     int             `json:"fetched"`
	Created     int             `json:"created"`
	Updated     int             `json:"updated"`
	Deactivated int             `json:"deactivated"`
	Reactivated int             `json:"reactivated"`
	Unchanged   int             `json:"unchanged"`
	Skipped     int             `json:"skipped"`
	Progress    float64         `json:"progress"`
	Issues      []db.SyncIssue  `json:"issues"`
	Changes     []db.SyncChange `json:"changes"`
	Error       *string         `json:"error"`
}

// cmdSync runs one directory sync of a company now and prints the run as JSON. It fails
// (exit 1) when the run does not succeed or stops for review.
func cmdSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var companyID *string
	var dryRun *bool
	cfg, err := commandConfig("sync", args, stderr, func(fs *flag.FlagSet) {
		companyID = fs.String("company", "", "company id (required)")
		dryRun = fs.Bool("dry-run", false, "only report what the sync would change")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(*companyID) == "" {
		return fmt.Errorf("%w: sync needs --company", errUsage)
	}
	if strings.TrimSpace(cfg.WorkOSAPIKey) == "" {
		return errors.New("no WorkOS API key: set WORKOS_API_KEY or --workos-api-key (use any sk_... key with the emulator, e.g. WORKOS_API_URL=http://localhost:8090)")
	}
	bdb, err := openDatabase(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer bdb.Close()
	if _, err := db.GetCompany(ctx, bdb, *companyID); err != nil {
		return fmt.Errorf("company %s: %w", *companyID, err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	client, err := cfg.workosClient(logger)
	if err != nil {
		return err
	}
	// No InstanceName: this one-off process must not replace the server of that name.
	svc, err := engine.New(engine.Config{DB: bdb, Directory: client, Logger: logger, HolderTimeout: cfg.HolderTimeout})
	if err != nil {
		return err
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = svc.Close(closeCtx)
	}()
	// The heartbeat lets other replicas take over the run at once if this process is killed.
	if err := svc.Start(ctx); err != nil {
		return err
	}
	run, err := svc.RunNow(ctx, *companyID, engine.RunOptions{Trigger: db.TriggerManual, DryRun: *dryRun})
	switch {
	case errors.Is(err, engine.ErrNotConnected):
		return fmt.Errorf("company %s has no connected directory: complete the directory setup in the app first", *companyID)
	case errors.Is(err, engine.ErrRunInProgress):
		_ = writeJSON(stdout, toSyncRunJSON(run))
		return fmt.Errorf("another sync of company %s is in progress (run %s)", *companyID, run.ID)
	case err != nil:
		return err
	}
	if err := writeJSON(stdout, toSyncRunJSON(run)); err != nil {
		return err
	}
	switch run.Status {
	case db.RunSucceeded:
		return nil
	case db.RunNeedsReview:
		return fmt.Errorf("run %s needs review: it would inactivate %d users; approve or reject it in the app", run.ID, run.Deactivated)
	}
	return fmt.Errorf("run %s %s: %s", run.ID, strings.ToLower(run.Status), derefString(run.Error))
}

func toSyncRunJSON(r *db.SyncRun) syncRunJSON {
	issues, changes := r.Issues, r.Changes
	if issues == nil {
		issues = []db.SyncIssue{}
	}
	if changes == nil {
		changes = []db.SyncChange{}
	}
	return syncRunJSON{
		ID: r.ID, CompanyID: r.CompanyID, Trigger: r.Trigger, Status: r.Status, DryRun: r.DryRun,
		QueuedAt: r.QueuedAt, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, DurationMS: r.Duration().Milliseconds(),
		Fetched: r.Fetched, Created: r.Created, Updated: r.Updated, Deactivated: r.Deactivated,
		Reactivated: r.Reactivated, Unchanged: r.Unchanged, Skipped: r.Skipped, Progress: r.Progress,
		Issues: issues, Changes: changes, Error: r.Error,
	}
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
