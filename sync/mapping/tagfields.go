package mapping

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Limits of tag fields, enforced by [Mapping.Validate].
const (
	// MaxTagFields is the most tag fields a mapping may hold.
	MaxTagFields = 20
	// MaxTagFieldLabel is the longest label of a tag field, in characters.
	MaxTagFieldLabel = 80
)

// GroupsTagLabel is the label a groups tag field shows when the admin gave it none.
const GroupsTagLabel = "Groups"

// tagKeyPattern is what a tag field key looks like: it names the field in stored users
// (users.tag_fields), filters and facets, so it stays short and plain.
var tagKeyPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$`)

// TagField is one named tag field of a mapping: where its values come from and how the
// People page labels its facet. Its source is either a JSON Pointer into the directory
// user object (one value, or one per element of an array) or, with FromGroups, the
// user's directory groups chosen by the group rules.
type TagField struct {
	// Key identifies the field in users' stored tag values and in search filters; unique in
	// the mapping (case-insensitively), 1-40 letters, digits, '_', '-' or '.'. Renaming the
	// label keeps the key, so users keep their values.
	Key string `json:"key"`
	// Label is what the app shows ("Cost center"); "" for an unnamed field (migrated from
	// the flat tags list).
	Label string `json:"label"`
	// Pointer is the JSON Pointer of the field's values; "" when FromGroups.
	Pointer string `json:"pointer,omitempty"`
	// FromGroups makes the user's directory groups (those the group rules turn into tags)
	// the field's values. At most one field of a mapping has it.
	FromGroups bool `json:"fromGroups,omitempty"`
}

// UnnamedTagFields turns a flat list of tag pointers (the mapping's tags before tag
// fields existed, and FieldMappingInput.tags) into unnamed tag fields tag1, tag2, ...
func UnnamedTagFields(pointers []string) []TagField {
	if len(pointers) == 0 {
		return nil
	}
	out := make([]TagField, len(pointers))
	for i, p := range pointers {
		out[i] = TagField{Key: fmt.Sprintf("tag%d", i+1), Pointer: p}
	}
	return out
}

// Normalize moves a legacy flat Tags list into unnamed TagFields (when the mapping has
// no TagFields), so that the rest of the code sees tag fields only. A mapping holding
// both is left as it is for Validate to reject.
func (m *Mapping) Normalize() {
	if len(m.Tags) > 0 && len(m.TagFields) == 0 {
		m.TagFields = UnnamedTagFields(m.Tags)
		m.Tags = nil
	}
}

// TagPointers returns the pointers of the tag fields that have one, in field order.
func (m *Mapping) TagPointers() []string {
	var out []string
	for _, f := range m.TagFields {
		if f.Pointer != "" {
			out = append(out, f.Pointer)
		}
	}
	return append(out, m.Tags...)
}

// GroupTagField returns the mapping's groups tag field, if it has one.
func (m *Mapping) GroupTagField() (TagField, bool) {
	for _, f := range m.TagFields {
		if f.FromGroups {
			return f, true
		}
	}
	return TagField{}, false
}

// compiledTagField is one validated tag field.
type compiledTagField struct {
	key        string
	ptr        Pointer // zero when fromGroups
	fromGroups bool
}

// compileTagFields validates the tag fields (and the legacy tags list, as unnamed fields)
// into v.tagFields and the pointer list v.tags.
func (m *Mapping) compileTagFields(v *validated) error {
	if len(m.Tags) > 0 && len(m.TagFields) > 0 {
		return fieldErr("mapping.tags", "give tags or tagFields, not both")
	}
	fields, prefix := m.TagFields, "mapping.tagFields"
	if len(m.Tags) > 0 {
		if len(m.Tags) > MaxTags {
			return fieldErr("mapping.tags", "at most %d tags can be mapped, got %d", MaxTags, len(m.Tags))
		}
		for i, raw := range m.Tags {
			if raw == "" {
				return fieldErr(fmt.Sprintf("mapping.tags[%d]", i), "tag pointer must not be empty; remove the tag instead")
			}
		}
		fields, prefix = UnnamedTagFields(m.Tags), "mapping.tags"
	}
	if len(fields) > MaxTagFields {
		return fieldErr(prefix, "at most %d tag fields can be mapped, got %d", MaxTagFields, len(fields))
	}
	keys := make(map[string]int, len(fields))
	pointers := make(map[string]int, len(fields))
	groupsAt := -1
	v.tags = make([]Pointer, 0, len(fields))
	for i, f := range fields {
		at := fmt.Sprintf("%s[%d]", prefix, i)
		if prefix == "mapping.tags" {
			at = fmt.Sprintf("mapping.tags[%d]", i)
		} else {
			if !tagKeyPattern.MatchString(f.Key) {
				return fieldErr(at+".key", "%q is not a tag field key: use 1 to 40 letters, digits, '_', '-' or '.'", f.Key)
			}
			k := strings.ToLower(f.Key)
			if j, ok := keys[k]; ok {
				return fieldErr(at+".key", "duplicates the key of mapping.tagFields[%d] (%s)", j, f.Key)
			}
			keys[k] = i
			if f.Label != strings.TrimSpace(f.Label) || utf8.RuneCountInString(f.Label) > MaxTagFieldLabel {
				return fieldErr(at+".label", "a label has at most %d characters and no leading or trailing spaces", MaxTagFieldLabel)
			}
			if f.FromGroups == (f.Pointer != "") {
				return fieldErr(at, "give a pointer or fromGroups, not both and not neither")
			}
		}
		if f.FromGroups {
			if groupsAt >= 0 {
				return fieldErr(at+".fromGroups", "only one tag field can take the directory groups; mapping.tagFields[%d] does", groupsAt)
			}
			groupsAt = i
			v.tagFields = append(v.tagFields, compiledTagField{key: f.Key, fromGroups: true})
			continue
		}
		ptrAt := at + ".pointer"
		if prefix == "mapping.tags" {
			ptrAt = at
		}
		p, err := parseTarget(ptrAt, f.Pointer)
		if err != nil {
			return err
		}
		if j, ok := pointers[p.raw]; ok {
			return fieldErr(ptrAt, "duplicates %s[%d] (%s)", prefix, j, f.Pointer)
		}
		pointers[p.raw] = i
		v.tags = append(v.tags, p)
		v.tagFields = append(v.tagFields, compiledTagField{key: f.Key, ptr: p})
	}
	return nil
}

// AddGroupTags appends the names of a user's groups to r as values of the mapping's groups
// tag field (trimmed, value aliases for tags applied, each once case-insensitively, within
// MaxTagValues in all). It reports whether a name was dropped for the limit; without a
// groups field it adds nothing.
func (m *Mapper) AddGroupTags(r *Result, names []string) (cut bool) {
	key := ""
	for _, f := range m.tagFields {
		if f.fromGroups {
			key = f.key
		}
	}
	if key == "" || len(names) == 0 {
		return false
	}
	l := tagList{r: r, aliases: m.tagAliases}
	l.startField(key)
	for _, n := range names {
		l.add(n)
	}
	return l.full
}
