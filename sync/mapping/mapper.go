package mapping

import (
	"fmt"
	"strings"
)

// Mapper applies one validated Mapping to directory user documents. Build it once per sync
// run or preview with [Compile]; it is immutable and safe for concurrent use.
type Mapper struct {
	scalars    []scalarTarget
	tagFields  []compiledTagField
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
	mp := &Mapper{tagFields: v.tagFields, tagAliases: v.aliases[FieldTags]}
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
// ProblemWrongType and leaves the field empty. Email is lowercased. A tag field's pointer
// gives one tag, or one per scalar element of an array; each field's tags are deduplicated
// case-insensitively, keeping the first spelling and order (two fields may hold the same
// value). Result.TagFields names each tag's field. Value aliases apply after trimming (per
// element for tags). A groups tag field gets its values from [Mapper.AddGroupTags].
// Problems is nil when there are none.
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
	if len(m.tagFields) > 0 {
		problems = m.mapTags(doc, &r, problems)
	}
	return r, problems
}

// mapTags collects the tags of every pointer tag field into r, appending any problems.
func (m *Mapper) mapTags(doc any, r *Result, problems []Problem) []Problem {
	tags := tagList{r: r, aliases: m.tagAliases}
	overflowAt := ""
	for _, f := range m.tagFields {
		if f.fromGroups {
			continue
		}
		p := f.ptr
		v, ok := p.Resolve(doc)
		if !ok {
			continue
		}
		tags.startField(f.key)
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
				tags.add(s)
			}
			if nested > 0 {
				problems = append(problems, Problem{
					Field: FieldTags, Pointer: p.raw, Kind: ProblemWrongType,
					Message: fmt.Sprintf("tags: %s holds %d nested objects or arrays; only its text elements were used", p.raw, nested),
				})
			}
		default:
			s, _ := scalarString(x)
			tags.add(s)
		}
		if tags.full && overflowAt == "" {
			overflowAt = p.raw
		}
	}
	if tags.full {
		problems = append(problems, tooManyTags(overflowAt))
	}
	return problems
}

// tooManyTags is the problem of a user whose tags were cut at MaxTagValues.
func tooManyTags(at string) Problem {
	return Problem{
		Field: FieldTags, Pointer: at, Kind: ProblemTooManyValues,
		Message: fmt.Sprintf("tags: more than %d tags; only the first %d were kept", MaxTagValues, MaxTagValues),
	}
}

// tagList appends one user's tags to a Result field by field.
type tagList struct {
	r       *Result
	aliases map[string]string
	key     string
	start   int  // index in r.Tags where the current field's tags begin
	full    bool // a tag was dropped for exceeding MaxTagValues
}

// startField makes key the field of the tags added next.
func (l *tagList) startField(key string) { l.key, l.start = key, len(l.r.Tags) }

// add trims, aliases and appends one tag unless it is empty or already a tag of the
// current field (case-insensitively).
func (l *tagList) add(s string) {
	s = applyAlias(l.aliases, strings.TrimSpace(s))
	if s == "" {
		return
	}
	for _, t := range l.r.Tags[l.start:] {
		if strings.EqualFold(t, s) {
			return
		}
	}
	if len(l.r.Tags) >= MaxTagValues {
		l.full = true
		return
	}
	l.r.Tags = append(l.r.Tags, s)
	l.r.TagFields = append(l.r.TagFields, l.key)
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
