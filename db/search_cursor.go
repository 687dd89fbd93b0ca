package db

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// cursorKey is what a cursor holds: the order it was made for, the row's sort key
// and its id (the tie breaker).
type cursorKey struct {
	Order UserOrder `json:"o"`
	Key   string    `json:"k"`
	ID    string    `json:"i"`
}

// encodeCursor makes the opaque cursor of a row: base64url of a small JSON.
func encodeCursor(k cursorKey) string {
	b, _ := json.Marshal(k) // a struct of strings always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor made by encodeCursor for the given order; anything
// else is ErrBadCursor.
func decodeCursor(s string, order UserOrder) (cursorKey, error) {
	var k cursorKey
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return k, ErrBadCursor
	}
	if err := json.Unmarshal(b, &k); err != nil || k.Order != order {
		return cursorKey{}, ErrBadCursor
	}
	id, err := uuid.Parse(k.ID)
	if err != nil || strings.ContainsRune(k.Key, 0) {
		return cursorKey{}, ErrBadCursor
	}
	k.ID = id.String()
	return k, nil
}

// cursorFor is the cursor of a page row under the plan's order.
func (p *searchPlan) cursorFor(r *searchRow) string {
	key := r.SortName
	if orderColumns[p.order].col == "email" {
		key = r.Email
	}
	return encodeCursor(cursorKey{Order: p.order, Key: key, ID: *r.ID})
}

// Limits on the text of a search, so no input can make an oversized tsquery. A
// longer term is cut, which only widens the prefix it matches.
const (
	maxSearchTerms   = 16
	maxSearchTermLen = 64 // runes
)

// searchTerms splits text into lower-cased runs of letters and digits, the same
// words the users.search_words column holds. Repeated terms are dropped, long ones
// cut to maxSearchTermLen runes, and terms beyond maxSearchTerms ignored.
func searchTerms(text string) []string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := make(map[string]bool, len(fields))
	terms := fields[:0]
	for _, f := range fields {
		if r := []rune(f); len(r) > maxSearchTermLen {
			f = string(r[:maxSearchTermLen])
		}
		if !seen[f] && len(terms) < maxSearchTerms {
			seen[f] = true
			terms = append(terms, f)
		}
	}
	return terms
}

// prefixTSQuery turns text into a tsquery that needs, for every term, a word
// starting with it: "Ann Sm" becomes 'ann':* & 'sm':*. Terms hold only letters and
// digits, so quoting them cannot break out of the lexeme; the result is still sent
// as a parameter. Empty when the text has no term.
func prefixTSQuery(text string) string {
	terms := searchTerms(text)
	for i, t := range terms {
		terms[i] = "'" + t + "':*"
	}
	return strings.Join(terms, " & ")
}
