package search

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/google/uuid"
)

// cursorKey is what a cursor holds: the order it was made for, the row's sort key
// (the lower-cased name for name orders, the email for email orders) and its id,
// the tie breaker. It names no position, so a cursor survives index rebuilds and
// replicas: the next page starts after (key, id) in whatever index answers.
type cursorKey struct {
	Order UserOrder `json:"o"`
	Key   string    `json:"k"`
	ID    string    `json:"i"`
	id    uuid.UUID
}

// encodeCursor makes the opaque cursor of a row: base64url of a small JSON.
func encodeCursor(order UserOrder, key string, id uuid.UUID) string {
	b, _ := json.Marshal(cursorKey{Order: order, Key: key, ID: id.String()}) // strings always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor made by encodeCursor for the given order; anything
// else is ErrBadCursor.
func decodeCursor(s string, order UserOrder) (cursorKey, error) {
	var k cursorKey
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursorKey{}, ErrBadCursor
	}
	if err := json.Unmarshal(b, &k); err != nil || k.Order != order {
		return cursorKey{}, ErrBadCursor
	}
	id, err := uuid.Parse(k.ID)
	if err != nil || strings.ContainsRune(k.Key, 0) {
		return cursorKey{}, ErrBadCursor
	}
	k.id = id
	return k, nil
}
