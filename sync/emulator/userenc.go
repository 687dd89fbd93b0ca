package emulator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// userFields is a validated user ready to encode.
type userFields struct {
	id, idpID, email, first, last, username, jobTitle, state string
	role                                                     Slug
	roles                                                    []Slug
	custom, raw                                              []byte
	createdAt, updatedAt                                     time.Time
}

// fieldsFromUser validates u and encodes its attributes. raw is derived in
// the directory's provider shape when u.RawAttributes is nil.
func (e *Emulator) fieldsFromUser(d *dirRec, u User) (userFields, error) {
	state, err := normalizeState(u.State)
	if err != nil {
		return userFields{}, err
	}
	f := userFields{
		id: u.ID, idpID: u.IdpID, email: strings.TrimSpace(u.Email), first: u.FirstName, last: u.LastName,
		username: u.Username, jobTitle: u.JobTitle, state: state, role: u.Role, roles: u.Roles,
	}
	if f.role == "" {
		f.role = "member"
	}
	if len(f.roles) == 0 {
		f.roles = []Slug{f.role}
	}
	if f.idpID == "" {
		f.idpID = e.providerFor(d.typ).userIdpID(e.rng)
	}
	if f.jobTitle == "" {
		if t, ok := u.CustomAttributes["job_title"].(string); ok {
			f.jobTitle = t
		}
	}
	custom := u.CustomAttributes
	if custom == nil {
		custom = map[string]any{}
	}
	f.custom = appendJSON(nil, custom)
	if u.RawAttributes != nil {
		f.raw = appendJSON(nil, u.RawAttributes)
	} else {
		p := personFromUser(u, f)
		f.raw = e.providerFor(d.typ).userRaw(&p)
	}
	return f, nil
}

// encodeUser builds the WorkOS JSON of a user without "groups" and the
// offsets of its custom_attributes value. In RawEmpty mode it renders what
// WorkOS returns since 2026-04-15: raw_attributes {}, job_title and username
// null, emails [].
func encodeUser(d *dirRec, f *userFields) (core []byte, customStart, customEnd int) {
	name := strings.TrimSpace(f.first + " " + f.last)
	legacy := d.raw == RawLegacy
	size := 640 + len(f.custom) + 3*len(f.email) + 2*(len(f.first)+len(f.last))
	if legacy {
		size += len(f.raw)
	}
	b := make([]byte, 0, size)
	b = append(b, `{"object":"directory_user","id":`...)
	b = appendString(b, f.id)
	b = append(b, `,"directory_id":`...)
	b = appendString(b, d.id)
	b = append(b, `,"organization_id":`...)
	b = appendString(b, d.orgID)
	b = append(b, `,"idp_id":`...)
	b = appendString(b, f.idpID)
	b = append(b, `,"email":`...)
	b = appendJSON(b, nullable(f.email))
	b = append(b, `,"first_name":`...)
	b = appendJSON(b, nullable(f.first))
	b = append(b, `,"last_name":`...)
	b = appendJSON(b, nullable(f.last))
	b = append(b, `,"name":`...)
	b = appendJSON(b, nullable(name))
	b = append(b, `,"emails":[`...)
	if f.email != "" && legacy {
		b = append(b, `{"primary":true,"type":"work","value":`...)
		b = appendString(b, f.email)
		b = append(b, '}')
	}
	b = append(b, `],"job_title":`...)
	if legacy {
		b = appendJSON(b, nullable(f.jobTitle))
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"username":`...)
	if legacy {
		b = appendJSON(b, nullable(f.username))
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"state":`...)
	b = appendString(b, f.state)
	b = append(b, `,"raw_attributes":`...)
	if legacy {
		b = append(b, f.raw...)
	} else {
		b = append(b, "{}"...)
	}
	b = append(b, `,"custom_attributes":`...)
	customStart = len(b)
	b = append(b, f.custom...)
	customEnd = len(b)
	b = append(b, `,"role":{"slug":`...)
	b = appendString(b, string(f.role))
	b = append(b, `},"roles":[`...)
	for i, r := range f.roles {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"slug":`...)
		b = appendString(b, string(r))
		b = append(b, '}')
	}
	b = append(b, `],"created_at":`...)
	b = appendString(b, formatTime(f.createdAt))
	b = append(b, `,"updated_at":`...)
	b = appendString(b, formatTime(f.updatedAt))
	return exact(append(b, '}')), customStart, customEnd
}

// exact returns b in an allocation of its own length when b wastes much
// capacity: stored JSON lives as long as the user, so slack would add up.
func exact(b []byte) []byte {
	if cap(b)-len(b) <= 64 {
		return b
	}
	return append([]byte(nil), b...)
}

// setEncoded stores f as u's fields and encodes u.core from them; f.custom
// then points into core so the attributes are held once.
func (u *userRec) setEncoded(f *userFields) {
	core, cs, ce := encodeUser(u.dir, f)
	u.core = core
	u.f = *f
	u.f.custom = core[cs:ce:ce]
	u.f.raw = u.raw
}

// reencode renders u again from its stored fields, for the directory's
// current raw mode or a changed role.
func (u *userRec) reencode() {
	f := u.f
	u.setEncoded(&f)
}

// toUser decodes the stored user for the Go API.
func (u *userRec) toUser() User {
	var out User
	if err := json.Unmarshal(u.core, &out); err != nil {
		panic(fmt.Sprintf("emulator: stored user %s is not valid JSON: %v", u.id, err))
	}
	out.RawAttributes = nil
	out.JobTitle, out.Username = u.f.jobTitle, u.f.username
	out.Role, out.Roles = u.ownRole, append([]Slug(nil), u.ownRoles...)
	if err := json.Unmarshal(u.raw, &out.RawAttributes); err != nil {
		panic(fmt.Sprintf("emulator: stored raw attributes of %s are not valid JSON: %v", u.id, err))
	}
	out.Groups = u.groupNames()
	return out
}

// previousAttributes computes WorkOS's previous_attributes: the old values
// of changed root properties and, one level down, of changed keys of
// custom_attributes and raw_attributes (keys new in the update are null).
// It returns nil when nothing but updated_at differs.
func previousAttributes(oldCore, newCore []byte) map[string]any {
	var prev, next map[string]any
	if json.Unmarshal(oldCore, &prev) != nil || json.Unmarshal(newCore, &next) != nil {
		return nil
	}
	diff := map[string]any{}
	for k, nv := range next {
		if k == "updated_at" {
			continue
		}
		ov := prev[k]
		if reflect.DeepEqual(ov, nv) {
			continue
		}
		om, okOld := ov.(map[string]any)
		nm, okNew := nv.(map[string]any)
		if (k == "custom_attributes" || k == "raw_attributes") && okOld && okNew {
			sub := map[string]any{}
			for sk, sv := range nm {
				if !reflect.DeepEqual(om[sk], sv) {
					sub[sk] = om[sk]
				}
			}
			for sk, sv := range om {
				if _, ok := nm[sk]; !ok {
					sub[sk] = sv
				}
			}
			diff[k] = sub
			continue
		}
		diff[k] = ov
	}
	if len(diff) == 0 {
		return nil
	}
	return diff
}
