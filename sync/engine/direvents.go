package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// directoryEvent is the part of a dsync.activated, dsync.deactivated or dsync.deleted
// payload (a directory object) the engine reads; dsync.deleted may carry only id, type,
// state and name.
type directoryEvent struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id"`
	Type           string `json:"type"`
	Name           string `json:"name"`
	State          string `json:"state"`
}

// directoryEvents applies the batch's directory lifecycle events to l, oldest first (both
// the poll and the webhook paths reach the engine here); events older than the connection
// (eventsSince) are skipped, except dsync.deleted:
//   - for the connected directory, dsync.deleted marks it deleted, dsync.deactivated stores
//     its state (unlinked unless it names another), dsync.activated stores its state and
//     asks for a full pull;
//   - dsync.activated for another directory of the organization links it when the connected
//     one is deleted (WorkOS's advice: save the directory id from dsync.activated), and
//     otherwise lists it in l.Others, never syncing it;
//   - dsync.deleted or dsync.deactivated for another directory drops it from l.Others.
func (r *runner) directoryEvents(l *db.DirectoryLifecycle, now time.Time) error {
	since := r.eventsSince()
	for _, e := range r.batch.Events {
		if e.CreatedAt.Before(since) && e.Type != workos.EventDirectoryDeleted {
			continue // the directory's first pull, or Complete's listing, already knew it
		}
		switch e.Type {
		case workos.EventDirectoryActivated, workos.EventDirectoryDeactivated, workos.EventDirectoryDeleted:
		default:
			continue
		}
		var d directoryEvent
		if err := json.Unmarshal(e.Data, &d); err != nil || d.ID == "" {
			return fmt.Errorf("decode event %s: not a directory (%v)", e.ID, err)
		}
		if d.OrganizationID != "" && d.OrganizationID != r.connection.OrganizationID {
			continue
		}
		at := e.CreatedAt
		if at.IsZero() {
			at = now
		}
		state := workos.NormalizeDirectoryState(d.State)
		switch {
		case d.ID == l.DirectoryID:
			r.connectedDirectoryEvent(l, e.Type, state, at)
		case e.Type == workos.EventDirectoryActivated && l.State == workos.DirectoryDeleted:
			l.Others = withoutDirectory(l.Others, d.ID)
			l.DirectoryID, l.Provider, l.Relinked = d.ID, d.Type, true
			if d.Name != "" {
				l.Name = d.Name
			}
			setState(l, stateOr(state, workos.DirectoryLinked), at)
		case e.Type == workos.EventDirectoryActivated && workos.DirectoryUsable(stateOr(state, workos.DirectoryLinked)):
			l.Others = append(withoutDirectory(l.Others, d.ID),
				db.OtherDirectory{ID: d.ID, Provider: d.Type, Name: d.Name, State: workos.DirectoryLinked})
		default:
			l.Others = withoutDirectory(l.Others, d.ID)
		}
	}
	return nil
}

// connectedDirectoryEvent applies one lifecycle event of the connected directory.
func (r *runner) connectedDirectoryEvent(l *db.DirectoryLifecycle, typ, state string, at time.Time) {
	switch typ {
	case workos.EventDirectoryDeleted:
		setState(l, workos.DirectoryDeleted, at)
	case workos.EventDirectoryDeactivated:
		if state == "" || state == workos.DirectoryLinked {
			state = workos.DirectoryUnlinked
		}
		setState(l, state, at)
	case workos.EventDirectoryActivated:
		setState(l, stateOr(state, workos.DirectoryLinked), at)
		r.life.fullPull = true
	}
}

// stateOr is state, or def when the event named none.
func stateOr(state, def string) string {
	if state == "" {
		return def
	}
	return state
}

// withoutDirectory returns others without the directory id (a new slice).
func withoutDirectory(others []db.OtherDirectory, id string) []db.OtherDirectory {
	return slices.DeleteFunc(slices.Clone(others), func(o db.OtherDirectory) bool { return o.ID == id })
}

// eventsSince is the oldest event time an EVENTS run applies: the batch's Since, or the
// time the connected directory was connected when later (its first pull into the mirror
// started after that and saw every earlier change).
func (r *runner) eventsSince() time.Time {
	since := r.batch.Since
	if at := r.connection.ConnectedAt; at != nil && at.After(since) {
		since = *at
	}
	return since
}
