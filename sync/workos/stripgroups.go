package workos

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// StripGroups returns a directory user object without its top-level "groups" member (which
// WorkOS deprecated, fills only for older teams and never sends in events), the ids of the
// groups it listed, and whether it had the member. Without the member raw is returned as
// is. The other members keep their text; the whitespace between members is dropped, so a
// compact object (as WorkOS sends) loses exactly the member and its comma.
func StripGroups(raw json.RawMessage) (json.RawMessage, []string, bool, error) {
	if !bytes.Contains(raw, []byte(`"groups"`)) && !bytes.Contains(raw, []byte(`\u`)) {
		return raw, nil, false, nil
	}
	w := walker{data: raw}
	if w.peek() != '{' {
		return nil, nil, false, fmt.Errorf("%w: directory user is not an object", errDecode)
	}
	w.pos++
	out := make([]byte, 0, len(raw))
	out = append(out, '{')
	var groups []byte
	found, first := false, true
	for {
		switch w.peek() {
		case '}':
			if !found {
				return raw, nil, false, nil
			}
			out = append(out, '}')
			return out, groupIDs(groups), true, nil
		case ',':
			w.pos++
			continue
		case 0:
			return nil, nil, false, fmt.Errorf("%w: directory user object ends early", errDecode)
		}
		start := w.pos
		key, escaped := w.str()
		if escaped {
			var k string
			if err := json.Unmarshal(raw[start:w.pos], &k); err != nil {
				return nil, nil, false, fmt.Errorf("%w: object key: %w", errDecode, err)
			}
			key = []byte(k)
		}
		w.peek()
		w.pos++ // ':'
		w.ws()
		valueStart := w.pos
		w.skipValue()
		if string(key) == "groups" {
			found, groups = true, raw[valueStart:w.pos]
			continue
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = append(out, raw[start:w.pos]...)
	}
}

// groupIDs reads the ids of a user's "groups" value, an array of group objects; anything
// else (null, or a shape WorkOS never documented) gives none rather than failing a sync
// over a deprecated field.
func groupIDs(v []byte) []string {
	var gs []json.RawMessage
	_ = json.Unmarshal(v, &gs)
	ids := make([]string, 0, len(gs))
	for _, raw := range gs {
		var g struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &g) == nil && g.ID != "" {
			ids = append(ids, g.ID)
		}
	}
	return ids
}
