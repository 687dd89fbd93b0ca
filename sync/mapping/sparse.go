package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// pathNode is one step in the trie of a Mapper's pointers. MapJSON walks the raw JSON along
// it and decodes only what the pointers can reach, instead of the whole document.
type pathNode struct {
	key      string
	members  map[string]*pathNode // children by unescaped token (object keys)
	indexes  map[int]*pathNode    // the children whose token is an array index
	maxIndex int                  // largest key of indexes, -1 when none
	target   bool                 // a pointer ends here: the whole value is needed
}

// newPathTrie builds the trie of the given pointers.
func newPathTrie(ptrs []Pointer) *pathNode {
	root := &pathNode{maxIndex: -1}
	for _, p := range ptrs {
		n := root
		for i, tok := range p.tokens {
			child := n.members[tok]
			if child == nil {
				child = &pathNode{key: tok, maxIndex: -1}
				if n.members == nil {
					n.members = make(map[string]*pathNode)
				}
				n.members[tok] = child
				if idx := p.index[i]; idx >= 0 {
					if n.indexes == nil {
						n.indexes = make(map[int]*pathNode)
					}
					n.indexes[idx] = child
					n.maxIndex = max(n.maxIndex, idx)
				}
			}
			n = child
		}
		n.target = true
	}
	return root
}

// decodeDocument fully decodes one JSON object, keeping numbers exact.
func decodeDocument(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decoding directory user: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("decoding directory user: unexpected data after the JSON object")
	}
	if _, ok := doc.(map[string]any); !ok {
		return nil, fmt.Errorf("decoding directory user: want a JSON object, got %s", kindOf(doc))
	}
	return doc, nil
}

// decodeSparse validates raw as one JSON object and returns a document holding only the
// values reachable through root's pointers; resolving those pointers in it gives exactly
// what they give in the fully decoded document.
func decodeSparse(raw []byte, root *pathNode) (any, error) {
	s := scanner{data: raw}
	s.ws()
	if s.peek() != '{' {
		return decodeDocument(raw)
	}
	doc, err := s.sparseObject(root)
	if err != nil {
		return nil, fmt.Errorf("decoding directory user: %w", err)
	}
	if s.ws(); s.pos != len(raw) {
		return nil, errors.New("decoding directory user: unexpected data after the JSON object")
	}
	return doc, nil
}

// sparseValue reads the value at the scanner for node n.
func (s *scanner) sparseValue(n *pathNode) (any, error) {
	s.ws()
	if n.target {
		start := s.pos
		if err := s.skipValue(); err != nil {
			return nil, err
		}
		return decodeValue(s.data[start:s.pos])
	}
	switch s.peek() {
	case '{':
		return s.sparseObject(n)
	case '[':
		if n.maxIndex >= 0 {
			return s.sparseArray(n)
		}
	}
	// Pointers continue below a scalar, or use non-index tokens on an array: they find
	// nothing either way.
	return nil, s.skipValue()
}

// sparseObject reads an object, keeping the members n has children for. The map is nil
// when none matched.
func (s *scanner) sparseObject(n *pathNode) (map[string]any, error) {
	if err := s.enter(0); err != nil {
		return nil, err
	}
	s.depth++
	s.pos++ // '{'
	var obj map[string]any
	s.ws()
	if s.peek() == '}' {
		s.pos++
		s.depth--
		return obj, nil
	}
	for {
		s.ws()
		keyStart := s.pos
		escaped, err := s.str()
		if err != nil {
			return nil, err
		}
		key := s.data[keyStart+1 : s.pos-1]
		var child *pathNode
		if escaped || !utf8.Valid(key) {
			var k string
			if err := json.Unmarshal(s.data[keyStart:s.pos], &k); err != nil {
				return nil, err
			}
			child = n.members[k]
		} else {
			child = n.members[string(key)]
		}
		if err := s.expect(':'); err != nil {
			return nil, err
		}
		if child == nil {
			err = s.skipValue()
		} else {
			var v any
			if v, err = s.sparseValue(child); err == nil {
				if obj == nil {
					obj = make(map[string]any, len(n.members))
				}
				obj[child.key] = v // a repeated key replaces the earlier value, as in encoding/json
			}
		}
		if err != nil {
			return nil, err
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			s.depth--
			return obj, nil
		default:
			return nil, s.syntaxErr("expected ',' or '}'")
		}
	}
}

// indexedValue is one kept array element.
type indexedValue struct {
	index int
	value any
}

// sparseArray reads an array, keeping the elements n has children for. The result is as
// long as the real array, capped just past the highest index n needs, so a pointer's index
// is in range exactly when it is in the real array.
func (s *scanner) sparseArray(n *pathNode) ([]any, error) {
	if err := s.enter(0); err != nil {
		return nil, err
	}
	s.depth++
	s.pos++ // '['
	var buf [4]indexedValue
	kept := buf[:0]
	count := 0
	s.ws()
	if s.peek() == ']' {
		s.pos++
		s.depth--
		return []any{}, nil
	}
	for ; ; count++ {
		var err error
		var child *pathNode
		if count <= n.maxIndex {
			child = n.indexes[count]
		}
		if child != nil {
			var v any
			if v, err = s.sparseValue(child); err == nil {
				kept = append(kept, indexedValue{count, v})
			}
		} else {
			err = s.skipValue()
		}
		if err != nil {
			return nil, err
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			s.depth--
			arr := make([]any, min(count+1, n.maxIndex+1))
			for _, kv := range kept {
				arr[kv.index] = kv.value
			}
			return arr, nil
		default:
			return nil, s.syntaxErr("expected ',' or ']'")
		}
	}
}

// decodeValue decodes one complete, already validated JSON value as encoding/json with
// UseNumber would, with fast paths for scalars.
func decodeValue(raw []byte) (any, error) {
	switch raw[0] {
	case '"':
		inner := raw[1 : len(raw)-1]
		if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			return string(inner), nil
		}
		var str string
		err := json.Unmarshal(raw, &str)
		return str, err
	case 't':
		return true, nil
	case 'f':
		return false, nil
	case 'n':
		return nil, nil
	case '{', '[':
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		return v, err
	default:
		return json.Number(string(raw)), nil
	}
}
