package workos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Event is one WorkOS event, read from the Events API or a webhook as raw JSON so that
// one odd field cannot fail a whole page.
type Event struct {
	// ID is the event id (event_...), also the cursor to resume after it; "" only for an
	// element that is not an event at all (see Issue).
	ID string
	// Type is e.g. "dsync.user.updated".
	Type string
	// CreatedAt is when WorkOS recorded the event; zero when created_at was missing or
	// unparsable (Issue says so).
	CreatedAt time.Time
	// OrganizationID is the WorkOS organization the event belongs to, read from its data
	// (data.organization_id, or that of data.user or data.group); "" when it names none.
	OrganizationID string
	// DirectoryID is the directory the event belongs to (data.directory_id, data.id of a
	// directory object, or that of data.user or data.group); "" when it names none.
	DirectoryID string
	// Data is the event's payload exactly as WorkOS sent it (WORKOS.md §5.4).
	Data json.RawMessage
	// Issue is why part of the event could not be read (e.g. an unparsable created_at);
	// "" when it was read whole.
	Issue string
}

// eventsPage is one decoded GET /events body.
type eventsPage struct {
	events []Event
	after  string
}

// decodeEventsPage decodes a list of events; an element that is not a readable event is
// returned with Issue set instead of failing the page.
func decodeEventsPage(body []byte) (eventsPage, error) {
	var raw struct {
		Data         *[]json.RawMessage `json:"data"`
		ListMetadata struct {
			After *string `json:"after"`
		} `json:"list_metadata"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return eventsPage{}, fmt.Errorf("%w: list of events: %v", errDecode, err)
	}
	if raw.Data == nil {
		return eventsPage{}, fmt.Errorf("%w: list of events without data", errDecode)
	}
	p := eventsPage{events: make([]Event, 0, len(*raw.Data))}
	for _, e := range *raw.Data {
		p.events = append(p.events, ParseEvent(e))
	}
	if raw.ListMetadata.After != nil {
		p.after = *raw.ListMetadata.After
	}
	return p, nil
}

// ParseEvent reads one event object (an element of /events or a webhook body). It never
// fails: what cannot be read is left zero and described in Issue.
func ParseEvent(body []byte) Event {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(validUTF8(body), &fields); err != nil {
		return Event{Issue: "not an event object: " + err.Error()}
	}
	e := Event{ID: jsonString(fields["id"]), Type: jsonString(fields["event"]), Data: fields["data"]}
	if e.ID == "" {
		e.Issue = "event without id"
	}
	switch at := jsonString(fields["created_at"]); {
	case at == "":
		e.Issue = joinIssue(e.Issue, "missing created_at")
	default:
		t, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			e.Issue = joinIssue(e.Issue, fmt.Sprintf("unparsable created_at %.40q", at))
		} else {
			e.CreatedAt = t
		}
	}
	e.OrganizationID, e.DirectoryID = eventOwner(e.Data)
	return e
}

// eventOwner finds the organization and directory an event's data belongs to.
func eventOwner(data json.RawMessage) (org, dir string) {
	var d map[string]json.RawMessage
	if json.Unmarshal(data, &d) != nil {
		return "", ""
	}
	org, dir = jsonString(d["organization_id"]), jsonString(d["directory_id"])
	if dir == "" && jsonString(d["object"]) == "directory" {
		dir = jsonString(d["id"])
	}
	for _, inner := range []string{"user", "group"} {
		if org != "" && dir != "" {
			break
		}
		var o map[string]json.RawMessage
		if json.Unmarshal(d[inner], &o) != nil {
			continue
		}
		if org == "" {
			org = jsonString(o["organization_id"])
		}
		if dir == "" {
			dir = jsonString(o["directory_id"])
		}
	}
	return org, dir
}

// jsonString is the value of a JSON string, "" for anything else.
func jsonString(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || v[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

func joinIssue(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
