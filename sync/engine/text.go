package engine

import (
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// storableResult drops the NULs of every mapped value (db.StorableText): the values become
// users' columns and run issues and changes.
func storableResult(r *mapping.Result) {
	for _, s := range []*string{&r.FirstName, &r.LastName, &r.Email, &r.JobTitle, &r.Department, &r.Division, &r.Office} {
		*s = db.StorableText(*s)
	}
	for i, t := range r.Tags {
		r.Tags[i] = db.StorableText(t)
	}
}
