package engine

import (
	"strings"

	"github.com/officetogether/dirsync/db"
)

// officeIndex finds a company's offices by name or alias (case-insensitive) and names them
// by id.
type officeIndex struct {
	byKey  map[string]*db.Office
	nameOf map[string]string
}

func newOfficeIndex(offices []db.Office) officeIndex {
	ix := officeIndex{byKey: map[string]*db.Office{}, nameOf: map[string]string{}}
	for i := range offices {
		o := &offices[i]
		ix.nameOf[o.ID] = o.Name
		for _, k := range append([]string{o.Name}, o.Aliases...) {
			if key := strings.ToLower(strings.TrimSpace(k)); key != "" {
				if _, taken := ix.byKey[key]; !taken {
					ix.byKey[key] = o
				}
			}
		}
	}
	return ix
}

// find returns the office a directory value names.
func (ix officeIndex) find(value string) (*db.Office, bool) {
	o, ok := ix.byKey[strings.ToLower(value)]
	return o, ok
}

// name is the office's name; an unknown id is shown as it is.
func (ix officeIndex) name(id string) string {
	if id == "" {
		return ""
	}
	if n, ok := ix.nameOf[id]; ok {
		return n
	}
	return id
}
