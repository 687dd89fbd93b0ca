package search

import (
	"cmp"
	"slices"
	"strings"
)

// facetEntry is one candidate value of a facet.
type facetEntry struct {
	value, label string
	count        int32
	selected     bool
}

// facets turns the counts into the four facets of a result.
func (sel *selection) facets(p *plan, c *counts) Facets {
	s := sel.s
	return Facets{
		Departments: valueFacet(&s.depts, c.dept[1:], p.q.Departments),
		Divisions:   valueFacet(&s.divs, c.div[1:], p.q.Divisions),
		Tags:        valueFacet(&s.tags, c.tags, p.q.Tags),
		Offices:     sel.officeFacet(c.office[1:]),
		TagFields:   sel.tagFields.facets(&s.tagFields, c.tagFields),
	}
}

// valueFacet lists the values of d with a count, plus the selected values, even
// those nobody has.
func valueFacet(d *dict, counts []int32, selected []string) []FacetCount {
	var entries []facetEntry
	for i, n := range counts {
		if n > 0 {
			entries = append(entries, facetEntry{value: d.values[i], label: d.values[i], count: n})
		}
	}
	for _, v := range selected {
		if i, ok := d.index[v]; ok && counts[i] > 0 {
			continue
		}
		if !slices.ContainsFunc(entries, func(e facetEntry) bool { return e.value == v }) {
			entries = append(entries, facetEntry{value: v, label: v})
		}
	}
	for k := range entries {
		entries[k].selected = slices.Contains(selected, entries[k].value)
	}
	return top(entries)
}

// officeFacet lists the offices with a count, plus the selected offices of the
// company; an office id the company does not have is not listed.
func (sel *selection) officeFacet(counts []int32) []FacetCount {
	s := sel.s
	var entries []facetEntry
	for i, n := range counts {
		selected := sel.office != nil && sel.office[i+1]
		if n > 0 || selected {
			entries = append(entries, facetEntry{value: s.offices.ids[i].String(), label: s.offices.names[i],
				count: n, selected: selected})
		}
	}
	return top(entries)
}

// top sorts entries by count (highest first), label and value, and keeps the first
// FacetLimit plus every selected one.
func top(entries []facetEntry) []FacetCount {
	slices.SortFunc(entries, func(a, b facetEntry) int {
		if a.count != b.count {
			return cmp.Compare(b.count, a.count)
		}
		if a.label != b.label {
			return strings.Compare(a.label, b.label)
		}
		return strings.Compare(a.value, b.value)
	})
	out := make([]FacetCount, 0, min(len(entries), FacetLimit))
	for k, e := range entries {
		if k < FacetLimit || e.selected {
			out = append(out, FacetCount{Value: e.value, Label: e.label, Count: int(e.count)})
		}
	}
	return out
}
