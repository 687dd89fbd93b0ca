package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Process is one dirsync process (a replica's lifetime) and its heartbeat. Its ID is what
// the process writes into sync_runs.claimed_by; a run whose holder stopped or stopped
// beating is taken over by another replica (see HolderGone).
type Process struct {
	bun.BaseModel `bun:"table:dirsync_processes"`

	// ID is unique per process lifetime: host, pid and a random nonce.
	ID string `bun:"id,pk"`
	// Name is the stable instance name (DIRSYNC_INSTANCE_NAME); "" when not configured.
	Name string `bun:"name,notnull"`
	// StartedAt is the process's first heartbeat.
	StartedAt time.Time `bun:"started_at,notnull"`
	// HeartbeatAt is the process's last heartbeat.
	HeartbeatAt time.Time `bun:"heartbeat_at,notnull"`
	// StoppedAt is set when the process shut down cleanly or a restart under its name replaced it.
	StoppedAt *time.Time `bun:"stopped_at"`
}

// Process times come from PostgreSQL's clock (now()), not the caller's: every replica
// judges every heartbeat on one clock, whatever the skew between machines (or a test's fake
// clock).

// Heartbeat records that the process id (instance name name, "" for none) is alive now,
// registering it on its first call. A stopped process stays stopped: a process another
// replica declared dead cannot come back and keep its runs (their claims were taken).
func Heartbeat(ctx context.Context, idb bun.IDB, id, name string) error {
	_, err := idb.ExecContext(ctx, `INSERT INTO dirsync_processes (id, name, started_at, heartbeat_at)
VALUES (?, ?, now(), now())
ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at WHERE dirsync_processes.stopped_at IS NULL`, id, name)
	if err != nil {
		return fmt.Errorf("heartbeat of process %s: %w", id, mapError(err))
	}
	return nil
}

// StopProcess marks the process stopped (its clean shutdown): its remaining active runs,
// if any, are taken over at once.
func StopProcess(ctx context.Context, idb bun.IDB, id string) error {
	_, err := idb.NewUpdate().Model((*Process)(nil)).Where("id = ? AND stopped_at IS NULL", id).
		Set("stopped_at = now()").Exec(ctx)
	if err != nil {
		return fmt.Errorf("stop process %s: %w", id, mapError(err))
	}
	return nil
}

// StopEarlierProcesses marks stopped every other process registered under the instance
// name (the same replica before a restart: it died, else it would not be starting again)
// and returns how many it stopped. An empty name stops nothing.
func StopEarlierProcesses(ctx context.Context, idb bun.IDB, name, exceptID string) (int, error) {
	if name == "" {
		return 0, nil
	}
	res, err := idb.NewUpdate().Model((*Process)(nil)).
		Where("name = ? AND id <> ? AND stopped_at IS NULL", name, exceptID).
		Set("stopped_at = now()").Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("stop earlier processes of %s: %w", name, mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// LiveProcesses returns the processes not stopped that sent a heartbeat within the last
// `within` (typically the holder timeout), oldest first: the replicas running now, e.g. to
// divide a shared request budget among them.
func LiveProcesses(ctx context.Context, idb bun.IDB, within time.Duration) ([]Process, error) {
	var out []Process
	err := idb.NewSelect().Model(&out).
		Where("stopped_at IS NULL AND heartbeat_at >= now() - make_interval(secs => ?)", within.Seconds()).
		OrderExpr("started_at, id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list live processes: %w", mapError(err))
	}
	return out, nil
}

// ForgetProcesses deletes the processes that sent no heartbeat for olderThan (long dead);
// a run such a process still held is then judged by its lease alone.
func ForgetProcesses(ctx context.Context, idb bun.IDB, olderThan time.Duration) (int, error) {
	res, err := idb.NewDelete().Model((*Process)(nil)).
		Where("heartbeat_at < now() - make_interval(secs => ?)", olderThan.Seconds()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("forget old processes: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// abandoned is the SQL condition, on an active sync_runs row, that its holder is gone: when
// the holder (claimed_by) has a process row, that it stopped or sent no heartbeat within
// timeout, whatever the lease says; otherwise (a process of an older version, a run never
// claimed) that the lease passed before now.
func abandoned(now time.Time, timeout time.Duration) (string, []any) {
	return `coalesce((SELECT p.stopped_at IS NOT NULL OR p.heartbeat_at < now() - make_interval(secs => ?)
    FROM dirsync_processes p WHERE p.id = ?TableAlias.claimed_by), ?TableAlias.lease_until < ?)`,
		[]any{timeout.Seconds(), now}
}
