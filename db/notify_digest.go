package db

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// CompaniesDueDigest lists the companies with the weekly digest on that have no digest
// for the week starting at weekStart (its subject).
func CompaniesDueDigest(ctx context.Context, idb bun.IDB, weekStart string) ([]string, error) {
	var ids []string
	err := idb.NewRaw(`
SELECT s.company_id FROM notification_settings s
WHERE s.weekly_digest AND NOT EXISTS (
    SELECT 1 FROM notification_incidents i
    WHERE i.company_id = s.company_id AND i.kind = ? AND i.subject = ?)
ORDER BY s.company_id`, IncidentWeeklyDigest, weekStart).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("list companies due a digest: %w", mapError(err))
	}
	return ids, nil
}

// PeopleChange is one person's change in a successful run, for the digest.
type PeopleChange struct {
	// Action is CREATE, UPDATE, DEACTIVATE or REACTIVATE.
	Action string `bun:"action"`
	// FirstName is the person's first name now (or the first word of their name).
	FirstName string `bun:"first_name"`
	// Fields are the changed fields of an UPDATE.
	Fields []string `bun:"fields,array"`
}

// RunTotals are the summed counts of a company's successful runs in a period.
type RunTotals struct {
	Created     int `bun:"created"`
	Reactivated int `bun:"reactivated"`
	Deactivated int `bun:"deactivated"`
	// Kept is how many per-user changes the runs kept (each keeps MaxRunChanges).
	Kept int `bun:"kept"`
	// Changed is how many users the runs changed in all.
	Changed int `bun:"changed"`
}

// PeopleChanges returns the per-user changes the company's applied runs that finished
// in [from, to) kept, oldest first, and the runs' summed counts.
func PeopleChanges(ctx context.Context, idb bun.IDB, companyID string, from, to time.Time) ([]PeopleChange, RunTotals, error) {
	var totals RunTotals
	err := idb.NewRaw(`
SELECT coalesce(sum(created), 0) AS created, coalesce(sum(reactivated), 0) AS reactivated,
       coalesce(sum(deactivated), 0) AS deactivated, coalesce(sum(jsonb_array_length(changes)), 0) AS kept,
       coalesce(sum(created + reactivated + deactivated + updated), 0) AS changed
FROM sync_runs WHERE company_id = ? AND status = ? AND NOT dry_run AND finished_at >= ? AND finished_at < ?`,
		companyID, RunSucceeded, from, to).Scan(ctx, &totals)
	if err != nil {
		return nil, totals, fmt.Errorf("sum the week's runs: %w", mapError(err))
	}
	var out []PeopleChange
	err = idb.NewRaw(`
SELECT ch->>'action' AS action,
       coalesce(nullif(u.first_name, ''), split_part(ch->>'name', ' ', 1)) AS first_name,
       ARRAY(SELECT f->>'field' FROM jsonb_array_elements(CASE jsonb_typeof(ch->'fields') WHEN 'array' THEN ch->'fields' ELSE '[]' END) f) AS fields
FROM sync_runs r
CROSS JOIN LATERAL jsonb_array_elements(r.changes) WITH ORDINALITY AS c (ch, n)
LEFT JOIN users u ON u.company_id = r.company_id AND u.email = ch->>'email'
WHERE r.company_id = ? AND r.status = ? AND NOT r.dry_run AND r.finished_at >= ? AND r.finished_at < ?
ORDER BY r.finished_at, r.id, c.n`, companyID, RunSucceeded, from, to).Scan(ctx, &out)
	if err != nil {
		return nil, totals, fmt.Errorf("list the week's people changes: %w", mapError(err))
	}
	return out, totals, nil
}

// InsertDigest stores the company's digest for the week (subject: its Monday) and its
// messages, unless another replica stored it first; it reports whether it did.
func InsertDigest(ctx context.Context, tx bun.Tx, companyID, weekStart string, details json.RawMessage) (bool, error) {
	var id string
	err := tx.NewRaw(`
INSERT INTO notification_incidents (company_id, kind, subject, details, resolved_at)
VALUES (?, ?, ?, ?, now())
ON CONFLICT (company_id, subject) WHERE kind = 'weekly_digest' DO NOTHING
RETURNING id`, companyID, IncidentWeeklyDigest, weekStart, string(details)).Scan(ctx, &id)
	if err != nil {
		if mapError(err) == ErrNotFound {
			return false, nil
		}
		return false, fmt.Errorf("insert digest: %w", mapError(err))
	}
	if _, err := tx.ExecContext(ctx, "SELECT notify_fan_out(?, ?)", id, companyID); err != nil {
		return false, fmt.Errorf("address digest: %w", mapError(err))
	}
	return true, nil
}
