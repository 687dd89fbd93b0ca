package emulator

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// orgRec is a stored organization.
type orgRec struct {
	Organization
	domainIDs []string
	createdAt time.Time
	updatedAt time.Time
}

// dirRec is a stored directory with its users and groups, each kept sorted
// by id (= by created_at, then creation order).
type dirRec struct {
	id, orgID, name, typ, domain, state, externalKey string
	raw                                              RawMode
	flow                                             InactiveFlow
	createdAt, updatedAt                             time.Time

	users    []*userRec
	groups   []*groupRec
	inactive int
	byIdp    map[string]*userRec
	byName   map[string]*groupRec // lowercase group name -> group
	faults   *faultState
	// validUntil is when a validating HRIS directory links (zero: no
	// pending validation).
	validUntil time.Time
	// userGroups says whether users carry their groups (GroupsFilled) or
	// "groups": [] (GroupsEmpty).
	userGroups GroupsMode
}

// userRec is a stored user. core is its WorkOS JSON without "groups",
// encoded once per change and shared with the events that carry it; f holds
// the fields it was encoded from (f.custom points into core), so a mode or
// role change can re-render it.
type userRec struct {
	id, idpID, email, state string
	dir                     *dirRec
	core                    []byte
	raw                     []byte
	f                       userFields
	// ownRole and ownRoles are the role the user was given directly; the
	// rendered role comes from group role assignments when it has any.
	ownRole   Slug
	ownRoles  []Slug
	groups    []*groupRec // sorted by id
	createdAt time.Time
}

// groupRec is a stored group; members are sorted by id.
type groupRec struct {
	id, idpID, name      string
	dir                  *dirRec
	createdAt, updatedAt time.Time
	raw                  []byte
	core                 []byte
	members              []*userRec
	// role is the group's role assignment ("" none).
	role Slug
}

// ider is anything with a sortable id.
type ider interface{ key() string }

func (u *userRec) key() string  { return u.id }
func (g *groupRec) key() string { return g.id }
func (d *dirRec) key() string   { return d.id }
func (o *orgRec) key() string   { return o.ID }

// insertSorted inserts x into s (sorted by key), keeping it sorted.
func insertSorted[T ider](s []T, x T) []T {
	i := sort.Search(len(s), func(i int) bool { return s[i].key() >= x.key() })
	s = append(s, x)
	if i < len(s)-1 {
		copy(s[i+1:], s[i:])
		s[i] = x
	}
	return s
}

// removeSorted removes the element with x's key from s.
func removeSorted[T ider](s []T, x T) []T {
	i := sort.Search(len(s), func(i int) bool { return s[i].key() >= x.key() })
	if i < len(s) && s[i].key() == x.key() {
		var zero T
		copy(s[i:], s[i+1:])
		s[len(s)-1] = zero
		s = s[:len(s)-1]
	}
	return s
}

// lowerBound returns the index of the first element with key >= k.
func lowerBound[T ider](s []T, k string) int {
	return sort.Search(len(s), func(i int) bool { return s[i].key() >= k })
}

// upperBound returns the index of the first element with key > k.
func upperBound[T ider](s []T, k string) int {
	return sort.Search(len(s), func(i int) bool { return s[i].key() > k })
}

// groupKey normalizes a group name for lookups.
func groupKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// encodeDirectory renders the REST Directory object.
func (d *dirRec) encode(b []byte) []byte {
	active := len(d.users) - d.inactive
	return appendJSON(b, obj{
		{"object", "directory"},
		{"id", d.id},
		{"organization_id", d.orgID},
		{"external_key", d.externalKey},
		{"type", d.typ},
		{"state", d.state},
		{"name", d.name},
		{"domain", nullable(d.domain)},
		{"metadata", obj{{"users", obj{{"active", active}, {"inactive", d.inactive}}}, {"groups", len(d.groups)}}},
		{"created_at", formatTime(d.createdAt)},
		{"updated_at", formatTime(d.updatedAt)},
	})
}

// encodeEventDirectory renders the directory as dsync.activated/deleted carry it.
func (d *dirRec) encodeEvent(org *orgRec, state string) []byte {
	domains := make([]obj, 0, len(org.Domains))
	for i, dom := range org.Domains {
		domains = append(domains, obj{{"object", "organization_domain"}, {"id", org.domainIDs[i]}, {"domain", dom}})
	}
	return appendJSON(nil, obj{
		{"object", "directory"},
		{"external_key", d.externalKey},
		{"name", d.name},
		{"organization_id", d.orgID},
		{"id", d.id},
		{"state", state},
		{"type", d.typ},
		{"created_at", formatTime(d.createdAt)},
		{"updated_at", formatTime(d.updatedAt)},
		{"domains", domains},
	})
}

// encodeDeletedEvent renders the directory as dsync.deleted carries it:
// only object, id, organization_id, type, state, name, created_at and
// updated_at (no external_key, no domains).
func (d *dirRec) encodeDeletedEvent() []byte {
	return appendJSON(nil, obj{
		{"object", "directory"},
		{"id", d.id},
		{"organization_id", d.orgID},
		{"type", d.typ},
		{"state", eventState(DirDeleting)},
		{"name", d.name},
		{"created_at", formatTime(d.createdAt)},
		{"updated_at", formatTime(d.updatedAt)},
	})
}

// encodeOrg renders the Organization object.
func (o *orgRec) encode(b []byte) []byte {
	domains := make([]obj, 0, len(o.Domains))
	for i, dom := range o.Domains {
		domains = append(domains, obj{
			{"object", "organization_domain"}, {"id", o.domainIDs[i]}, {"organization_id", o.ID},
			{"domain", dom}, {"state", "verified"}, {"verification_strategy", "manual"},
			{"created_at", formatTime(o.createdAt)}, {"updated_at", formatTime(o.createdAt)},
		})
	}
	md := map[string]any{}
	for k, v := range o.Metadata {
		md[k] = v
	}
	return appendJSON(b, obj{
		{"object", "organization"},
		{"id", o.ID},
		{"name", o.Name},
		{"allow_profiles_outside_organization", false},
		{"domains", domains},
		{"metadata", md},
		{"external_id", nullable(o.ExternalID)},
		{"created_at", formatTime(o.createdAt)},
		{"updated_at", formatTime(o.updatedAt)},
	})
}

// encodeGroup (re)builds g.core.
func (g *groupRec) encode() {
	raw := []byte("{}")
	if g.dir.raw == RawLegacy {
		raw = g.raw
	}
	g.core = appendJSON(make([]byte, 0, 256+len(raw)), obj{
		{"object", "directory_group"},
		{"id", g.id},
		{"idp_id", g.idpID},
		{"directory_id", g.dir.id},
		{"organization_id", g.dir.orgID},
		{"name", g.name},
		{"created_at", formatTime(g.createdAt)},
		{"updated_at", formatTime(g.updatedAt)},
		{"raw_attributes", json.RawMessage(raw)},
	})
}

// appendWithGroups appends the list/GET rendering of u: core plus "groups"
// ([] in GroupsEmpty mode).
func (u *userRec) appendWithGroups(b []byte) []byte {
	b = append(b, u.core[:len(u.core)-1]...)
	if u.dir.userGroups == GroupsEmpty {
		return append(b, `,"groups":[]}`...)
	}
	b = append(b, `,"groups":[`...)
	for i, g := range u.groups {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, g.core...)
	}
	return append(b, "]}"...)
}
