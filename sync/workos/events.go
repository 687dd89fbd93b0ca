package workos

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/workos/workos-go/v4/pkg/workos_errors"
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

// ErrCursorRejected means WorkOS refused the events cursor (a 4xx naming it), typically
// because the event it names is past WorkOS's retention: events after it may be lost.
var ErrCursorRejected = errors.New("workos: events cursor rejected")

// DirectorySyncEventTypes returns (a fresh copy of) every Directory Sync event type,
// the default filter of ListEvents: WorkOS wants an explicit list of types.
func DirectorySyncEventTypes() []string {
	return []string{
		EventDirectoryActivated, EventDirectoryDeleted,
		EventUserCreated, EventUserUpdated, EventUserDeleted,
		EventGroupCreated, EventGroupUpdated, EventGroupDeleted,
		EventGroupUserAdded, EventGroupUserRemoved,
	}
}

// EventsQuery selects events for ListEvents. `order` is never sent: WorkOS ignores it on
// /events and always lists oldest first.
type EventsQuery struct {
	// OrganizationID limits events to one organization; "" means the whole environment.
	OrganizationID string
	// After is the cursor: the id of the last processed event; "" starts at RangeStart.
	After string
	// RangeStart, when not zero, lists only events created from then on (range_start).
	RangeStart time.Time
	// Types filters by event type; empty means DirectorySyncEventTypes().
	Types []string
	// Limit is the page size, 1..100; 0 means 100, larger values are clamped to 100.
	Limit int
}

// ListEvents returns one page of events after q.After, oldest first, and the cursor to
// pass as After next time. The cursor never moves backwards: when WorkOS reports no
// next cursor it is the last returned event's id, or q.After when the page is empty.
// Events are read as raw JSON: one that cannot be read whole is still returned, with
// Issue set (see Event). A 4xx answer naming the cursor wraps ErrCursorRejected.
func (c *Client) ListEvents(ctx context.Context, q EventsQuery) ([]Event, string, error) {
	v := url.Values{}
	types := q.Types
	if len(types) == 0 {
		types = DirectorySyncEventTypes()
	}
	for _, t := range types {
		v.Add("events", t)
	}
	limit := q.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	v.Set("limit", strconv.Itoa(limit))
	if q.After != "" {
		v.Set("after", q.After)
	}
	if !q.RangeStart.IsZero() {
		v.Set("range_start", q.RangeStart.UTC().Format(time.RFC3339Nano))
	}
	if q.OrganizationID != "" {
		v.Set("organization_id", q.OrganizationID)
	}
	rejected := false
	res, _, err := retry(ctx, c, call{op: "list events after " + quoteCursor(q.After)}, func(ctx context.Context) (eventsPage, error) {
		body, err := c.getRaw(ctx, "/events", v)
		if err != nil {
			rejected = q.After != "" && namesCursor(err)
			return eventsPage{}, err
		}
		return decodeEventsPage(body)
	})
	if err != nil {
		if rejected {
			err = fmt.Errorf("%w: %w", ErrCursorRejected, err)
		}
		return nil, q.After, c.redact(err)
	}
	next := res.after
	if next == "" && len(res.events) > 0 {
		next = res.events[len(res.events)-1].ID
	}
	if next == "" {
		next = q.After
	}
	return res.events, next, nil
}

// namesCursor reports whether err is a 4xx (other than 401, 403, 408, 429) whose field
// errors, message or body name the `after` cursor (the quoted field name, or "cursor").
func namesCursor(err error) bool {
	var he workos_errors.HTTPError
	if !errors.As(err, &he) || he.Code < 400 || he.Code >= 500 || retryableStatus(he.Code) ||
		he.Code == 401 || he.Code == 403 {
		return false
	}
	for _, f := range he.FieldErrors {
		if f.Field == "after" {
			return true
		}
	}
	text := strings.ToLower(he.Message + " " + he.ErrorCode + " " + he.ErrorDescription + " " + strings.Join(he.Errors, " "))
	return strings.Contains(text, "cursor") || strings.Contains(text, "'after'") ||
		strings.Contains(strings.ToLower(he.RawBody), `"after"`)
}

func quoteCursor(s string) string {
	if s == "" {
		return "start"
	}
	return s
}
