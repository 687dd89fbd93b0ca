package search

import (
	"fmt"
	"slices"
	"unsafe"
)

// MaxTagFieldFilters is the most distinct tag fields one query may filter on (each takes
// one bit of a user's failed filters).
const MaxTagFieldFilters = 28

// firstTagFieldBit is the fail bit of the first tag field filter; lower bits are the
// department, division, office and tags filters.
const firstTagFieldBit = 4

// TagFieldFilter filters on one tag field: users having any of Values in the field Field
// pass. Several filters combine with all-of, with each other and the other facets.
type TagFieldFilter struct {
	// Field is the tag field's key (mapping.TagField.Key).
	Field string
	// Values are the accepted values; an empty list does not filter.
	Values []string
}

// TagFieldFacet is the disjunctive counts of one tag field: every filter of the query
// applies except this field's own.
type TagFieldFacet struct {
	// Field is the tag field's key.
	Field string
	// Values are sorted like the other facets' (count, then label), at most FacetLimit
	// plus the selected ones.
	Values []FacetCount
}

// tagPairs indexes the (tag field, value) pairs of a snapshot's users. Values whose field
// is unknown (users.tag_fields empty) are only in the flat tags.
type tagPairs struct {
	fields dict // the tag field keys, in order of first appearance
	// pairs numbers "field index, value" pairs; pairField and pairValue describe each.
	pairs     map[tagPair]uint32
	pairField []uint32
	pairValue []string
	// The pairs of user i are ids[start[i]:start[i+1]].
	start, ids []uint32
}

// tagPair is one field's value.
type tagPair struct {
	field uint32
	value string
}

func newTagPairs(users int) tagPairs {
	return tagPairs{fields: newDict(), pairs: map[tagPair]uint32{}, start: make([]uint32, 1, users+1)}
}

// add appends one user's tag values; fields is as long as tags, or empty. A new pair
// keeps the value's string from dict (the snapshot's tags), not the row's copy.
func (t *tagPairs) add(tags, fields []string, dict *dict) {
	first := len(t.ids)
	if len(fields) == len(tags) {
		for k, v := range tags {
			p := tagPair{t.fields.id(fields[k]), v}
			id, ok := t.pairs[p]
			if !ok {
				p.value = dict.values[dict.id(v)]
				id = uint32(len(t.pairField))
				t.pairs[p] = id
				t.pairField = append(t.pairField, p.field)
				t.pairValue = append(t.pairValue, p.value)
			}
			if !slices.Contains(t.ids[first:], id) {
				t.ids = append(t.ids, id)
			}
		}
	}
	t.start = append(t.start, uint32(len(t.ids)))
}

// bytes is what the index keeps beyond the snapshot's tags, whose strings its values
// share: the field keys, the pairs' map and slices and the users' pair lists.
func (t *tagPairs) bytes() int64 {
	n := t.fields.bytes() + mapBytes(len(t.pairs), int64(unsafe.Sizeof(tagPair{}))+4)
	n += int64(cap(t.pairField)+cap(t.start)+cap(t.ids))*4 + int64(cap(t.pairValue))*stringHeader
	return n
}

// of returns user i's pairs.
func (t *tagPairs) of(i uint32) []uint32 { return t.ids[t.start[i]:t.start[i+1]] }

// tagFieldSelection is a query's tag field filters resolved against a snapshot.
type tagFieldSelection struct {
	mask uint32   // the fail bits of every filter; 0 when none
	bit  []uint32 // per pair: the fail bit its value clears (0 when not selected)
	// fieldBit is the fail bit of each snapshot field's filter (0 when not filtered).
	fieldBit []uint32
	// filters are the merged filters in query order, with the bit of each.
	filters []tagFieldFilterBit
}

type tagFieldFilterBit struct {
	field  string
	values []string
	bit    uint32
}

