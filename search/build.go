package search

import (
	"cmp"
	"database/sql"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/text/collate"
)

// userRow is what the index reads of one user.
type userRow struct {
	ID         uuid.UUID
	Email      string
	FirstName  string
	LastName   string
	Inactive   bool
	Department sql.NullString
	Division   sql.NullString
	OfficeID   uuid.NullUUID
	Tags       []string
	TagFields  []string // as long as Tags, or empty
}

// builder assembles a snapshot from the company's offices, then its users one by one.
type builder struct {
	s      *snapshot
	strs   strings.Builder
	wordID map[string]uint32
	words  []string
	// The words of user i are userWordIDs[userWordStart[i]:userWordStart[i+1]].
	userWordStart, userWordIDs []uint32
	wordBuf                    []string
}

func newBuilder(companyID string, version int64, officeIDs []uuid.UUID, officeNames []string, users int) *builder {
	s := &snapshot{companyID: companyID, version: version,
		ids: make([]uuid.UUID, 0, users), strOff: make([]uint32, 1, 2*users+1),
		dept: make([]uint32, 0, users), div: make([]uint32, 0, users), office: make([]uint32, 0, users),
		tagStart: make([]uint32, 1, users+1),
		depts:    newDict(), divs: newDict(), tags: newDict(), tagFields: newTagPairs(users),
		offices: officeDict{ids: officeIDs, names: officeNames, index: make(map[uuid.UUID]uint32, len(officeIDs))},
	}
	for i, id := range officeIDs {
		s.offices.index[id] = uint32(i)
	}
	return &builder{s: s, wordID: map[string]uint32{}, userWordStart: make([]uint32, 1, users+1)}
}

// add appends one user.
func (b *builder) add(u *userRow) {
	s := b.s
	i := uint32(len(s.ids))
	s.ids = append(s.ids, u.ID)
	if u.Inactive {
		for uint32(len(s.inactive))*64 <= i {
			s.inactive = append(s.inactive, 0)
		}
		s.inactive.add(i)
	}
	lowerName := strings.ToLower(u.FirstName + " " + u.LastName)
	if n := strings.Trim(lowerName, " "); n != "" {
		b.strs.WriteString(n)
	} else {
		b.strs.WriteString(strings.ToLower(u.Email))
	}
	s.strOff = append(s.strOff, uint32(b.strs.Len()))
	b.strs.WriteString(u.Email)
	s.strOff = append(s.strOff, uint32(b.strs.Len()))
	s.dept = append(s.dept, dictRef(&s.depts, u.Department))
	s.div = append(s.div, dictRef(&s.divs, u.Division))
	var office uint32
	if u.OfficeID.Valid {
		if o, ok := s.offices.index[u.OfficeID.UUID]; ok {
			office = o + 1
		}
	}
	s.office = append(s.office, office)
	first := len(s.tagIDs)
	for _, t := range u.Tags {
		id := s.tags.id(t)
		if !slices.Contains(s.tagIDs[first:], id) {
			s.tagIDs = append(s.tagIDs, id)
		}
	}
	s.tagStart = append(s.tagStart, uint32(len(s.tagIDs)))
	s.tagFields.add(u.Tags, u.TagFields, &s.tags)
	b.wordBuf = userWords(b.wordBuf[:0], lowerName, u.Email)
	for _, w := range b.wordBuf {
		id, ok := b.wordID[w]
		if !ok {
			w = strings.Clone(w) // not the whole name or email it was cut from
			id = uint32(len(b.words))
			b.wordID[w] = id
			b.words = append(b.words, w)
		}
		b.userWordIDs = append(b.userWordIDs, id)
	}
	b.userWordStart = append(b.userWordStart, uint32(len(b.userWordIDs)))
}

func dictRef(d *dict, v sql.NullString) uint32 {
	if !v.Valid {
		return 0
	}
	return d.id(v.String) + 1
}

