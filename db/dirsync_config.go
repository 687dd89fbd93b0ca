package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// GetDirectoryConnection loads the company's connection; ErrNotFound before setup started.
func GetDirectoryConnection(ctx context.Context, idb bun.IDB, companyID string) (*DirectoryConnection, error) {
	c := new(DirectoryConnection)
	if err := idb.NewSelect().Model(c).Where("company_id = ?", companyID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get directory connection: %w", mapError(err))
	}
	return c, nil
}

// StartDirectoryConnection records the company's WorkOS organization when setup starts.
// It is idempotent: an existing connection keeps its organization and is returned as is
// (a disconnected one is reopened for a new setup).
func StartDirectoryConnection(ctx context.Context, idb bun.IDB, companyID, organizationID string) (*DirectoryConnection, error) {
	_, err := idb.ExecContext(ctx, `
INSERT INTO directory_connections AS c (company_id, organization_id) VALUES (?, ?)
ON CONFLICT (company_id) DO UPDATE SET disconnected_at = NULL, updated_at = now(),
    directory_id = CASE WHEN c.disconnected_at IS NULL THEN c.directory_id END
WHERE c.disconnected_at IS NOT NULL`, companyID, organizationID)
	if err != nil {
		return nil, fmt.Errorf("start directory connection: %w", mapError(err))
	}
	return GetDirectoryConnection(ctx, idb, companyID)
}

// SetRequestedProvider stores the directory type the admin picked when setup started
// (empty for none). ErrNotFound when there is no connection.
func SetRequestedProvider(ctx context.Context, idb bun.IDB, companyID, provider string) error {
	res, err := idb.NewUpdate().Model((*DirectoryConnection)(nil)).Where("company_id = ?", companyID).
		Set("requested_provider = ?, updated_at = now()", optional(provider)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("set requested provider: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set requested provider: %w", ErrNotFound)
	}
	return nil
}

// DirectoryDetails is what completeDirectorySetup learns about the directory from WorkOS.
type DirectoryDetails struct {
	DirectoryID string
	Provider    string
	Name        string
	// State is normalised (workos.NormalizeDirectoryState).
	State string
	// Others are the organization's other active directories.
	Others []OtherDirectory
	// MirrorPending makes every run only pull the directory into the mirror until one
	// succeeds (the setup wizard's first pull, which changes no user).
	MirrorPending bool
}

// CompleteDirectoryConnection stores the directory found after the Admin Portal setup and
// marks the connection connected. ErrNotFound when setup was never started.
func CompleteDirectoryConnection(ctx context.Context, idb bun.IDB, companyID string, d DirectoryDetails, now time.Time) (*DirectoryConnection, error) {
	others, err := encodeOthers(d.Others)
	if err != nil {
		return nil, err
	}
	c := new(DirectoryConnection)
	res, err := idb.NewUpdate().Model(c).Where("company_id = ?", companyID).
		Set("directory_id = ?, provider = ?, name = ?, state = ?", d.DirectoryID, d.Provider, d.Name, d.State).
		Set("state_changed_at = CASE WHEN state IS DISTINCT FROM ? THEN ? ELSE state_changed_at END", d.State, now).
		Set("other_directories = ?, mirror_pending = ?", others, d.MirrorPending).
		Set("connected_at = coalesce(CASE WHEN directory_id IS DISTINCT FROM ? THEN NULL ELSE connected_at END, ?)", d.DirectoryID, now).
		Set("disconnected_at = NULL, last_error = NULL, consecutive_failures = 0, quarantined = false, updated_at = ?", now).
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("complete directory connection: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("complete directory connection: %w", ErrNotFound)
	}
	return c, nil
}

// DisconnectDirectoryConnection stops syncing: the connection is kept (organization, history)
// but marked disconnected. Users keep their data. ErrNotFound when there is no connection.
func DisconnectDirectoryConnection(ctx context.Context, idb bun.IDB, companyID string, now time.Time) error {
	res, err := idb.NewUpdate().Model((*DirectoryConnection)(nil)).Where("company_id = ?", companyID).
		Set("disconnected_at = ?, updated_at = ?", now, now).Exec(ctx)
	if err != nil {
		return fmt.Errorf("disconnect directory: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("disconnect directory: %w", ErrNotFound)
	}
	return nil
}

// QuarantineAfter is how many consecutive failed runs quarantine a connection: the
// scheduler then tries it only once a day (the daily run) until a run succeeds.
const QuarantineAfter = 3

// RecordConnectionResult stores the outcome of a run on the connection: on success the
// user count and a cleared error and quarantine; on failure the error and one more
// consecutive failure, quarantining it at QuarantineAfter.
func RecordConnectionResult(ctx context.Context, idb bun.IDB, companyID string, userCount int, runErr *string, now time.Time) error {
	q := idb.NewUpdate().Model((*DirectoryConnection)(nil)).Where("company_id = ?", companyID).Set("updated_at = ?", now)
	if runErr == nil {
		q = q.Set("user_count = ?, last_error = NULL, consecutive_failures = 0, quarantined = false", userCount)
	} else {
		q = q.Set("last_error = ?, consecutive_failures = consecutive_failures + 1", *runErr).
			Set("quarantined = consecutive_failures + 1 >= ?", QuarantineAfter)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("record connection result: %w", mapError(err))
	}
	return nil
}

// GetSyncConfiguration loads the company's configuration, or the defaults when none was saved.
func GetSyncConfiguration(ctx context.Context, idb bun.IDB, companyID string) (*SyncConfiguration, error) {
	c := new(SyncConfiguration)
	err := idb.NewSelect().Model(c).Where("company_id = ?", companyID).Scan(ctx)
	if err != nil {
		if err = mapError(err); err == ErrNotFound {
			return DefaultSyncConfiguration(companyID), nil
		}
		return nil, fmt.Errorf("get sync configuration: %w", err)
	}
	return c, nil
}

// SaveSyncConfiguration inserts or replaces the company's configuration. The caller
// validates it; UpdatedAt and UpdatedBy are taken from c.
func SaveSyncConfiguration(ctx context.Context, idb bun.IDB, c *SyncConfiguration) (*SyncConfiguration, error) {
	_, err := idb.NewInsert().Model(c).
		On("CONFLICT (company_id) DO UPDATE").
		Set("enabled = EXCLUDED.enabled, daily_at = EXCLUDED.daily_at, time_zone = EXCLUDED.time_zone").
		Set("mapping = EXCLUDED.mapping, auto_assign_new_users = EXCLUDED.auto_assign_new_users").
		Set("max_deactivation_percent = EXCLUDED.max_deactivation_percent").
		Set("max_deactivation_count = EXCLUDED.max_deactivation_count").
		Set("updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by").
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("save sync configuration: %w", mapError(err))
	}
	return c, nil
}
