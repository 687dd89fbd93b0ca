package emulator

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// eventRetention is how long WorkOS keeps events; a Snapshot keeps those
// younger than this on the emulator's clock.
const eventRetention = 30 * 24 * time.Hour

// Snapshot is the emulator's state as a document: a Fixture with every id,
// directory state, group, user (raw and custom attributes, state, roles,
// memberships) spelled out, plus the id counter and the retained events, so
// Restore brings back the same directories and an events cursor taken
// before keeps working.
type Snapshot struct {
	Fixture
	// IDCounter is the id generator's counter: ids made after Restore
	// never repeat ones made before.
	IDCounter uint64 `json:"id_counter"`
	// Events are the events of the last 30 days, oldest first.
	Events []SnapshotEvent `json:"events,omitempty"`
}

// SnapshotEvent is a retained event as the Events API renders it.
type SnapshotEvent struct {
	ID             string          `json:"id"`
	Event          string          `json:"event"`
	OrganizationID string          `json:"organization_id,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	Data           json.RawMessage `json:"data"`
}

// Revision counts the changes made so far (each event, each directory
// update). A caller that saves snapshots saves again when it moved.
func (e *Emulator) Revision() uint64 {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.rev
}

// Snapshot exports the current state. A validating directory is exported
// without a state, so it validates again after Restore. Faults, webhook
// settings and portal sessions are not part of it.
func (e *Emulator) Snapshot() Snapshot {
	e.settleValidations()
	e.mu.RLock()
	defer e.mu.RUnlock()
	snap := Snapshot{IDCounter: e.ids.counter, Fixture: Fixture{Organizations: []FixtureOrganization{}}}
	for _, o := range e.orgList {
		fo := FixtureOrganization{Organization: o.Organization, Directories: []FixtureDirectory{}}
		for _, d := range e.dirList {
			if d.orgID == o.ID {
				fo.Directories = append(fo.Directories, d.snapshot())
			}
		}
		snap.Organizations = append(snap.Organizations, fo)
	}
	oldest := e.now().Add(-eventRetention)
	for _, ev := range e.events {
		if ev.createdAt.Before(oldest) {
			continue
		}
		var data []byte
		for _, p := range ev.parts {
			data = append(data, p...)
		}
		snap.Events = append(snap.Events, SnapshotEvent{ID: ev.id, Event: ev.typ, OrganizationID: ev.orgID,
			CreatedAt: ev.createdAt, Data: data})
	}
	return snap
}

// snapshot exports one directory with its groups and users. Callers hold e.mu.
func (d *dirRec) snapshot() FixtureDirectory {
	fd := FixtureDirectory{Directory: d.toDirectory()}
	if fd.State == DirValidating {
		fd.State = ""
	}
	for _, g := range d.groups {
		fd.Groups = append(fd.Groups, g.toGroup())
	}
	for _, u := range d.users {
		user := u.toUser()
		user.DirectoryID, user.OrganizationID = "", ""
		if user.Groups == nil {
			user.Groups = []string{}
		}
		fd.Users = append(fd.Users, user)
	}
	return fd
}

// Restore loads a Snapshot into an emulator that has no data yet, keeping
// its ids, without emitting events: the snapshot's events are the event log
// again. Call it before serving requests.
func (e *Emulator) Restore(data []byte) error {
	var snap Snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return fmt.Errorf("parse snapshot: %w", invalid("body", "invalid", "%v", err))
	}
	e.mu.Lock()
	if len(e.orgs) > 0 || len(e.events) > 0 {
		e.mu.Unlock()
		return invalid("body", "invalid", "restore needs an empty emulator")
	}
	e.muted = true
	e.mu.Unlock()
	fixture, err := json.Marshal(snap.Fixture)
	if err == nil {
		_, err = e.LoadFixture(fixture)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.muted = false
	if err != nil {
		return fmt.Errorf("restore snapshot: %w", err)
	}
	e.ids.counter = max(e.ids.counter, snap.IDCounter)
	for _, se := range snap.Events {
		ev := &event{id: se.ID, typ: se.Event, orgID: se.OrganizationID, createdAt: se.CreatedAt.UTC(), parts: [][]byte{se.Data}}
		e.events = insertSorted(e.events, ev)
	}
	return nil
}

// presetID returns the given id of a new object after checking its prefix
// (its uniqueness is checked by the caller's map), or a new one when it is
// empty. Callers hold e.mu.
func (e *Emulator) presetID(kind, prefix, given string, now time.Time) (string, error) {
	if given == "" {
		return e.ids.next(prefix, now), nil
	}
	taken := false
	switch prefix {
	case "org_":
		_, taken = e.orgs[given]
	case "directory_":
		_, taken = e.dirs[given]
	case "directory_user_":
		_, taken = e.users[given]
	case "directory_group_":
		_, taken = e.groups[given]
	}
	if !strings.HasPrefix(given, prefix) || len(given) == len(prefix) {
		return "", invalid("id", "invalid", "%s id %q does not start with %q", kind, given, prefix)
	}
	if taken {
		return "", invalid("id", "taken", "%s id %q is already used", kind, given)
	}
	return given, nil
}
