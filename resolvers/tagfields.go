package resolvers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
)

// maxTagFieldFilters bounds UserFilter.tagFields (distinct fields).
const maxTagFieldFilters = search.MaxTagFieldFilters

// tagLabels are the display labels of a company's tag fields, keyed by field key, with
// each field's position in the mapping.
type tagLabels struct {
	label map[string]string
	pos   map[string]int
}

// newTagLabels labels the mapping's tag fields: the admin's label, else "Groups" for the
// groups field and "Tag N" for the N-th field.
func newTagLabels(m mapping.Mapping) tagLabels {
	t := tagLabels{label: make(map[string]string, len(m.TagFields)), pos: make(map[string]int, len(m.TagFields))}
	for i, f := range m.TagFields {
		label := f.Label
		switch {
		case label != "":
		case f.FromGroups:
			label = mapping.GroupsTagLabel
		default:
			label = fmt.Sprintf("Tag %d", i+1)
		}
		t.label[f.Key], t.pos[f.Key] = label, i
	}
	return t
}

// of returns the label of a field key: its mapping label, or the key itself for a field
// no longer mapped ("" for the unknown field).
func (t tagLabels) of(key string) string {
	if l, ok := t.label[key]; ok {
		return l
	}
	return key
}

// position orders fields: mapped ones in mapping order, then the others.
func (t tagLabels) position(key string) int {
	if p, ok := t.pos[key]; ok {
		return p
	}
	return len(t.pos)
}

// labelMemo loads one company's tag labels at most once per request.
type labelMemo struct {
	once   sync.Once
	labels tagLabels
	err    error
}

// tagLabelsOf returns the company's tag field labels, once per request when the request
// has dataloaders.
func (r *Resolver) tagLabelsOf(ctx context.Context, companyID string) (tagLabels, error) {
	load := func() (tagLabels, error) {
		cfg, err := r.Engine.Configuration(ctx, companyID)
		if err != nil {
			return tagLabels{}, err
		}
		m, err := engine.MappingOf(cfg)
		if err != nil {
			return tagLabels{}, err
		}
		return newTagLabels(m), nil
	}
	l, err := loadersFrom(ctx)
	if err != nil {
		return load()
	}
	l.labels.once.Do(func() { l.labels.labels, l.labels.err = load() })
	return l.labels.labels, l.labels.err
}

// needsLabels reports whether any of the users has tags attributed to fields.
func needsLabels(users ...*db.User) bool {
	for _, u := range users {
		if len(u.TagFields) > 0 {
			return true
		}
	}
	return false
}

// toTagValues pairs a user's tags with their fields, in the mapping's order of fields.
func toTagValues(tags, fields []string, labels tagLabels) []*model.TagValue {
	out := make([]*model.TagValue, len(tags))
	for i, v := range tags {
		tv := &model.TagValue{Value: v}
		if len(fields) == len(tags) {
			tv.Field, tv.Label = fields[i], labels.of(fields[i])
		}
		out[i] = tv
	}
	slices.SortStableFunc(out, func(a, b *model.TagValue) int {
		if a.Field == b.Field {
			return 0
		}
		return cmp.Compare(labels.position(a.Field), labels.position(b.Field))
	})
	return out
}

// distinctTags lists each tag once (case-insensitively, first spelling kept): two tag
// fields may hold the same value.
func distinctTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// toTagFieldFacets labels the search's tag field facets and puts them in mapping order.
func toTagFieldFacets(in []search.TagFieldFacet, labels tagLabels) []*model.TagFieldFacet {
	out := make([]*model.TagFieldFacet, len(in))
	for i, f := range in {
		out[i] = &model.TagFieldFacet{Field: f.Field, Label: labels.of(f.Field), Values: toFacetCounts(f.Values)}
	}
	slices.SortStableFunc(out, func(a, b *model.TagFieldFacet) int {
		return cmp.Compare(labels.position(a.Field), labels.position(b.Field))
	})
	return out
}

// tagFieldFilters checks and converts UserFilter.tagFields.
func tagFieldFilters(in []*model.TagFieldFilter) ([]search.TagFieldFilter, error) {
	out := make([]search.TagFieldFilter, 0, len(in))
	fields := map[string]bool{}
	for i, f := range in {
		if len(f.Values) > maxFilterValues {
			return nil, inputErr(fmt.Sprintf("filter.tagFields[%d].values", i), "at most %d values", maxFilterValues)
		}
		if len(f.Values) > 0 {
			fields[f.Field] = true
		}
		out = append(out, search.TagFieldFilter{Field: f.Field, Values: f.Values})
	}
	if len(fields) > maxTagFieldFilters {
		return nil, inputErr("filter.tagFields", "at most %d tag fields, got %d", maxTagFieldFilters, len(fields))
	}
	return out, nil
}

// toTagFields lists a mapping's tag fields for FieldMapping.tagFields.
func toTagFields(fields []mapping.TagField) []*model.TagField {
	out := make([]*model.TagField, len(fields))
	for i, f := range fields {
		out[i] = &model.TagField{Key: f.Key, Label: f.Label, Pointer: optional(f.Pointer), FromGroups: f.FromGroups}
	}
	return out
}

// fromTagFieldInputs converts FieldMappingInput.tagFields (nil stays nil).
func fromTagFieldInputs(in []*model.TagFieldInput) []mapping.TagField {
	if in == nil {
		return nil
	}
	out := make([]mapping.TagField, len(in))
	for i, f := range in {
		out[i] = mapping.TagField{Key: f.Key, Label: f.Label, Pointer: deref(f.Pointer), FromGroups: f.FromGroups != nil && *f.FromGroups}
	}
	return out
}
