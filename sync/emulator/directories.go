package emulator

import (
	"fmt"
	"strings"
)

// CreateOrganization creates an organization. Name is required.
func (e *Emulator) CreateOrganization(o Organization) (Organization, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, err := e.createOrgLocked(o)
	if err != nil {
		return Organization{}, err
	}
	return rec.Organization, nil
}

func (e *Emulator) createOrgLocked(o Organization) (*orgRec, error) {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return nil, invalid("name", "required", "organization name is required")
	}
	now := e.now()
	id, err := e.presetID("organization", "org_", o.ID, now)
	if err != nil {
		return nil, err
	}
	o.ID = id
	rec := &orgRec{Organization: o, createdAt: now, updatedAt: now}
	for range o.Domains {
		rec.domainIDs = append(rec.domainIDs, e.ids.next("org_domain_", now))
	}
	e.orgs[o.ID] = rec
	e.orgList = insertSorted(e.orgList, rec)
	return rec, nil
}

// Organization returns an organization by id.
func (e *Emulator) Organization(id string) (Organization, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	rec, ok := e.orgs[id]
	if !ok {
		return Organization{}, notFound("organization", id)
	}
	return rec.Organization, nil
}

// DeleteOrganization deletes an organization and its directories (each
// emitting dsync.deleted).
func (e *Emulator) DeleteOrganization(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, ok := e.orgs[id]
	if !ok {
		return notFound("organization", id)
	}
	for _, d := range append([]*dirRec(nil), e.dirList...) {
		if d.orgID == id {
			e.deleteDirectoryLocked(d)
		}
	}
	delete(e.orgs, id)
	e.orgList = removeSorted(e.orgList, rec)
	return nil
}

// CreateDirectory creates a linked directory for d.OrganizationID and emits
// dsync.activated. See Directory for the defaults.
func (e *Emulator) CreateDirectory(d Directory) (Directory, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec, err := e.createDirectoryLocked(d)
	if err != nil {
		return Directory{}, err
	}
	return rec.toDirectory(), nil
}

func (e *Emulator) createDirectoryLocked(in Directory) (*dirRec, error) {
	org, ok := e.orgs[in.OrganizationID]
	if !ok {
		return nil, notFound("organization", in.OrganizationID)
	}
	p, ok := lookupProvider(e.providers, in.Type)
	if !ok {
		return nil, invalid("type", "invalid", "unknown directory type %q", in.Type)
	}
	raw, flow, err := checkModes(in.RawAttributes, in.InactiveUsers)
	if err != nil {
		return nil, err
	}
	groupsMode, err := checkGroupsMode(in.UserGroups)
	if err != nil {
		return nil, err
	}
	state, err := normalizeDirState(in.State)
	if err != nil {
		return nil, err
	}
	now := e.now()
	id, err := e.presetID("directory", "directory_", in.ID, now)
	if err != nil {
		return nil, err
	}
	d := &dirRec{
		id: id, orgID: org.ID, name: strings.TrimSpace(in.Name), typ: p.typ,
		domain: in.Domain, state: state, externalKey: in.ExternalKey, raw: raw, flow: flow,
		createdAt: now, updatedAt: now, byIdp: map[string]*userRec{}, byName: map[string]*groupRec{},
		userGroups: groupsMode,
	}
	if d.name == "" {
		d.name = org.Name + " " + p.display
	}
	if d.externalKey == "" {
		d.externalKey = randomKey(e.rng, 16)
	}
	if d.domain == "" && len(org.Domains) > 0 {
		d.domain = org.Domains[0]
	}
	d.faults = newFaultState(e.opts.RateLimit, e.opts.Seed, d.id)
	e.dirs[d.id] = d
	e.dirList = insertSorted(e.dirList, d)
	switch {
	case d.state == "" && isHRIS(d.typ) && e.opts.ValidationDelay > 0:
		e.startValidationLocked(d)
	case d.state == "":
		d.state = DirLinked
	}
	if d.state == DirLinked {
		e.emit(EventDirectoryActivated, d.orgID, d.encodeEvent(org, eventState(d.state)))
	}
	return d, nil
}

