package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// InboxCompany is a company's inbox state (workos_inbox_companies): who applies it now,
// its backoff, and whether a full pull is due.
type InboxCompany struct {
	bun.BaseModel `bun:"table:workos_inbox_companies"`

	CompanyID  string     `bun:"company_id,pk,type:uuid"`
	ClaimedBy  *string    `bun:"claimed_by"`
	LeaseUntil *time.Time `bun:"lease_until"`
	// Failures counts applies that failed in a row; RetryAt is when the next is allowed.
	Failures int        `bun:"failures,notnull"`
	RetryAt  *time.Time `bun:"retry_at"`
	// ResyncSince, when set, means a full pull is due: events were dropped from then on
	// (the company was paused) or the feed lost events (a reset cursor).
	ResyncSince *time.Time `bun:"resync_since"`
	UpdatedAt   time.Time  `bun:"updated_at,notnull"`
}

// MarkInboxResync records that the companies need a full pull (keeping an earlier mark).
func MarkInboxResync(ctx context.Context, idb bun.IDB, companyIDs []string, now time.Time) error {
	if len(companyIDs) == 0 {
		return nil
	}
	_, err := idb.NewRaw(`
INSERT INTO workos_inbox_companies (company_id, resync_since, updated_at)
SELECT unnest(?::uuid[]), ?::timestamptz, ?::timestamptz
ON CONFLICT (company_id) DO UPDATE SET resync_since = coalesce(workos_inbox_companies.resync_since, excluded.resync_since),
    updated_at = excluded.updated_at`, pgArray(companyIDs), now, now).Exec(ctx)
	if err != nil {
		return fmt.Errorf("mark companies for a full pull: %w", mapError(err))
	}
	return nil
}

// DueInboxCompanies returns up to limit companies with work for an applier, oldest
// pending event first: pending events (of any company, so that a paused one's are
// dropped), or a due full pull of a connected company with sync on. Companies claimed
// by a live applier or backing off are left out.
func DueInboxCompanies(ctx context.Context, idb bun.IDB, now time.Time, limit int) ([]string, error) {
	var out []string
	err := idb.NewRaw(`
SELECT p.company_id FROM (
    SELECT company_id, min(event_id) AS first FROM workos_event_inbox WHERE done_at IS NULL GROUP BY company_id
    UNION ALL
    SELECT s.company_id, '' AS first FROM workos_inbox_companies s
    JOIN directory_connections c ON c.company_id = s.company_id
    LEFT JOIN sync_configurations cfg ON cfg.company_id = s.company_id
    WHERE s.resync_since IS NOT NULL AND c.directory_id IS NOT NULL AND c.disconnected_at IS NULL
        AND NOT c.quarantined AND coalesce(cfg.enabled, true)
) p
LEFT JOIN workos_inbox_companies s ON s.company_id = p.company_id
WHERE (s.lease_until IS NULL OR s.lease_until <= ?) AND (s.retry_at IS NULL OR s.retry_at <= ?)
GROUP BY p.company_id ORDER BY min(p.first), p.company_id LIMIT ?`, now, now, limit).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("due inbox companies: %w", mapError(err))
	}
	return out, nil
}

// ClaimInbox makes holder the company's applier until leaseUntil (or renews holder's
// claim) and returns its state; ErrConflict when another applier holds it or it is backing off.
func ClaimInbox(ctx context.Context, idb bun.IDB, companyID, holder string, now, leaseUntil time.Time) (*InboxCompany, error) {
	var out []InboxCompany
	err := idb.NewRaw(`
INSERT INTO workos_inbox_companies (company_id, claimed_by, lease_until, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (company_id) DO UPDATE SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until,
    updated_at = excluded.updated_at
WHERE (workos_inbox_companies.claimed_by = excluded.claimed_by OR workos_inbox_companies.lease_until IS NULL
        OR workos_inbox_companies.lease_until <= ?)
    AND (workos_inbox_companies.retry_at IS NULL OR workos_inbox_companies.retry_at <= ?)
RETURNING *`, companyID, holder, leaseUntil, now, now, now).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("claim inbox of %s: %w", companyID, mapError(err))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("claim inbox of %s: %w: claimed or backing off", companyID, ErrConflict)
	}
	return &out[0], nil
}

// InboxRelease is how an applier leaves a company's inbox.
type InboxRelease struct {
	// Now is the release time.
	Now time.Time
	// Failed counts a failed apply and holds the company until RetryAt; otherwise a
	// Succeeded apply clears the failures, and neither (busy) changes nothing else.
	Failed, Succeeded bool
	RetryAt           time.Time
	// PulledFrom, when set, is the start of a full pull that succeeded: a full-pull mark
	// set before it is cleared.
	PulledFrom *time.Time
}

// ReleaseInbox ends holder's claim on the company's inbox.
func ReleaseInbox(ctx context.Context, idb bun.IDB, companyID, holder string, r InboxRelease) error {
	q := idb.NewUpdate().Model((*InboxCompany)(nil)).Where("company_id = ? AND claimed_by = ?", companyID, holder).
		Set("claimed_by = NULL, lease_until = NULL, updated_at = ?", r.Now)
	switch {
	case r.Failed:
		q = q.Set("failures = failures + 1, retry_at = ?", r.RetryAt)
	case r.Succeeded:
		q = q.Set("failures = 0, retry_at = NULL")
	}
	if r.PulledFrom != nil {
		q = q.Set("resync_since = CASE WHEN resync_since <= ? THEN NULL ELSE resync_since END", *r.PulledFrom)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("release inbox of %s: %w", companyID, mapError(err))
	}
	return nil
}
