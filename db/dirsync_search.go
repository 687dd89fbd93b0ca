package db

import (
	"slices"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5/pgtype"
)

// Limits of a directory user's search words: PostgreSQL refuses lexemes of 2 KiB or more,
// and nobody searches past the first words of a name.
const (
	maxSearchWordBytes = 2046
	maxSearchWords     = 64
)

// searchTerms splits lower-cased text into runs of letters and digits, the words of the
// admin list's prefix search (both for the stored words and for the query).
func searchTerms(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// searchWords is directory_users.search_words of a user: the distinct words of the
// name and email, sorted as a tsvector keeps them (byte order), without positions.
func searchWords(first, last, email *string) pgtype.TSVector {
	words := searchTerms(deref(first) + " " + deref(last) + " " + deref(email))
	words = slices.DeleteFunc(words, func(w string) bool { return len(w) > maxSearchWordBytes })
	slices.Sort(words)
	words = slices.Compact(words)
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	lex := make([]pgtype.TSVectorLexeme, len(words))
	for i, w := range words {
		lex[i].Word = w
	}
	return pgtype.TSVector{Lexemes: lex, Valid: true}
}
