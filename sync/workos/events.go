package workos

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/workos/workos-go/v4/pkg/events"
)

// Directory Sync event types (WORKOS.md §5.3).
const (
	EventDirectoryActivated = "dsync.activated"
	EventDirectoryDeleted   = "dsync.deleted"
	EventUserCreated        = "dsync.user.created"
	EventUserUpdated        = "dsync.user.updated"
	EventUserDeleted        = "dsync.user.deleted"
	EventGroupCreated       = "dsync.group.created"
	EventGroupUpdated       = "dsync.group.updated"
	EventGroupDeleted       = "dsync.group.deleted"
	EventGroupUserAdded     = "dsync.group.user_added"
	EventGroupUserRemoved   = "dsync.group.user_removed"
)

// EventDirectoryDeactivated means the directory stopped syncing (state inactive or
// invalid_credentials); WorkOS's newer SDKs name it, v4 does not.
const EventDirectoryDeactivated = "dsync.deactivated"

// DirectorySyncEventTypes returns (a fresh copy of) every Directory Sync event type,
// the default filter of ListEvents: WorkOS wants an explicit list of types.
func DirectorySyncEventTypes() []string {
	return []string{
		EventDirectoryActivated, EventDirectoryDeleted, EventDirectoryDeactivated,
		EventUserCreated, EventUserUpdated, EventUserDeleted,
		EventGroupCreated, EventGroupUpdated, EventGroupDeleted,
		EventGroupUserAdded, EventGroupUserRemoved,
	}
}

// EventsQuery selects events for ListEvents.
type EventsQuery struct {
	// OrganizationID limits events to one organization; "" means all.
	OrganizationID string
	// After is the cursor: the id of the last processed event; "" starts at the oldest retained.
	After string
	// Types filters by event type; empty means DirectorySyncEventTypes().
	Types []string
	// Limit is the page size, 1..100; 0 means 100, larger values are clamped to 100.
	Limit int
}

// Event is one WorkOS event.
type Event struct {
	// ID is the event id (event_...), also the cursor to resume after it.
	ID string
	// Type is e.g. "dsync.user.updated".
	Type string
	// CreatedAt is when WorkOS recorded the event.
	CreatedAt time.Time
	// Data is the event's payload exactly as WorkOS sent it (WORKOS.md §5.4).
	Data json.RawMessage
}

// ListEvents returns one page of events after q.After, oldest first, and the cursor to
// pass as After next time. The cursor never moves backwards: when WorkOS reports no
// next cursor it is the last returned event's id, or q.After when the page is empty.
func (c *Client) ListEvents(ctx context.Context, q EventsQuery) ([]Event, string, error) {
	types := q.Types
	if len(types) == 0 {
		types = DirectorySyncEventTypes()
	}
	limit := q.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	opts := events.ListEventsOpts{
		Events: slices.Clone(types), Limit: limit, After: q.After, OrganizationId: q.OrganizationID,
	}
	res, _, err := retry(ctx, c, call{op: "list events after " + quoteCursor(q.After)}, func(ctx context.Context) (events.ListEventsResponse, error) {
		return c.events.ListEvents(ctx, opts)
	})
	if err != nil {
		return nil, q.After, c.redact(err)
	}
	out := make([]Event, 0, len(res.Data))
	for _, e := range res.Data {
		out = append(out, Event{ID: e.ID, Type: e.Event, CreatedAt: e.CreatedAt, Data: validUTF8(e.Data)})
	}
	next := res.ListMetadata.After
	if next == "" && len(out) > 0 {
		next = out[len(out)-1].ID
	}
	if next == "" {
		next = q.After
	}
	return out, next, nil
}

func quoteCursor(s string) string {
	if s == "" {
		return "start"
	}
	return s
}
