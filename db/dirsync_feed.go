package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// EventsFeed is the environment-wide WorkOS events feed's row (workos_events_feed).
type EventsFeed struct {
	bun.BaseModel `bun:"table:workos_events_feed"`

	ID int `bun:"id,pk"`
	// Cursor is the id of the last event written into the inboxes; nil before the first.
	Cursor *string `bun:"cursor"`
	// RangeStart is where a feed without a cursor starts listing (its first poll's time).
	RangeStart *time.Time `bun:"range_start"`
	// CaughtUpAt is when a poll last read to the newest event.
	CaughtUpAt *time.Time `bun:"caught_up_at"`
	// Holder is the process holding the lease; LeaseUntil is when it lapses.
	Holder     *string    `bun:"holder"`
	LeaseUntil *time.Time `bun:"lease_until"`
	UpdatedAt  time.Time  `bun:"updated_at,notnull"`
}

// ClaimEventsFeed takes or renews the feed's lease for holder until leaseUntil when it
// is free, lapsed or already holder's, and returns the feed; ErrConflict when another
// process holds it. A feed without cursor or range start gets range start now.
func ClaimEventsFeed(ctx context.Context, idb bun.IDB, holder string, now, leaseUntil time.Time) (*EventsFeed, error) {
	f := new(EventsFeed)
	res, err := idb.NewUpdate().Model(f).Where("id = 1").
		Where("holder IS NULL OR holder = ? OR lease_until IS NULL OR lease_until < ?", holder, now).
		Set("holder = ?, lease_until = ?, updated_at = ?", holder, leaseUntil, now).
		Set("range_start = CASE WHEN cursor IS NULL THEN coalesce(range_start, ?) END", now).
		Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim events feed: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("claim events feed: %w: held by another process", ErrConflict)
	}
	return f, nil
}

// ReleaseEventsFeed gives up holder's lease, so another replica takes the feed at its
// next tick.
func ReleaseEventsFeed(ctx context.Context, idb bun.IDB, holder string, now time.Time) error {
	_, err := idb.NewUpdate().Model((*EventsFeed)(nil)).Where("id = 1 AND holder = ?", holder).
		Set("holder = NULL, lease_until = NULL, updated_at = ?", now).Exec(ctx)
	if err != nil {
		return fmt.Errorf("release events feed: %w", mapError(err))
	}
	return nil
}

// AdvanceEventsFeed moves the cursor from `from` to `to` (nil: none yet) while holder still
// holds a lease (renewed until leaseUntil); caughtUp records that the poll read to the
// newest event. It reports false, changing nothing, when the lease or cursor moved on:
// the caller's transaction must then be rolled back.
func AdvanceEventsFeed(ctx context.Context, idb bun.IDB, holder string, from, to *string, caughtUp bool, now, leaseUntil time.Time) (bool, error) {
	q := idb.NewUpdate().Model((*EventsFeed)(nil)).Where("id = 1 AND holder = ? AND cursor IS NOT DISTINCT FROM ?", holder, from).
		Set("cursor = ?, lease_until = ?, updated_at = ?", to, leaseUntil, now)
	if caughtUp {
		q = q.Set("caught_up_at = ?", now)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("advance events feed: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ResetEventsFeed drops the cursor (the feed restarts at range start now) and marks every
// connected company for a full pull: events across the gap cannot be trusted. It reports
// false when holder no longer holds the lease.
func ResetEventsFeed(ctx context.Context, idb bun.IDB, holder string, now time.Time) (bool, error) {
	res, err := idb.NewUpdate().Model((*EventsFeed)(nil)).Where("id = 1 AND holder = ?", holder).
		Set("cursor = NULL, range_start = ?, caught_up_at = NULL, updated_at = ?", now, now).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("reset events feed: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	_, err = idb.NewRaw(`
INSERT INTO workos_inbox_companies (company_id, resync_since, updated_at)
SELECT company_id, ?, ? FROM directory_connections WHERE directory_id IS NOT NULL AND disconnected_at IS NULL
ON CONFLICT (company_id) DO UPDATE SET resync_since = coalesce(workos_inbox_companies.resync_since, excluded.resync_since),
    updated_at = excluded.updated_at`, now, now).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("reset events feed: mark companies for a full pull: %w", mapError(err))
	}
	return true, nil
}

// GetEventsFeed returns the feed's row.
func GetEventsFeed(ctx context.Context, idb bun.IDB) (*EventsFeed, error) {
	f := new(EventsFeed)
	if err := idb.NewSelect().Model(f).Where("id = 1").Scan(ctx); err != nil {
		return nil, fmt.Errorf("get events feed: %w", mapError(err))
	}
	return f, nil
}

// EventRoute is a company the feed can route events to, by organization or directory.
type EventRoute struct {
	CompanyID      string     `bun:"company_id"`
	OrganizationID string     `bun:"organization_id"`
	DirectoryID    *string    `bun:"directory_id"`
	ConnectedAt    *time.Time `bun:"connected_at"`
	// Paused is true while the company's sync is disabled or its connection quarantined.
	Paused bool `bun:"paused"`
}

// ListEventRoutes returns the companies whose directory is connected and whose
// organization is one of orgIDs or whose directory is one of dirIDs.
func ListEventRoutes(ctx context.Context, idb bun.IDB, orgIDs, dirIDs []string) ([]EventRoute, error) {
	if len(orgIDs) == 0 && len(dirIDs) == 0 {
		return nil, nil
	}
	var out []EventRoute
	err := idb.NewRaw(routesQuery+" AND (c.organization_id = ANY(?::text[]) OR c.directory_id = ANY(?::text[]))",
		pgArray(orgIDs), pgArray(dirIDs)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list event routes: %w", mapError(err))
	}
	return out, nil
}

// EventRouteOf returns the company's route; ErrNotFound when its directory is not connected.
func EventRouteOf(ctx context.Context, idb bun.IDB, companyID string) (*EventRoute, error) {
	var out []EventRoute
	if err := idb.NewRaw(routesQuery+" AND c.company_id = ?", companyID).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("event route of %s: %w", companyID, mapError(err))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("event route of %s: %w", companyID, ErrNotFound)
	}
	return &out[0], nil
}

const routesQuery = `
SELECT c.company_id, c.organization_id, c.directory_id, c.connected_at,
    (c.quarantined OR NOT coalesce(s.enabled, true)) AS paused
FROM directory_connections c
LEFT JOIN sync_configurations s ON s.company_id = c.company_id
WHERE c.directory_id IS NOT NULL AND c.disconnected_at IS NULL`
