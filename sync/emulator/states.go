package emulator

import (
	"strings"
	"time"
)

// REST directory states (GET /directories). Events carry their own
// vocabulary (see eventState).
const (
	DirLinked             = "linked"
	DirValidating         = "validating"
	DirInvalidCredentials = "invalid_credentials"
	DirUnlinked           = "unlinked"
	DirDeleting           = "deleting"
)

// DefaultValidationDelay is how long a new HRIS directory stays validating
// before it links (Options.ValidationDelay 0).
const DefaultValidationDelay = 2 * time.Second

// NoValidation as Options.ValidationDelay creates HRIS directories linked.
const NoValidation = -1

// EventDirectoryDeactivated is emitted when a linked directory leaves the
// linked state.
const EventDirectoryDeactivated = "dsync.deactivated"

// normalizeDirState validates a REST state, accepting the newer SDKs' names
// "active" (linked) and "inactive" (unlinked). Empty stays empty.
func normalizeDirState(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case DirLinked, "active":
		return DirLinked, nil
	case DirUnlinked, "inactive":
		return DirUnlinked, nil
	case DirValidating:
		return DirValidating, nil
	case DirInvalidCredentials:
		return DirInvalidCredentials, nil
	case DirDeleting:
		return DirDeleting, nil
	}
	return "", invalid("state", "invalid", "state %q is not linked, validating, invalid_credentials, unlinked or deleting", s)
}

// eventState maps a REST state to the state dsync.* directory events carry
// (active|validating|invalid_credentials|inactive|deleting).
func eventState(rest string) string {
	switch rest {
	case DirLinked:
		return "active"
	case DirUnlinked:
		return "inactive"
	}
	return rest
}

// isHRIS reports whether a directory type is an HRIS integration, which
// WorkOS validates (credentials, first fetch) before it links.
func isHRIS(typ string) bool {
	switch typ {
	case "workday", "bamboohr", "gusto", "rippling scim v2.0", "hibob", "personio", "breathe hr", "cezanne hr",
		"fourth hr", "people hr":
		return true
	}
	return false
}

// supportsRoleAssignment reports whether WorkOS offers directory group role
// assignment for a type: "Only supported in directories using SCIM-based or
// Google Workspace providers".
func supportsRoleAssignment(typ string) bool {
	return strings.Contains(typ, "scim") && typ != "rippling scim v2.0" || typ == "gsuite directory"
}

// setStateLocked moves d to state and emits dsync.activated when it becomes
// linked or dsync.deactivated when it stops being linked.
func (e *Emulator) setStateLocked(d *dirRec, state string) {
	old := d.state
	if old == state {
		return
	}
	d.state = state
	d.updatedAt = e.now()
	e.clearValidationLocked(d)
	org, ok := e.orgs[d.orgID]
	if !ok {
		return
	}
	switch {
	case state == DirLinked:
		e.emit(EventDirectoryActivated, d.orgID, d.encodeEvent(org, eventState(state)))
	case old == DirLinked:
		e.emit(EventDirectoryDeactivated, d.orgID, d.encodeEvent(org, eventState(state)))
	}
}

// settleValidations links the validating directories whose validation
// time has passed. It costs one atomic load while none is pending.
func (e *Emulator) settleValidations() {
	if e.validating.Load() == 0 {
		return
	}
	now := e.opts.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, d := range e.dirList {
		if d.state == DirValidating && !d.validUntil.IsZero() && !now.Before(d.validUntil) {
			e.setStateLocked(d, DirLinked)
		}
	}
}

// startValidationLocked puts a new HRIS directory in the validating state
// until the configured delay has passed.
func (e *Emulator) startValidationLocked(d *dirRec) {
	d.state = DirValidating
	d.validUntil = e.opts.Now().Add(e.opts.ValidationDelay)
	e.validating.Add(1)
}

// clearValidationLocked forgets a pending validation (state set explicitly
// or directory deleted).
func (e *Emulator) clearValidationLocked(d *dirRec) {
	if !d.validUntil.IsZero() {
		d.validUntil = time.Time{}
		e.validating.Add(-1)
	}
}
