package engine

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// existingUsers are the company's users as planning sees them, indexed by the directory
// user each is linked to.
type existingUsers struct {
	list  []db.SyncUser
	byDir map[string]int // index in list by directory user id
}

// loadExistingUsers reads the company's users into a list sized once (at 100k users a
// grown slice would hold a third more than it needs until planning ends).
func loadExistingUsers(ctx context.Context, idb bun.IDB, companyID string) (existingUsers, error) {
	n, err := db.CountCompanyUsers(ctx, idb, companyID)
	if err != nil {
		return existingUsers{}, err
	}
	// A few spare rows: users created between the count and the read.
	list := make([]db.SyncUser, 0, n+16)
	if err := db.EachSyncUser(ctx, idb, companyID, func(u *db.SyncUser) { list = append(list, *u) }); err != nil {
		return existingUsers{}, err
	}
	byDir := make(map[string]int, len(list))
	for i := range list {
		if id := list[i].DirectoryUserID; id != "" {
			byDir[id] = i
		}
	}
	return existingUsers{list: list, byDir: byDir}, nil
}

// directoryUserID returns id as a string, the linked user's copy when there is one.
func (e *existingUsers) directoryUserID(id []byte) string {
	if i, ok := e.byDir[string(id)]; ok {
		return e.list[i].DirectoryUserID
	}
	return string(id)
}

// settle makes a pulled user hold as little as it can: when the user it is linked to
// already has every value it maps to (m, offices), its mapped values are dropped (planning
// takes the linked user's); the strings it keeps that equal that user's point at that
// user's copies, so that a re-sync holds each value once.
func (e *existingUsers) settle(p *pulled, m *mapping.Mapping, offices officeIndex) {
	i, ok := e.byDir[p.id]
	if !ok {
		return
	}
	u := &e.list[i]
	cur := currentValues(u)
	// With a groups tag field the user's group tags join p.m after the pull (grouptags.go),
	// so what it maps to is not known yet.
	_, groupTags := m.GroupTagField()
	if want, notes := desired(m, offices, cur, p.m); !groupTags && len(notes) == 0 && sameValues(want, cur) {
		p.m = nil
	}
	p.id = u.DirectoryUserID
	same := func(dst *string, src string) {
		if *dst == src {
			*dst = src
		}
	}
	same(&p.idpID, u.IdpID)
	same(&p.email, u.Email)
	if p.m == nil {
		return
	}
	same(&p.m.res.Email, u.Email)
	same(&p.m.res.FirstName, u.FirstName)
	same(&p.m.res.LastName, u.LastName)
	if len(p.m.res.Tags) > 0 && slices.Equal(p.m.res.Tags, u.Tags) {
		p.m.res.Tags = u.Tags
	}
	if len(p.m.res.TagFields) > 0 && slices.Equal(p.m.res.TagFields, u.TagFields) {
		p.m.res.TagFields = u.TagFields
	}
}
