package mapping

import (
	"errors"
	"fmt"
)

// maxNesting matches encoding/json's nesting limit, so both accept the same documents.
const maxNesting = 10000

// errSyntax is the root of scanner syntax errors.
var errSyntax = errors.New("invalid JSON")

// scanner is a validating, allocation-free reader over one JSON text. It accepts exactly
// what json.Valid accepts (checked by FuzzScannerMatchesValid).
type scanner struct {
	data []byte
	pos  int
	// depth is the number of containers entered by callers outside skipValue, so nesting
	// is limited across the whole document.
	depth int
}

// syntaxErr reports a syntax error at the current offset.
func (s *scanner) syntaxErr(what string) error {
	return fmt.Errorf("%w: %s at offset %d", errSyntax, what, s.pos)
}

// ws skips JSON whitespace.
func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the current byte, or 0 at the end.
func (s *scanner) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// expect consumes byte c after optional whitespace.
func (s *scanner) expect(c byte) error {
	s.ws()
	if s.peek() != c {
		return s.syntaxErr(fmt.Sprintf("expected %q", c))
	}
	s.pos++
	return nil
}

// str consumes a string starting at '"' and reports whether it contains escapes.
func (s *scanner) str() (escaped bool, err error) {
	if s.peek() != '"' {
		return false, s.syntaxErr("expected string")
	}
	data := s.data
	for i := s.pos + 1; i < len(data); i++ {
		c := data[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		switch {
		case c == '"':
			s.pos = i + 1
			return escaped, nil
		case c < 0x20:
			s.pos = i
			return false, s.syntaxErr("control character in string")
		}
		escaped = true
		i++
		if i >= len(data) {
			break
		}
		switch data[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			if i+4 >= len(data) || !isHex(data[i+1]) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) {
				s.pos = i
				return false, s.syntaxErr(`bad \u escape`)
			}
			i += 4
		default:
			s.pos = i
			return false, s.syntaxErr("bad escape")
		}
	}
	s.pos = len(data)
	return false, s.syntaxErr("unterminated string")
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// digits consumes one or more decimal digits.
func (s *scanner) digits() error {
	start := s.pos
	for s.pos < len(s.data) && '0' <= s.data[s.pos] && s.data[s.pos] <= '9' {
		s.pos++
	}
	if s.pos == start {
		return s.syntaxErr("expected digit")
	}
	return nil
}

// number consumes -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() error {
	if s.peek() == '-' {
		s.pos++
	}
	if s.peek() == '0' {
		s.pos++
	} else if err := s.digits(); err != nil {
		return err
	}
	if s.peek() == '.' {
		s.pos++
		if err := s.digits(); err != nil {
			return err
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.pos++
		if c := s.peek(); c == '+' || c == '-' {
			s.pos++
		}
		return s.digits()
	}
	return nil
}

// literal consumes true, false or null.
func (s *scanner) literal(lit string) error {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		return s.syntaxErr("invalid literal")
	}
	s.pos += len(lit)
	return nil
}

// scalar consumes a string, number or literal.
func (s *scanner) scalar() error {
	switch s.peek() {
	case '"':
		_, err := s.str()
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	case 0:
		return s.syntaxErr("unexpected end of input")
	}
	return s.number()
}

// memberKey consumes an object key and the colon after it.
func (s *scanner) memberKey() error {
	s.ws()
	if _, err := s.str(); err != nil {
		return err
	}
	return s.expect(':')
}

// skipValue consumes one complete value (after optional whitespace), validating it,
// without recursion.
func (s *scanner) skipValue() error {
	var buf [32]byte
	stack := buf[:0]
	for {
		s.ws()
		opened := false
		switch c := s.peek(); c {
		case '{', '[':
			if err := s.enter(len(stack)); err != nil {
				return err
			}
			s.pos++
			s.ws()
			if c == '{' && s.peek() == '}' || c == '[' && s.peek() == ']' {
				s.pos++
				break
			}
			if c == '[' {
				stack, opened = append(stack, ']'), true
				break
			}
			if err := s.memberKey(); err != nil {
				return err
			}
			stack, opened = append(stack, '}'), true
		default:
			if err := s.scalar(); err != nil {
				return err
			}
		}
		if opened {
			continue
		}
		if done, err := s.closeContainers(&stack); done || err != nil {
			return err
		}
	}
}

// enter checks that opening one more container, with open containers already open inside
// skipValue, stays within maxNesting.
func (s *scanner) enter(open int) error {
	if s.depth+open >= maxNesting {
		return s.syntaxErr("nested too deeply")
	}
	return nil
}

// closeContainers consumes closing brackets after a value until it finds a comma (and, in
// an object, the next key), leaving the scanner before the next value. done reports that
// the outermost value is complete.
func (s *scanner) closeContainers(stack *[]byte) (done bool, err error) {
	for len(*stack) > 0 {
		s.ws()
		closer := (*stack)[len(*stack)-1]
		switch s.peek() {
		case ',':
			s.pos++
			if closer == '}' {
				return false, s.memberKey()
			}
			return false, nil
		case closer:
			s.pos++
			*stack = (*stack)[:len(*stack)-1]
		default:
			return false, s.syntaxErr(fmt.Sprintf("expected ',' or %q", closer))
		}
	}
	return true, nil
}
