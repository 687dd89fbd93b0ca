package db

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// OtherDirectory is another active directory of the company's WorkOS organization, shown
// to the admin and never synced unless connected.
type OtherDirectory struct {
	ID       string `json:"id"`
	Provider string `json:"provider"`
	Name     string `json:"name"`
	State    string `json:"state"`
}

// DirectoryLifecycle is what a run learned about the connection's directory from WorkOS.
type DirectoryLifecycle struct {
	// DirectoryID, Provider, Name and State describe the connected directory.
	DirectoryID, Provider, Name, State string
	// StateChangedAt is when State last changed.
	StateChangedAt *time.Time
	// Others are the organization's other active directories.
	Others []OtherDirectory
	// Relinked means DirectoryID replaces a deleted directory: the connection counts as
	// newly connected (failures and quarantine cleared) and its mirror must be pulled first.
	Relinked bool
}

// SaveDirectoryLifecycle stores l on the company's connection.
func SaveDirectoryLifecycle(ctx context.Context, idb bun.IDB, companyID string, l DirectoryLifecycle, now time.Time) error {
	others, err := encodeOthers(l.Others)
	if err != nil {
		return err
	}
	q := idb.NewUpdate().Model((*DirectoryConnection)(nil)).Where("company_id = ?", companyID).
		Set("directory_id = ?, provider = ?, name = ?, state = ?", l.DirectoryID, l.Provider, l.Name, l.State).
		Set("state_changed_at = ?, other_directories = ?, updated_at = ?", l.StateChangedAt, others, now)
	if l.Relinked {
		q = q.Set("connected_at = ?, mirror_pending = true, last_error = NULL, consecutive_failures = 0, quarantined = false", now)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("save directory state: %w", mapError(err))
	}
	return nil
}

// ClearMirrorPending records that the connected directory's first pull into the mirror
// succeeded (in the run's transaction).
func ClearMirrorPending(ctx context.Context, idb bun.IDB, companyID string) error {
	_, err := idb.NewUpdate().Model((*DirectoryConnection)(nil)).Where("company_id = ?", companyID).
		Set("mirror_pending = false").Exec(ctx)
	if err != nil {
		return fmt.Errorf("clear pending mirror pull: %w", mapError(err))
	}
	return nil
}

// encodeOthers is the jsonb of a list of other directories ("[]" for none).
func encodeOthers(others []OtherDirectory) (string, error) {
	if others == nil {
		others = []OtherDirectory{}
	}
	b, err := json.Marshal(others)
	if err != nil {
		return "", fmt.Errorf("encode other directories: %w", err)
	}
	return string(b), nil
}
