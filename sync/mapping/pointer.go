package mapping

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidPointer is wrapped by every [PointerError]; test with errors.Is.
var ErrInvalidPointer = errors.New("mapping: invalid JSON pointer")

// PointerError says why a string is not a valid RFC 6901 JSON Pointer.
type PointerError struct {
	// Pointer is the rejected input.
	Pointer string
	// Reason is a short human-readable explanation, e.g. `"~" must be followed by 0 or 1`.
	Reason string
}

// Error implements error.
func (e *PointerError) Error() string {
	return fmt.Sprintf("invalid JSON pointer %q: %s", e.Pointer, e.Reason)
}

// Unwrap returns [ErrInvalidPointer].
func (e *PointerError) Unwrap() error { return ErrInvalidPointer }

// Pointer is a parsed RFC 6901 JSON Pointer. The zero value is the empty pointer "", which
// refers to the whole document. Pointers are immutable and safe to share.
type Pointer struct {
	raw    string
	tokens []string
	// index[i] is tokens[i] read as an array index, or -1 when it is not a valid one
	// ("0", "17"; not "-", "01", "+1", "1.0").
	index []int
}

// ParsePointer parses s as an RFC 6901 JSON Pointer: either "" or a sequence of "/"-prefixed
// reference tokens in which "~" appears only as "~0" (for "~") or "~1" (for "/").
func ParsePointer(s string) (Pointer, error) {
	if s == "" {
		return Pointer{}, nil
	}
	if s[0] != '/' {
		return Pointer{}, &PointerError{Pointer: s, Reason: `must be empty or start with "/"`}
	}
	n := strings.Count(s, "/")
	p := Pointer{raw: s, tokens: make([]string, 0, n), index: make([]int, 0, n)}
	for rest := s[1:]; ; {
		end := strings.IndexByte(rest, '/')
		seg := rest
		if end >= 0 {
			seg = rest[:end]
		}
		tok, err := unescapeToken(seg)
		if err != nil {
			return Pointer{}, &PointerError{Pointer: s, Reason: err.Error()}
		}
		p.tokens = append(p.tokens, tok)
		p.index = append(p.index, arrayIndex(tok))
		if end < 0 {
			return p, nil
		}
		rest = rest[end+1:]
	}
}

// NewPointer builds the pointer that refers to the given unescaped reference tokens, e.g.
// NewPointer("raw_attributes", "name/suffix") is /raw_attributes/name~1suffix.
func NewPointer(tokens ...string) Pointer {
	if len(tokens) == 0 {
		return Pointer{}
	}
	var raw []byte
	p := Pointer{tokens: make([]string, len(tokens)), index: make([]int, len(tokens))}
	for i, tok := range tokens {
		raw = appendEscaped(append(raw, '/'), tok)
		p.tokens[i] = tok
		p.index[i] = arrayIndex(tok)
	}
	p.raw = string(raw)
	return p
}

// String returns the pointer in its escaped string form; ParsePointer(p.String()) equals p.
func (p Pointer) String() string { return p.raw }

// IsRoot reports whether p is the empty pointer, which refers to the whole document.
func (p Pointer) IsRoot() bool { return len(p.tokens) == 0 }

// Tokens returns a copy of the unescaped reference tokens.
func (p Pointer) Tokens() []string { return append([]string(nil), p.tokens...) }

// Resolve returns the value p refers to in doc, a document decoded by encoding/json into
// any (map[string]any, []any, string, json.Number or float64, bool, nil). Array elements
// are addressed by decimal index without leading zeros; "-" (the element after the last)
// never resolves. ok is false when any step is missing or steps into a scalar. A JSON null
// that is present resolves to (nil, true).
func (p Pointer) Resolve(doc any) (v any, ok bool) {
	v = doc
	for i, tok := range p.tokens {
		switch node := v.(type) {
		case map[string]any:
			if v, ok = node[tok]; !ok {
				return nil, false
			}
		case []any:
			idx := p.index[i]
			if idx < 0 || idx >= len(node) {
				return nil, false
			}
			v = node[idx]
		default:
			return nil, false
		}
	}
	return v, true
}

// EscapeToken escapes one reference token for use in a pointer: "~" becomes "~0" and "/"
// becomes "~1".
func EscapeToken(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return string(appendEscaped(make([]byte, 0, len(tok)+4), tok))
}

// unescapeToken decodes ~0 and ~1 in one escaped reference token and rejects any other "~".
func unescapeToken(seg string) (string, error) {
	first := strings.IndexByte(seg, '~')
	if first < 0 {
		return seg, nil
	}
	var b strings.Builder
	b.Grow(len(seg))
	b.WriteString(seg[:first])
	for i := first; i < len(seg); i++ {
		c := seg[i]
		if c != '~' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(seg) || (seg[i+1] != '0' && seg[i+1] != '1') {
			return "", errors.New(`"~" must be followed by 0 or 1`)
		}
		if seg[i+1] == '0' {
			b.WriteByte('~')
		} else {
			b.WriteByte('/')
		}
		i++
	}
	return b.String(), nil
}

// arrayIndex reads tok as an RFC 6901 array index ("0" or a digit string without a leading
// zero) and returns -1 when it is not one or is too large to be a real index.
func arrayIndex(tok string) int {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return -1
	}
	n := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
