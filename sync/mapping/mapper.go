package mapping

import (
	"fmt"
	"strings"
)

// Mapper applies one validated Mapping to directory user documents. Build it once per sync
// run or preview with [Compile]; it is immutable and safe for concurrent use.
type Mapper struct {
	scalars    []scalarTarget
	tags       []Pointer
	tagAliases map[string]string
	trie       *pathNode // all pointers, for MapJSON's partial decoding
}

// scalarTarget is one mapped single-valued field.
type scalarTarget struct {
	slot    int // index into Result.scalarSlots
	field   string
	ptr     Pointer
	aliases map[string]string // fold key of From -> To; nil when none
}

// Compile validates m (see [Mapping.Validate]; the error is a *FieldError) and prepares a
// Mapper: pointers parsed once, value aliases indexed case-insensitively.
func Compile(m Mapping) (*Mapper, error) {
	v, err := m.compile()
	if err != nil {
		return nil, err
	}
	mp := &Mapper{tags: v.tags, tagAliases: v.aliases[FieldTags]}
	names := scalarFieldNames()
	all := append([]Pointer(nil), v.tags...)
	for i := range names {
		if v.mapped[i] {
			mp.scalars = append(mp.scalars, scalarTarget{slot: i, field: names[i], ptr: v.scalars[i], aliases: v.aliases[names[i]]})
			all = append(all, v.scalars[i])
		}
	}
	mp.trie = newPathTrie(all)
	return mp, nil
}

// MapJSON maps one directory user object given as JSON. It validates the whole text but
// decodes only the values the mapping's pointers reach (numbers kept exact, as with
// json.Decoder.UseNumber), so the result equals Map over the fully decoded document at a
// fraction of the cost. The error is about the JSON only: invalid, trailing data, or not an
// object.
func (m *Mapper) MapJSON(raw []byte) (Result, []Problem, error) {
	doc, err := decodeSparse(raw, m.trie)
	if err != nil {
		return Result{}, nil, err
	}
	r, problems := m.Map(doc)
	return r, problems, nil
}

// Map computes the user fields for one decoded directory user document (as produced by
// encoding/json into any; json.Number or float64 numbers). Values are trimmed, and empty,
// null or missing values give no value. Numbers and booleans become their string form. A
// single-valued field takes a scalar or a one-element array of a scalar; anything else is a
// ProblemWrongType and leaves the field empty. Email is lowercased. A tag pointer gives one
// tag, or one per scalar element of an array; tags are deduplicated case-insensitively,
// keeping the first spelling and order. Value aliases apply after trimming (per element for
// tags). Problems is nil when there are none.
func (m *Mapper) Map(doc any) (Result, []Problem) {
	var r Result
	var problems []Problem
	slots := r.scalarSlots()
	for i := range m.scalars {
		t := &m.scalars[i]
		v, ok := t.ptr.Resolve(doc)
		if !ok {
			continue
		}
		s, ok := singleValue(v)
		if !ok {
			problems = append(problems, Problem{
				Field: t.field, Pointer: t.ptr.raw, Kind: ProblemWrongType,
				Message: fmt.Sprintf("%s: %s holds %s; a single text value is needed", t.field, t.ptr.raw, kindOf(v)),
			})
			continue
		}
		s = applyAlias(t.aliases, strings.TrimSpace(s))
		if t.field == FieldEmail {
			s = strings.ToLower(s)
		}
		*slots[t.slot] = s
	}
	if len(m.tags) > 0 {
		r.Tags, problems = m.mapTags(doc, problems)
	}
	return r, problems
}

// mapTags collects the tags of every tag pointer, appending any problems.
func (m *Mapper) mapTags(doc any, problems []Problem) ([]string, []Problem) {
	var tags []string
	full, overflowAt := false, ""
	for _, p := range m.tags {
		v, ok := p.Resolve(doc)
		if !ok {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			problems = append(problems, Problem{
				Field: FieldTags, Pointer: p.raw, Kind: ProblemWrongType,
				Message: fmt.Sprintf("tags: %s holds an object; a text value or an array of them is needed", p.raw),
			})
		case []any:
			nested := 0
			for _, el := range x {
				s, ok := scalarString(el)
				if !ok {
					nested++
					continue
				}
				tags, full = m.addTag(tags, s, full)
			}
			if nested > 0 {
				problems = append(problems, Problem{
					Field: FieldTags, Pointer: p.raw, Kind: ProblemWrongType,
					Message: fmt.Sprintf("tags: %s holds %d nested objects or arrays; only its text elements were used", p.raw, nested),
				})
			}
		default:
			s, _ := scalarString(x)
			tags, full = m.addTag(tags, s, full)
		}
		if full && overflowAt == "" {
			overflowAt = p.raw
		}
	}
	if full {
		problems = append(problems, Problem{
			Field: FieldTags, Pointer: overflowAt, Kind: ProblemTooManyValues,
			Message: fmt.Sprintf("tags: more than %d tags; only the first %d were kept", MaxTagValues, MaxTagValues),
		})
	}
	return tags, problems
}

// addTag trims, aliases and appends one tag unless it is empty or already present
// (case-insensitively). full reports that a tag was dropped for exceeding MaxTagValues.
func (m *Mapper) addTag(tags []string, s string, full bool) ([]string, bool) {
	s = applyAlias(m.tagAliases, strings.TrimSpace(s))
	if s == "" {
		return tags, full
	}
	for _, t := range tags {
		if strings.EqualFold(t, s) {
			return tags, full
		}
	}
	if len(tags) >= MaxTagValues {
		return tags, true
	}
	if tags == nil {
		tags = make([]string, 0, len(m.tags))
	}
	return append(tags, s), full
}

// applyAlias returns the alias of s from table (case-insensitive), or s itself.
func applyAlias(table map[string]string, s string) string {
	if len(table) == 0 || s == "" {
		return s
	}
	var buf [128]byte
	if to, ok := table[string(appendFoldKey(buf[:0], s))]; ok {
		return to
	}
	return s
}
