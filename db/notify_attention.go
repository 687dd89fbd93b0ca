package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// AttentionItem is something in the company's directory sync that waits for an admin.
type AttentionItem struct {
	// Kind is IncidentHeldRun, IncidentQuarantined or IncidentDirectoryBroken.
	Kind string `bun:"kind"`
	// RunID is the held run (IncidentHeldRun only).
	RunID string `bun:"run_id"`
	// State is the directory's WorkOS state.
	State *string `bun:"state"`
	// Deactivated is how many people the held run would inactivate.
	Deactivated int `bun:"deactivated"`
	// LastError is the connection's last run error (quarantine).
	LastError *string `bun:"last_error"`
	// Since is when it began.
	Since time.Time `bun:"since"`
}

// Attention lists what waits for an admin now, read from the live rows (not from the
// incidents, so it cannot drift from them): runs held for review, a quarantined
// connection and a directory whose state needs a person. Oldest first.
func Attention(ctx context.Context, idb bun.IDB, companyID string) ([]AttentionItem, error) {
	var out []AttentionItem
	err := idb.NewRaw(`
SELECT ? AS kind, r.id::text AS run_id, NULL AS state, r.deactivated, NULL AS last_error,
       coalesce(r.finished_at, r.queued_at) AS since
FROM sync_runs r WHERE r.company_id = ? AND r.status = ? AND NOT r.dry_run
UNION ALL
SELECT k.kind, '', c.state, 0, c.last_error,
       coalesce((SELECT i.opened_at FROM notification_incidents i WHERE i.company_id = c.company_id
                 AND i.kind = k.kind AND i.subject = '' AND i.resolved_at IS NULL), c.updated_at)
FROM directory_connections c
CROSS JOIN (VALUES (?), (?)) AS k (kind)
WHERE c.company_id = ? AND c.disconnected_at IS NULL AND c.directory_id IS NOT NULL
  AND CASE k.kind WHEN ? THEN c.quarantined ELSE notify_directory_broken(c.state) END
ORDER BY since, kind`,
		IncidentHeldRun, companyID, RunNeedsReview,
		IncidentQuarantined, IncidentDirectoryBroken, companyID, IncidentQuarantined).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list attention items: %w", mapError(err))
	}
	return out, nil
}
