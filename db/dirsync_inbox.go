package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Inbox event sources and outcomes.
const (
	// InboxFromPoll is an event the environment feed read from /events.
	InboxFromPoll = "poll"
	// InboxFromWebhook is an event a signed webhook delivered.
	InboxFromWebhook = "webhook"
	// InboxApplied is an event an EVENTS run applied (SUCCEEDED or NEEDS_REVIEW).
	InboxApplied = "applied"
	// InboxDropped is an event left unapplied on purpose (the company was paused or not
	// connected, the event predates the connection, or a full pull covered it).
	InboxDropped = "dropped"
)

// InboxEvent is one WorkOS event in a company's inbox (workos_event_inbox).
type InboxEvent struct {
	bun.BaseModel `bun:"table:workos_event_inbox"`

	EventID   string `bun:"event_id,pk"`
	CompanyID string `bun:"company_id,type:uuid,notnull"`
	Type      string `bun:"type,notnull"`
	// CreatedAt is WorkOS's created_at; nil when it was missing or unparsable.
	CreatedAt *time.Time `bun:"created_at"`
	// Data is the event's data exactly as received.
	Data       []byte    `bun:"data,type:bytea,notnull"`
	Source     string    `bun:"source,notnull"`
	ReceivedAt time.Time `bun:"received_at,notnull"`
	// DoneAt is when the event was applied or dropped (Outcome); nil while pending.
	DoneAt  *time.Time `bun:"done_at"`
	Outcome *string    `bun:"outcome"`
	RunID   *string    `bun:"run_id,type:uuid"`
}

// InsertInboxEvents writes events into their companies' inboxes, skipping event ids
// already there, and returns the events it inserted.
func InsertInboxEvents(ctx context.Context, idb bun.IDB, evs []InboxEvent) ([]InboxEvent, error) {
	if len(evs) == 0 {
		return nil, nil
	}
	var fresh []InboxEvent
	err := idb.NewInsert().Model(&evs).On("CONFLICT (event_id) DO NOTHING").
		Returning("event_id, company_id, type").Scan(ctx, &fresh)
	if err != nil {
		return nil, fmt.Errorf("insert inbox events: %w", mapError(err))
	}
	return fresh, nil
}

// PendingInboxEvents returns up to limit of the company's pending events in event order.
func PendingInboxEvents(ctx context.Context, idb bun.IDB, companyID string, limit int) ([]InboxEvent, error) {
	var out []InboxEvent
	err := idb.NewSelect().Model(&out).Where("company_id = ? AND done_at IS NULL", companyID).
		OrderExpr("event_id").Limit(int64(limit)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("pending inbox events: %w", mapError(err))
	}
	return out, nil
}

// FinishInboxEvents marks the company's pending events with the given ids done with
// outcome (InboxApplied or InboxDropped) and the run that applied them (nil for none).
func FinishInboxEvents(ctx context.Context, idb bun.IDB, companyID string, ids []string, outcome string, runID *string, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := idb.NewUpdate().Model((*InboxEvent)(nil)).
		Where("company_id = ? AND event_id IN (?) AND done_at IS NULL", companyID, bun.In(ids)).
		Set("done_at = ?, outcome = ?, run_id = ?", now, outcome, runID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("finish inbox events: %w", mapError(err))
	}
	return nil
}

// DropPendingInbox drops every pending event of the company received up to `upTo` and
// reports how many.
func DropPendingInbox(ctx context.Context, idb bun.IDB, companyID string, upTo, now time.Time) (int, error) {
	res, err := idb.NewUpdate().Model((*InboxEvent)(nil)).
		Where("company_id = ? AND done_at IS NULL AND received_at <= ?", companyID, upTo).
		Set("done_at = ?, outcome = ?", now, InboxDropped).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("drop inbox events: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// InboxDepth returns the number of pending inbox events of all companies and when the
// oldest of them was received (nil when none is pending).
func InboxDepth(ctx context.Context, idb bun.IDB) (int, *time.Time, error) {
	var row struct {
		N      int        `bun:"n"`
		Oldest *time.Time `bun:"oldest"`
	}
	err := idb.NewRaw("SELECT count(*) AS n, min(received_at) AS oldest FROM workos_event_inbox WHERE done_at IS NULL").Scan(ctx, &row)
	if err != nil {
		return 0, nil, fmt.Errorf("inbox depth: %w", mapError(err))
	}
	return row.N, row.Oldest, nil
}

// PruneInbox deletes events done before `before` (a redelivery that old is past WorkOS's
// retries and the feed's cursor).
func PruneInbox(ctx context.Context, idb bun.IDB, before time.Time) (int64, error) {
	res, err := idb.NewDelete().Model((*InboxEvent)(nil)).Where("done_at < ?", before).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune inbox: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// InboxEventsOfRun counts the events among eventIDs marked done by the run: a FAILED run
// that consumed its batch (its directory is not usable, so the events are accounted for)
// has some, a run that failed to apply has none. It looks the events up by primary key:
// done events stay in the inbox until pruned and no index covers run_id.
func InboxEventsOfRun(ctx context.Context, idb bun.IDB, runID string, eventIDs []string) (int, error) {
	if len(eventIDs) == 0 {
		return 0, nil
	}
	n, err := idb.NewSelect().Model((*InboxEvent)(nil)).Where("event_id IN (?) AND run_id = ?", bun.In(eventIDs), runID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("inbox events of run %s: %w", runID, mapError(err))
	}
	return int(n), nil
}
