package workos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// decodeUsersPage decodes one GET /directory_users body in a single validation pass plus a
// cheap structural walk: each user's Raw is a sub-slice of body (no copy, no re-encoding)
// and only the few typed fields are decoded. body must not be modified afterwards. It
// accepts what json.Unmarshal into the page envelope would (keys match case-insensitively,
// the last duplicate wins) and fails with errDecode otherwise.
func decodeUsersPage(body []byte) (usersPage, error) {
	if !json.Valid(body) {
		return usersPage{}, fmt.Errorf("%w: invalid JSON in list of directory users", errDecode)
	}
	w := walker{data: body}
	w.ws()
	if w.peek() != '{' {
		return usersPage{}, fmt.Errorf("%w: list of directory users is not an object", errDecode)
	}
	var p usersPage
	haveData := false
	err := w.members(func(key []byte) error {
		switch {
		case bytes.EqualFold(key, []byte("data")):
			users, ok, err := w.users()
			if err != nil {
				return err
			}
			p.users, haveData = users, ok
		case bytes.EqualFold(key, []byte("list_metadata")):
			if w.peek() != '{' {
				w.skipValue()
				return nil
			}
			return w.members(func(key []byte) error {
				if !bytes.EqualFold(key, []byte("after")) {
					w.skipValue()
					return nil
				}
				after, err := w.optString("list_metadata.after")
				p.after = after
				return err
			})
		default:
			w.skipValue()
		}
		return nil
	})
	if err != nil {
		return usersPage{}, err
	}
	if !haveData {
		return usersPage{}, fmt.Errorf("%w: list without data", errDecode)
	}
	return p, nil
}

// structural reports whether skipValue must look at c inside a container.
func structural(c byte) bool {
	switch c {
	case '"', '{', '}', '[', ']':
		return true
	}
	return false
}

// walker reads JSON text already checked by json.Valid, so it only tracks structure.
type walker struct {
	data []byte
	pos  int
}

func (w *walker) ws() {
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

func (w *walker) peek() byte {
	w.ws()
	if w.pos < len(w.data) {
		return w.data[w.pos]
	}
	return 0
}

// str consumes a string at '"' and returns its contents (still escaped) and whether it
// holds escapes. It jumps from quote to quote with bytes.IndexByte.
func (w *walker) str() ([]byte, bool) {
	w.pos++ // opening quote
	start, escaped := w.pos, false
	for {
		i := bytes.IndexByte(w.data[w.pos:], '"')
		if i < 0 {
			w.pos = len(w.data)
			return w.data[start:], escaped
		}
		end := w.pos + i
		bs := 0
		for j := end - 1; j >= start && w.data[j] == '\\'; j-- {
			bs++
		}
		if !escaped && bytes.IndexByte(w.data[w.pos:end], '\\') >= 0 {
			escaped = true
		}
		w.pos = end + 1
		if bs%2 == 0 {
			return w.data[start:end], escaped
		}
	}
}

// skipValue consumes one value of any kind.
func (w *walker) skipValue() {
	switch w.peek() {
	case '"':
		w.str()
	case '{', '[':
		depth := 0
		for w.pos < len(w.data) {
			if !structural(w.data[w.pos]) {
				w.pos++
				continue
			}
			switch w.data[w.pos] {
			case '"':
				w.str()
				continue
			case '{', '[':
				depth++
			default: // '}', ']'
				depth--
				if depth == 0 {
					w.pos++
					return
				}
			}
			w.pos++
		}
	default: // number or literal
		for w.pos < len(w.data) {
			switch w.data[w.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return
			}
			w.pos++
		}
	}
}

// members walks the object at '{', calling fn with each key (escapes decoded) positioned
// at the member's value; fn must consume the value.
func (w *walker) members(fn func(key []byte) error) error {
	w.pos++ // '{'
	for {
		switch w.peek() {
		case '}':
			w.pos++
			return nil
		case ',':
			w.pos++
			continue
		}
		start := w.pos
		key, escaped := w.str()
		if escaped {
			var k string
			if err := json.Unmarshal(w.data[start:w.pos], &k); err != nil {
				return fmt.Errorf("%w: object key: %w", errDecode, err)
			}
			key = []byte(k)
		}
		w.peek()
		w.pos++ // ':'
		w.ws()
		if err := fn(key); err != nil {
			return err
		}
	}
}

// users decodes the "data" value: ok is false when it is null.
func (w *walker) users() ([]DirectoryUser, bool, error) {
	switch w.peek() {
	case 'n':
		w.skipValue()
		return nil, false, nil
	case '[':
	default:
		return nil, false, fmt.Errorf("%w: data is not an array", errDecode)
	}
	w.pos++
	users := make([]DirectoryUser, 0, usersPageSize)
	for {
		switch w.peek() {
		case ']':
			w.pos++
			return users, true, nil
		case ',':
			w.pos++
			continue
		}
		start := w.pos
		isObject := w.peek() == '{'
		w.skipValue()
		raw := w.data[start:w.pos:w.pos]
		if !isObject {
			if bytes.Equal(raw, []byte("null")) {
				return nil, false, fmt.Errorf("%w: directory user without id", errDecode)
			}
			return nil, false, fmt.Errorf("%w: directory user is not an object", errDecode)
		}
		u, err := scanUser(raw)
		if err != nil {
			return nil, false, err
		}
		users = append(users, u)
	}
}

// scanUser extracts the typed fields of one user object (raw is valid JSON) and keeps raw.
func scanUser(raw []byte) (DirectoryUser, error) {
	u := DirectoryUser{Raw: raw}
	var updated string
	w := walker{data: raw}
	w.ws()
	err := w.members(func(key []byte) error {
		var dst *string
		switch {
		case bytes.EqualFold(key, []byte("id")):
			dst = &u.ID
		case bytes.EqualFold(key, []byte("idp_id")):
			dst = &u.IdpID
		case bytes.EqualFold(key, []byte("directory_id")):
			dst = &u.DirectoryID
		case bytes.EqualFold(key, []byte("email")):
			dst = &u.Email
		case bytes.EqualFold(key, []byte("first_name")):
			dst = &u.FirstName
		case bytes.EqualFold(key, []byte("last_name")):
			dst = &u.LastName
		case bytes.EqualFold(key, []byte("state")):
			dst = &u.State
		case bytes.EqualFold(key, []byte("updated_at")):
			dst = &updated
		default:
			w.skipValue()
			return nil
		}
		s, err := w.optString(string(key))
		*dst = s
		return err
	})
	if err != nil {
		return DirectoryUser{}, err
	}
	if u.ID == "" {
		return DirectoryUser{}, fmt.Errorf("%w: directory user without id", errDecode)
	}
	if updated != "" {
		t, err := time.Parse(time.RFC3339Nano, updated)
		if err != nil {
			return DirectoryUser{}, fmt.Errorf("%w: directory user %s updated_at: %w", errDecode, u.ID, err)
		}
		u.UpdatedAt = t
	}
	return u, nil
}

// optString consumes a string or null value ("" for null); any other kind is errDecode.
func (w *walker) optString(field string) (string, error) {
	switch w.peek() {
	case 'n':
		w.skipValue()
		return "", nil
	case '"':
	default:
		return "", fmt.Errorf("%w: directory user %s is not a string", errDecode, field)
	}
	start := w.pos
	s, escaped := w.str()
	if !escaped {
		return string(s), nil
	}
	var out string
	if err := json.Unmarshal(w.data[start:w.pos], &out); err != nil {
		return "", fmt.Errorf("%w: directory user %s: %w", errDecode, field, err)
	}
	return out, nil
}
