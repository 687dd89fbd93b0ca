package search

import (
	"bytes"
	"math/bits"
	"sort"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/text/collate"
)

// Facet filter bits of selection.fails.
const (
	failDept uint32 = 1 << iota
	failDiv
	failOffice
	failTags
)

// selection is a plan resolved against one snapshot: filter values turned into
// dictionary indexes. A nil slice does not filter; a value the snapshot does not
// know selects nobody.
type selection struct {
	s    *snapshot
	text bitset // nil without text terms
	// status: keep inactive users (ACTIVE drops them) and active ones (INACTIVE drops them).
	keepInactive, keepActive bool
	// dept, div and office are indexed like snapshot.dept (1 + value index; 0 none);
	// tags by tag index.
	dept, div, office, tags []bool
	// tagFields are the tag field filters (fail bits from firstTagFieldBit up).
	tagFields tagFieldSelection
}

func (s *snapshot) selection(p *plan) *selection {
	sel := &selection{s: s, keepInactive: p.status != StatusActive, keepActive: p.status != StatusInactive}
	if len(p.terms) > 0 {
		sel.text = s.words.match(p.terms, s.len())
	}
	sel.dept = pick(&s.depts, p.q.Departments, 1)
	sel.div = pick(&s.divs, p.q.Divisions, 1)
	sel.tags = pick(&s.tags, p.q.Tags, 0)
	sel.tagFields = s.tagFields.selectTagFields(p.q.TagFields)
	if len(p.q.OfficeIDs) > 0 {
		sel.office = make([]bool, len(s.offices.ids)+1)
		for _, v := range p.q.OfficeIDs {
			if id, err := uuid.Parse(v); err == nil {
				if i, ok := s.offices.index[id]; ok {
					sel.office[i+1] = true
				}
			}
		}
	}
	return sel
}

// pick marks the selected values of d, each at shift + its index.
func pick(d *dict, values []string, shift uint32) []bool {
	if len(values) == 0 {
		return nil
	}
	out := make([]bool, len(d.values)+int(shift))
	for _, v := range values {
		if i, ok := d.index[v]; ok {
			out[i+shift] = true
		}
	}
	return out
}

// base reports whether user i passes the status and text filters.
func (sel *selection) base(i uint32) bool {
	if sel.s.inactive.has(i) {
		if !sel.keepInactive {
			return false
		}
	} else if !sel.keepActive {
		return false
	}
	return sel.text == nil || sel.text.has(i)
}

// fails returns the facet filters user i fails, as fail* bits.
func (sel *selection) fails(i uint32) uint32 {
	s := sel.s
	m := sel.tagFields.fails(&s.tagFields, i)
	if sel.dept != nil && !sel.dept[s.dept[i]] {
		m |= failDept
	}
	if sel.div != nil && !sel.div[s.div[i]] {
		m |= failDiv
	}
	if sel.office != nil && !sel.office[s.office[i]] {
		m |= failOffice
	}
	if sel.tags != nil {
		hit := false
		for _, t := range s.tagIDs[s.tagStart[i]:s.tagStart[i+1]] {
			if sel.tags[t] {
				hit = true
				break
			}
		}
		if !hit {
			m |= failTags
		}
	}
	return m
}

// counts are the total and the disjunctive facet counts of a selection, indexed
// like the snapshot's values.
type counts struct {
	total                   int
	dept, div, office, tags []int32
	tagFields               []int32 // per tag pair
}

// count makes one pass over the users passing the status and text filters. A user
// passing every facet filter counts in the total and in every facet; a user failing
// exactly one facet's filter counts in that facet only (its counts ignore its own
// filter); a user failing two or more counts nowhere.
func (sel *selection) count(facets bool) *counts {
	s := sel.s
	c := &counts{}
	if facets {
		c.dept = make([]int32, len(s.depts.values)+1)
		c.div = make([]int32, len(s.divs.values)+1)
		c.office = make([]int32, len(s.offices.ids)+1)
		c.tags = make([]int32, len(s.tags.values))
		c.tagFields = make([]int32, len(s.tagFields.pairField))
	}
	if sel.text != nil {
		for w, word := range sel.text {
			for word != 0 {
				c.visit(sel, uint32(w*64+bits.TrailingZeros64(word)), facets)
				word &= word - 1
			}
		}
	} else {
		for i := range uint32(s.len()) {
			c.visit(sel, i, facets)
		}
	}
	return c
}

// visit counts user i.
func (c *counts) visit(sel *selection, i uint32, facets bool) {
	if !sel.base(i) {
		return
	}
	m := sel.fails(i)
	if m == 0 {
		c.total++
	}
	if !facets || m&(m-1) != 0 {
		return
	}
	s := sel.s
	if m == 0 || m == failDept {
		c.dept[s.dept[i]]++
	}
	if m == 0 || m == failDiv {
		c.div[s.div[i]]++
	}
	if m == 0 || m == failOffice {
		c.office[s.office[i]]++
	}
	if m == 0 || m == failTags {
		for _, t := range s.tagIDs[s.tagStart[i]:s.tagStart[i+1]] {
			c.tags[t]++
		}
	}
	if m == 0 || m&sel.tagFields.mask != 0 {
		sel.tagFields.count(&s.tagFields, i, m, c.tagFields)
	}
}

// page returns up to first users matching every filter, in the plan's order,
// after the plan's cursor, and whether more follow.
func (sel *selection) page(p *plan, coll *collate.Collator) (users []uint32, more bool) {
	s := sel.s
	order := s.order(p)
	step, pos := 1, 0
	if p.desc() {
		step, pos = -1, len(order)-1
	}
	if p.after != nil {
		pos = s.seek(p, coll)
	}
	users = make([]uint32, 0, p.first)
	for ; pos >= 0 && pos < len(order); pos += step {
		i := order[pos]
		if !sel.base(i) || sel.fails(i) != 0 {
			continue
		}
		if len(users) == p.first {
			return users, true
		}
		users = append(users, i)
	}
	return users, false
}

// seek returns the position in the plan's ascending order where the page after
// the plan's cursor starts: the first user above the cursor's (key, id) when
// ascending, the last one below it when descending (-1 or len when none is).
func (s *snapshot) seek(p *plan, coll *collate.Collator) int {
	order := s.order(p)
	after := p.after
	var cmpKey func(i uint32) int
	if p.byName() {
		var buf, ubuf collate.Buffer
		ckey := coll.KeyFromString(&buf, after.Key)
		cmpKey = func(i uint32) int {
			ubuf.Reset()
			if c := bytes.Compare(coll.KeyFromString(&ubuf, s.sortName(i)), ckey); c != 0 {
				return c
			}
			return strings.Compare(s.sortName(i), after.Key)
		}
	} else {
		cmpKey = func(i uint32) int { return strings.Compare(s.email(i), after.Key) }
	}
	cmpUser := func(i uint32) int {
		if c := cmpKey(i); c != 0 {
			return c
		}
		return bytes.Compare(s.ids[i][:], after.id[:])
	}
	if p.desc() {
		return sort.Search(len(order), func(k int) bool { return cmpUser(order[k]) >= 0 }) - 1
	}
	return sort.Search(len(order), func(k int) bool { return cmpUser(order[k]) > 0 })
}
