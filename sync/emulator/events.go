package emulator

import (
	"time"
)

// Event types emitted by the emulator.
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

// event is one entry of the event log. Its data is the concatenation of
// parts, which share the (immutable) encoded user and group bytes.
type event struct {
	id, typ, orgID string
	createdAt      time.Time
	parts          [][]byte
}

func (ev *event) key() string { return ev.id }

// appendJSON renders the event object as the Events API and webhooks send it.
func (ev *event) appendJSON(b []byte) []byte {
	b = append(b, `{"object":"event","id":`...)
	b = appendString(b, ev.id)
	b = append(b, `,"event":`...)
	b = appendString(b, ev.typ)
	b = append(b, `,"data":`...)
	for _, p := range ev.parts {
		b = append(b, p...)
	}
	b = append(b, `,"created_at":`...)
	b = appendString(b, formatTime(ev.createdAt))
	return append(b, `,"context":{}}`...)
}

// emit records an event and queues its webhook. Callers hold e.mu.
func (e *Emulator) emit(typ, orgID string, parts ...[]byte) {
	e.rev++
	if e.muted {
		return
	}
	now := e.now()
	ev := &event{id: e.ids.next("event_", now), typ: typ, orgID: orgID, createdAt: now, parts: parts}
	e.events = insertSorted(e.events, ev)
	if e.webhook.url != "" && e.webhook.secret != "" {
		e.hooks.enqueue(ev, e.webhook)
	}
}

// membershipParts builds the data of dsync.group.user_added/removed.
func membershipParts(u *userRec, g *groupRec) [][]byte {
	prefix := appendString([]byte(`{"directory_id":`), u.dir.id)
	prefix = append(prefix, `,"user":`...)
	return [][]byte{prefix, u.core, []byte(`,"group":`), g.core, []byte("}")}
}