// selectTagFields resolves the filters. A field the snapshot does not know filters
// everyone out, as an unknown value does.
func (t *tagPairs) selectTagFields(filters []TagFieldFilter) tagFieldSelection {
	var sel tagFieldSelection
	slot := map[string]int{}
	for _, f := range filters {
		if len(f.Values) == 0 {
			continue
		}
		k, ok := slot[f.Field]
		if !ok {
			k = len(sel.filters)
			slot[f.Field] = k
			sel.filters = append(sel.filters, tagFieldFilterBit{field: f.Field, bit: 1 << (firstTagFieldBit + k)})
		}
		for _, v := range f.Values {
			if !slices.Contains(sel.filters[k].values, v) {
				sel.filters[k].values = append(sel.filters[k].values, v)
			}
		}
	}
	if len(sel.filters) == 0 {
		return sel
	}
	sel.bit = make([]uint32, len(t.pairField))
	sel.fieldBit = make([]uint32, len(t.fields.values))
	for _, f := range sel.filters {
		sel.mask |= f.bit
		fi, ok := t.fields.index[f.field]
		if !ok {
			continue
		}
		sel.fieldBit[fi] = f.bit
		for _, v := range f.values {
			if id, ok := t.pairs[tagPair{fi, v}]; ok {
				sel.bit[id] = f.bit
			}
		}
	}
	return sel
}

// checkTagFieldFilters rejects a query filtering on more than MaxTagFieldFilters fields.
func checkTagFieldFilters(filters []TagFieldFilter) error {
	fields := map[string]bool{}
	for _, f := range filters {
		if len(f.Values) > 0 {
			fields[f.Field] = true
		}
	}
	if len(fields) > MaxTagFieldFilters {
		return fmt.Errorf("search users: %d tag fields filtered, at most %d: %w", len(fields), MaxTagFieldFilters, ErrBadSearch)
	}
	return nil
}

// fails returns the tag field filter bits user i fails.
func (ts *tagFieldSelection) fails(t *tagPairs, i uint32) uint32 {
	if ts.mask == 0 {
		return 0
	}
	var hit uint32
	for _, p := range t.of(i) {
		hit |= ts.bit[p]
	}
	return ts.mask &^ hit
}

// count adds user i's pairs to counts: all of them when the user passes every filter
// (m == 0), else those of the one tag field whose filter alone it fails (m is that bit).
func (ts *tagFieldSelection) count(t *tagPairs, i uint32, m uint32, counts []int32) {
	for _, p := range t.of(i) {
		if m == 0 || ts.fieldBit[t.pairField[p]] == m {
			counts[p]++
		}
	}
}

// facets lists each tag field's values with a count, plus the selected values, fields in
// order of first appearance, then filtered fields nobody has.
func (ts *tagFieldSelection) facets(t *tagPairs, counts []int32) []TagFieldFacet {
	entries := make([][]facetEntry, len(t.fields.values))
	for p, n := range counts {
		if n > 0 {
			f := t.pairField[p]
			entries[f] = append(entries[f], facetEntry{value: t.pairValue[p], label: t.pairValue[p], count: n})
		}
	}
	var out []TagFieldFacet
	for fi, key := range t.fields.values {
		if key == "" {
			continue
		}
		out = append(out, TagFieldFacet{Field: key, Values: withSelected(entries[fi], ts.selected(key))})
	}
	for _, f := range ts.filters {
		if _, ok := t.fields.index[f.field]; !ok {
			out = append(out, TagFieldFacet{Field: f.field, Values: withSelected(nil, f.values)})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// selected returns the values the query filters the field on.
func (ts *tagFieldSelection) selected(field string) []string {
	for _, f := range ts.filters {
		if f.field == field {
			return f.values
		}
	}
	return nil
}

// withSelected adds the selected values missing from entries (with a zero count), marks
// the selected ones and keeps the top values.
func withSelected(entries []facetEntry, selected []string) []FacetCount {
	for _, v := range selected {
		if !slices.ContainsFunc(entries, func(e facetEntry) bool { return e.value == v }) {
			entries = append(entries, facetEntry{value: v, label: v})
		}
	}
	for k := range entries {
		entries[k].selected = slices.Contains(selected, entries[k].value)
	}
	return top(entries)
}