// checkGroupsMode validates and defaults a users[].groups mode.
func checkGroupsMode(m GroupsMode) (GroupsMode, error) {
	switch m {
	case "":
		return GroupsFilled, nil
	case GroupsFilled, GroupsEmpty:
		return m, nil
	}
	return "", invalid("user_groups", "invalid", "user_groups must be %q or %q", GroupsFilled, GroupsEmpty)
}

// checkModes validates and defaults a raw mode and inactive flow.
func checkModes(raw RawMode, flow InactiveFlow) (RawMode, InactiveFlow, error) {
	switch raw {
	case "":
		raw = RawEmpty
	case RawEmpty, RawLegacy:
	default:
		return "", "", invalid("raw_attributes", "invalid", "raw_attributes must be %q or %q", RawLegacy, RawEmpty)
	}
	switch flow {
	case "":
		flow = SecureFlow
	case SecureFlow, CustomFlow:
	default:
		return "", "", invalid("inactive_users", "invalid", "inactive_users must be %q or %q", SecureFlow, CustomFlow)
	}
	return raw, flow, nil
}

// Directory returns a directory by id.
func (e *Emulator) Directory(id string) (Directory, error) {
	e.settleValidations()
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.dirs[id]
	if !ok {
		return Directory{}, notFound("directory", id)
	}
	return d.toDirectory(), nil
}

// Directories returns all directories, oldest first.
func (e *Emulator) Directories() []Directory {
	e.settleValidations()
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]Directory, len(e.dirList))
	for i, d := range e.dirList {
		out[i] = d.toDirectory()
	}
	return out
}

// UpdateDirectory changes a directory's name, state, raw mode, inactive
// flow or users[].groups mode (empty fields are kept). Becoming linked emits
// dsync.activated, leaving linked emits dsync.deactivated (with the event
// state: inactive, invalid_credentials, validating or deleting). Changing
// the raw or groups mode re-renders every user and group without emitting
// events, as WorkOS's switch-overs did.
func (e *Emulator) UpdateDirectory(id string, in Directory) (Directory, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[id]
	if !ok {
		return Directory{}, notFound("directory", id)
	}
	raw, flow := in.RawAttributes, in.InactiveUsers
	if raw == "" {
		raw = d.raw
	}
	if flow == "" {
		flow = d.flow
	}
	raw, flow, err := checkModes(raw, flow)
	if err != nil {
		return Directory{}, fmt.Errorf("update directory %s: %w", id, err)
	}
	groupsMode := d.userGroups
	if in.UserGroups != "" {
		if groupsMode, err = checkGroupsMode(in.UserGroups); err != nil {
			return Directory{}, fmt.Errorf("update directory %s: %w", id, err)
		}
	}
	state, err := normalizeDirState(in.State)
	if err != nil {
		return Directory{}, fmt.Errorf("update directory %s: %w", id, err)
	}
	if in.Name != "" {
		d.name = in.Name
	}
	d.flow = flow
	d.userGroups = groupsMode
	if raw != d.raw {
		d.raw = raw
		for _, u := range d.users {
			u.reencode()
		}
		for _, g := range d.groups {
			g.encode()
		}
	}
	d.updatedAt = e.now()
	e.rev++
	if state != "" {
		e.setStateLocked(d, state)
	}
	return d.toDirectory(), nil
}

// DeleteDirectory deletes a directory with its users and groups and emits
// only dsync.deleted, as WorkOS does.
func (e *Emulator) DeleteDirectory(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[id]
	if !ok {
		return notFound("directory", id)
	}
	e.deleteDirectoryLocked(d)
	return nil
}

func (e *Emulator) deleteDirectoryLocked(d *dirRec) {
	for _, u := range d.users {
		delete(e.users, u.id)
	}
	for _, g := range d.groups {
		delete(e.groups, g.id)
	}
	e.clearValidationLocked(d)
	delete(e.dirs, d.id)
	e.dirList = removeSorted(e.dirList, d)
	e.emit(EventDirectoryDeleted, d.orgID, d.encodeDeletedEvent())
}

func (d *dirRec) toDirectory() Directory {
	return Directory{
		ID: d.id, OrganizationID: d.orgID, Name: d.name, Type: d.typ, Domain: d.domain,
		ExternalKey: d.externalKey, State: d.state, RawAttributes: d.raw, InactiveUsers: d.flow, UserGroups: d.userGroups,
	}
}
