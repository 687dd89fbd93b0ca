package engine

import (
	"strings"

	"github.com/officetogether/dirsync/sync/mapping"
)

// storable drops the NUL characters of a directory value: PostgreSQL text (and jsonb, which
// holds run issues and changes) cannot hold them, and one such value would fail the run.
func storable(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// storableOpt is storable for an optional value.
func storableOpt(s *string) *string {
	if s == nil || strings.IndexByte(*s, 0) < 0 {
		return s
	}
	v := storable(*s)
	return &v
}

// storableResult makes every mapped value storable.
func storableResult(r *mapping.Result) {
	for _, s := range []*string{&r.FirstName, &r.LastName, &r.Email, &r.JobTitle, &r.Department, &r.Division, &r.Office} {
		*s = storable(*s)
	}
	for i, t := range r.Tags {
		r.Tags[i] = storable(t)
	}
}
