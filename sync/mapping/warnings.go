package mapping

import (
	"fmt"
	"strings"
)

// Warning is a mapping problem that does not stop it from being saved: a mapped pointer
// reads a source WorkOS stopped filling on 2026-04-15 (raw_attributes is {}, job_title and
// username are null, emails is []) and no directory user has a value there, so every run
// would leave that field empty (and the field guard would hold the run that clears it).
type Warning struct {
	// Field is the input path, as in FieldError: "mapping.jobTitle", "mapping.tags[1]".
	Field string `json:"field"`
	// Pointer is the mapped pointer.
	Pointer string `json:"pointer"`
	// Message says what is wrong and what to do, for the admin.
	Message string `json:"message"`
}

// deprecatedRoots are the top-level members of a directory user that WorkOS's
// raw_attributes deprecation empties.
func deprecatedRoots() [4]string {
	return [...]string{"raw_attributes", "job_title", "username", "emails"}
}

// IsDeprecatedSource reports whether pointer reads under one of the members WorkOS's
// raw_attributes deprecation empties (/raw_attributes, /job_title, /username, /emails).
func IsDeprecatedSource(p Pointer) bool {
	if len(p.tokens) == 0 {
		return false
	}
	for _, root := range deprecatedRoots() {
		if p.tokens[0] == root {
			return true
		}
	}
	return false
}

// SourceCheck finds the pointers of a mapping that read a deprecated source
// (IsDeprecatedSource) which no directory user fills. Add every active directory user (or stop
// early once Pending is false), then read Warnings. It is not safe for concurrent use.
type SourceCheck struct {
	targets []sourceTarget
	trie    *pathNode
	pending int
	users   int
}

// sourceTarget is one checked pointer and whether a user had a value there.
type sourceTarget struct {
	field  string
	ptr    Pointer
	filled bool
}

// NewSourceCheck validates m (the error is a *FieldError, as from Validate) and prepares
// the check of its deprecated-source pointers.
func NewSourceCheck(m Mapping) (*SourceCheck, error) {
	v, err := m.compile()
	if err != nil {
		return nil, err
	}
	c := &SourceCheck{}
	names := scalarFieldNames()
	for i := range names {
		if v.mapped[i] && IsDeprecatedSource(v.scalars[i]) {
			c.targets = append(c.targets, sourceTarget{field: "mapping." + names[i], ptr: v.scalars[i]})
		}
	}
	for i, p := range v.tags {
		if IsDeprecatedSource(p) {
			c.targets = append(c.targets, sourceTarget{field: fmt.Sprintf("mapping.tags[%d]", i), ptr: p})
		}
	}
	ptrs := make([]Pointer, len(c.targets))
	for i := range c.targets {
		ptrs[i] = c.targets[i].ptr
	}
	c.trie, c.pending = newPathTrie(ptrs), len(c.targets)
	return c, nil
}

// Pending reports whether some checked pointer has not been found filled yet: while it is
// false, adding more users changes nothing.
func (c *SourceCheck) Pending() bool { return c.pending > 0 }

// AddJSON checks one directory user object given as JSON.
func (c *SourceCheck) AddJSON(raw []byte) error {
	c.users++
	if c.pending == 0 {
		return nil
	}
	doc, err := decodeSparse(raw, c.trie)
	if err != nil {
		return err
	}
	for i := range c.targets {
		t := &c.targets[i]
		if t.filled {
			continue
		}
		if v, ok := t.ptr.Resolve(doc); ok && hasValue(v) {
			t.filled = true
			c.pending--
		}
	}
	return nil
}

// Warnings returns a warning for each checked pointer no added user fills, in mapping
// order; none when no user was added (an empty directory tells nothing).
func (c *SourceCheck) Warnings() []Warning {
	out := []Warning{}
	if c.users == 0 {
		return out
	}
	for _, t := range c.targets {
		if t.filled {
			continue
		}
		out = append(out, Warning{Field: t.field, Pointer: t.ptr.raw, Message: fmt.Sprintf(
			"none of the %d active directory users has a value at %s: WorkOS stopped filling %s on 2026-04-15, so this field would be left empty for everyone; map it from /custom_attributes instead",
			c.users, t.ptr.raw, "/"+t.ptr.tokens[0])})
	}
	return out
}

// hasValue reports whether a decoded JSON value holds something: a non-blank string, a
// number or boolean, or an array or object holding one.
func hasValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(x) != ""
	case []any:
		for _, el := range x {
			if hasValue(el) {
				return true
			}
		}
		return false
	case map[string]any:
		for _, el := range x {
			if hasValue(el) {
				return true
			}
		}
		return false
	default:
		return true
	}
}
