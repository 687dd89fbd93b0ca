package search

import (
	"bytes"
	"database/sql"
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
		depts:    newDict(), divs: newDict(), tags: newDict(),
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
	b.strs.WriteString(sortName(u.FirstName, u.LastName, u.Email))
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
	b.wordBuf = userWords(b.wordBuf[:0], u.FirstName, u.LastName, u.Email)
	for _, w := range b.wordBuf {
		id, ok := b.wordID[w]
		if !ok {
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

// sortName is the name a user sorts by: "first last" lower-cased, else the email.
func sortName(first, last, email string) string {
	if n := strings.Trim(first+" "+last, " "); n != "" {
		return strings.ToLower(n)
	}
	return strings.ToLower(email)
}

// finish builds the word index and the orders and returns the snapshot.
func (b *builder) finish(coll *collate.Collator) *snapshot {
	s := b.s
	s.strs = b.strs.String()
	if need := (len(s.ids) + 63) / 64; len(s.inactive) < need {
		s.inactive = append(s.inactive, make(bitset, need-len(s.inactive))...)
	}
	b.buildWords()
	s.byName = b.nameOrder(coll)
	s.byEmail = identity(len(s.ids))
	slices.SortFunc(s.byEmail, func(x, y uint32) int {
		if c := strings.Compare(s.email(x), s.email(y)); c != 0 {
			return c
		}
		return bytes.Compare(s.ids[x][:], s.ids[y][:])
	})
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
// name's bytes (names the collation deems equal), then id.
func (b *builder) nameOrder(coll *collate.Collator) []uint32 {
	s := b.s
	var buf collate.Buffer
	keys := make([]byte, 0, len(s.strs)*2)
	keyOff := make([]uint32, 1, len(s.ids)+1)
	for i := range uint32(len(s.ids)) {
		keys = append(keys, coll.KeyFromString(&buf, s.sortName(i))...)
		keyOff = append(keyOff, uint32(len(keys)))
		buf.Reset()
	}
	key := func(i uint32) []byte { return keys[keyOff[i]:keyOff[i+1]] }
	order := identity(len(s.ids))
	slices.SortFunc(order, func(x, y uint32) int {
		if c := bytes.Compare(key(x), key(y)); c != 0 {
			return c
		}
		if c := strings.Compare(s.sortName(x), s.sortName(y)); c != 0 {
			return c
		}
		return bytes.Compare(s.ids[x][:], s.ids[y][:])
	})
	return order
}

func identity(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}
