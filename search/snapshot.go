package search

import (
	"bytes"

	"github.com/google/uuid"
)

// snapshot is the immutable search index of one company's people at one
// people_version: only what filtering, counting and ordering need, in flat slices
// indexed by user (no per-user allocation). Searches share it without locks; a
// newer version replaces it whole.
type snapshot struct {
	companyID string
	version   int64

	ids      []uuid.UUID
	inactive bitset
	// strs holds, per user i, the sort name then the email:
	// strs[strOff[2i]:strOff[2i+1]] and strs[strOff[2i+1]:strOff[2i+2]].
	strs   string
	strOff []uint32

	// dept, div and office hold 1 + the value's index in its dictionary; 0 is none.
	dept, div, office []uint32
	// The tags of user i are tagIDs[tagStart[i]:tagStart[i+1]], indexes into tags.
	tagStart, tagIDs []uint32

	depts, divs, tags dict
	// tagFields are the users' tag values with the tag field of each.
	tagFields tagPairs
	offices   officeDict

	words wordIndex

	// byName and byEmail list the user indexes in ascending order; a descending
	// search walks them backwards.
	byName, byEmail []uint32
}

// dict numbers the distinct values of a facet.
type dict struct {
	values []string
	index  map[string]uint32
}

func newDict() dict { return dict{index: map[string]uint32{}} }

// id returns the index of v, adding it when new.
func (d *dict) id(v string) uint32 {
	if i, ok := d.index[v]; ok {
		return i
	}
	i := uint32(len(d.values))
	d.values = append(d.values, v)
	d.index[v] = i
	return i
}

// officeDict numbers the company's offices; labels are their names.
type officeDict struct {
	ids   []uuid.UUID
	names []string
	index map[uuid.UUID]uint32
}

func (s *snapshot) len() int { return len(s.ids) }

// sortName is the lower-cased "first last" of user i, or the email without a name.
func (s *snapshot) sortName(i uint32) string { return s.strs[s.strOff[2*i]:s.strOff[2*i+1]] }

func (s *snapshot) email(i uint32) string { return s.strs[s.strOff[2*i+1]:s.strOff[2*i+2]] }

// order returns the ascending order of the plan's sort key.
func (s *snapshot) order(p *plan) []uint32 {
	if p.byName() {
		return s.byName
	}
	return s.byEmail
}

// sortKey is user i's key under the plan's order, as cursors carry it.
func (s *snapshot) sortKey(p *plan, i uint32) string {
	if p.byName() {
		return s.sortName(i)
	}
	return s.email(i)
}

// idsOf returns the ids of the given users.
func (s *snapshot) idsOf(users []uint32) []uuid.UUID {
	ids := make([]uuid.UUID, len(users))
	for k, i := range users {
		ids[k] = s.ids[i]
	}
	return ids
}

// cmpIDs compares the ids of users x and y.
func (s *snapshot) cmpIDs(x, y uint32) int { return bytes.Compare(s.ids[x][:], s.ids[y][:]) }
