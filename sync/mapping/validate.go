package mapping

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrInvalidMapping is wrapped by every [FieldError]; test with errors.Is.
var ErrInvalidMapping = errors.New("mapping: invalid mapping")

// FieldError is a mapping validation failure tied to one input field, so the GraphQL error
// presenter can answer BAD_USER_INPUT and the editor can highlight the field.
type FieldError struct {
	// Field is the input path, e.g. "mapping.department", "mapping.tags[1]",
	// "mapping.valueAliases[0].from".
	Field string
	// Message says what is wrong, for the admin.
	Message string
}

// Error implements error.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Unwrap returns [ErrInvalidMapping].
func (e *FieldError) Unwrap() error { return ErrInvalidMapping }

// fieldErr builds a *FieldError with a formatted message.
func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Validate checks the mapping and returns the first problem as a *FieldError, or nil.
// Rules: every set pointer is a valid non-empty RFC 6901 pointer; email is mapped; at most
// MaxTags legacy tags or MaxTagFields tag fields (see compileTagFields), none blank, no
// pointer twice; at most MaxValueAliases aliases, each naming a
// known target field with non-blank From and To, and no two aliases of one field mapping
// the same From (case-insensitively) to different values.
func (m Mapping) Validate() error {
	_, err := m.compile()
	return err
}

// validated is a mapping's pre-parsed form, produced while validating it.
type validated struct {
	scalars [numScalarFields]Pointer
	mapped  [numScalarFields]bool
	tags    []Pointer // the tag fields' pointers, in field order
	// tagFields are the tag fields in order (the legacy tags list as unnamed fields).
	tagFields []compiledTagField
	// aliases maps field name -> fold key of From -> trimmed To.
	aliases map[string]map[string]string
}

// compile validates m and returns its parsed pointers and alias tables.
func (m *Mapping) compile() (*validated, error) {
	v := &validated{}
	names := scalarFieldNames()
	for i, raw := range m.scalarPointers() {
		if raw == "" {
			continue
		}
		p, err := parseTarget("mapping."+names[i], raw)
		if err != nil {
			return nil, err
		}
		v.scalars[i], v.mapped[i] = p, true
	}
	if m.Email == "" {
		return nil, fieldErr("mapping.email", "email must be mapped: every user needs an email address")
	}
	if err := m.compileTagFields(v); err != nil {
		return nil, err
	}
	aliases, err := compileAliases(m.ValueAliases)
	if err != nil {
		return nil, err
	}
	v.aliases = aliases
	return v, nil
}

// parseTarget parses a target pointer and reports a syntax error against field.
func parseTarget(field, raw string) (Pointer, error) {
	p, err := ParsePointer(raw)
	if err != nil {
		var pe *PointerError
		if errors.As(err, &pe) {
			return Pointer{}, fieldErr(field, "%s is not a valid JSON pointer: %s", raw, pe.Reason)
		}
		return Pointer{}, fieldErr(field, "%s is not a valid JSON pointer", raw)
	}
	return p, nil
}

// compileAliases validates the aliases and indexes them by field and folded From.
func compileAliases(list []ValueAlias) (map[string]map[string]string, error) {
	if len(list) > MaxValueAliases {
		return nil, fieldErr("mapping.valueAliases", "at most %d value aliases are allowed, got %d", MaxValueAliases, len(list))
	}
	if len(list) == 0 {
		return nil, nil
	}
	byField := make(map[string]map[string]string)
	firstIndex := make(map[string]int, len(list))
	for i, a := range list {
		prefix := fmt.Sprintf("mapping.valueAliases[%d]", i)
		if !isTargetField(a.Field) {
			return nil, fieldErr(prefix+".field", "unknown field %q; use one of firstName, lastName, email, jobTitle, department, division, office, tags", a.Field)
		}
		from, to := strings.TrimSpace(a.From), strings.TrimSpace(a.To)
		if from == "" {
			return nil, fieldErr(prefix+".from", "must not be blank")
		}
		if to == "" {
			return nil, fieldErr(prefix+".to", "must not be blank")
		}
		table := byField[a.Field]
		if table == nil {
			table = make(map[string]string)
			byField[a.Field] = table
		}
		key := string(appendFoldKey(nil, from))
		if prev, ok := table[key]; ok {
			if prev != to {
				return nil, fieldErr(prefix+".from", "%s value %q is already aliased to %q by mapping.valueAliases[%d]", a.Field, from, prev, firstIndex[a.Field+"\x00"+key])
			}
			continue
		}
		table[key] = to
		firstIndex[a.Field+"\x00"+key] = i
	}
	return byField, nil
}

// appendFoldKey appends the case-insensitive lookup key of s (its lower case) to dst.
// ASCII is lowered byte by byte; other runes with unicode.ToLower.
func appendFoldKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}