// finish builds the word index and the orders and returns the snapshot.
func (b *builder) finish(coll *collate.Collator) *snapshot {
	s := b.s
	s.strs = strings.Clone(b.strs.String()) // exactly its length, not the builder's grown buffer
	if need := (len(s.ids) + 63) / 64; len(s.inactive) < need {
		s.inactive = append(s.inactive, make(bitset, need-len(s.inactive))...)
	}
	b.buildWords()
	s.byName = b.nameOrder(coll)
	s.byEmail = sortByKey(len(s.ids), s.email, s.cmpIDs)
	return s
}

// buildWords sorts the words and packs each one's users into a posting list.
func (b *builder) buildWords() {
	w := &b.s.words
	byWord := identity(len(b.words))
	slices.SortFunc(byWord, func(x, y uint32) int { return strings.Compare(b.words[x], b.words[y]) })
	rank := make([]uint32, len(b.words))
	w.words = make([]string, len(b.words))
	for r, id := range byWord {
		rank[id] = uint32(r)
		w.words[r] = b.words[id]
	}
	w.start = make([]uint32, len(b.words)+1)
	for _, id := range b.userWordIDs {
		w.start[rank[id]+1]++
	}
	for i := 1; i < len(w.start); i++ {
		w.start[i] += w.start[i-1]
	}
	w.postings = make([]uint32, len(b.userWordIDs))
	next := slices.Clone(w.start[:len(b.words)])
	for u := range len(b.s.ids) {
		for _, id := range b.userWordIDs[b.userWordStart[u]:b.userWordStart[u+1]] {
			r := rank[id]
			w.postings[next[r]] = uint32(u)
			next[r]++
		}
	}
}

// nameOrder sorts the users by the collation key of their sort name, then the
// name's bytes (names the collation deems equal), then id. Each distinct name is
// collated and sorted once; users are then sorted by their name's rank.
func (b *builder) nameOrder(coll *collate.Collator) []uint32 {
	s := b.s
	nameID := make([]uint32, len(s.ids))
	index := make(map[string]uint32, len(s.ids)/2)
	var names []string
	for i := range uint32(len(s.ids)) {
		n := s.sortName(i)
		id, ok := index[n]
		if !ok {
			id = uint32(len(names))
			index[n] = id
			names = append(names, n)
		}
		nameID[i] = id
	}
	var buf collate.Buffer
	keys := make([]byte, 0, len(names)*48)
	keyOff := make([]uint32, 1, len(names)+1)
	for _, n := range names {
		keys = append(keys, coll.KeyFromString(&buf, n)...)
		keyOff = append(keyOff, uint32(len(keys)))
		buf.Reset()
	}
	keyStr := string(keys)
	byKey := sortByKey(len(names), func(i uint32) string { return keyStr[keyOff[i]:keyOff[i+1]] },
		func(x, y uint32) int { return strings.Compare(names[x], names[y]) })
	rank := make([]uint32, len(names))
	for r, id := range byKey {
		rank[id] = uint32(r)
	}
	order := identity(len(s.ids))
	slices.SortFunc(order, func(x, y uint32) int {
		if rx, ry := rank[nameID[x]], rank[nameID[y]]; rx != ry {
			return cmp.Compare(rx, ry)
		}
		return s.cmpIDs(x, y)
	})
	return order
}

// sortByKey returns 0..n-1 ordered by key (byte-wise), then by tie. Comparing
// the keys' first 8 bytes as one integer settles most comparisons cheaply.
func sortByKey(n int, key func(uint32) string, tie func(x, y uint32) int) []uint32 {
	type item struct {
		prefix uint64
		i      uint32
	}
	items := make([]item, n)
	for i := range items {
		var p [8]byte
		copy(p[:], key(uint32(i)))
		items[i] = item{binary.BigEndian.Uint64(p[:]), uint32(i)}
	}
	slices.SortFunc(items, func(x, y item) int {
		if x.prefix != y.prefix {
			return cmp.Compare(x.prefix, y.prefix)
		}
		if c := strings.Compare(key(x.i), key(y.i)); c != 0 {
			return c
		}
		return tie(x.i, y.i)
	})
	out := make([]uint32, n)
	for k, it := range items {
		out[k] = it.i
	}
	return out
}

func identity(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}
