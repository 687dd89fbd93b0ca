package search

import (
	"sort"
	"strings"
	"unicode"
)

// Limits on the text of a search. A longer term is cut, which only widens the
// prefix it matches; terms beyond the limit are ignored.
const (
	maxSearchTerms   = 16
	maxSearchTermLen = 64 // runes
)

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// searchTerms splits text into lower-cased runs of letters and digits, the same
// way userWords splits names and emails. Repeated terms are dropped, long ones
// cut to maxSearchTermLen runes, and terms beyond maxSearchTerms ignored.
func searchTerms(text string) []string {
	fields := strings.FieldsFunc(strings.ToLower(text), notAlnum)
	terms := fields[:0]
	for _, f := range fields {
		if r := []rune(f); len(r) > maxSearchTermLen {
			f = string(r[:maxSearchTermLen])
		}
		if len(terms) < maxSearchTerms && !contains(terms, f) {
			terms = append(terms, f)
		}
	}
	return terms
}

// userWords appends to buf the distinct words text search finds a user by: the
// lower-cased runs of letters and digits of the first name, last name and email,
// plus each name token with its punctuation dropped, so "obrien" and "maryjane"
// find Mary-Jane O'Brien as "o brien" and "mary jane" do. lowerName is
// strings.ToLower(first + " " + last).
func userWords(buf []string, lowerName, email string) []string {
	buf = appendRuns(buf, lowerName)
	buf = appendRuns(buf, strings.ToLower(email))
	if strings.IndexFunc(lowerName, func(r rune) bool { return notAlnum(r) && !unicode.IsSpace(r) }) < 0 {
		return buf // no punctuation: the name's tokens are its runs
	}
	joined := strings.Map(func(r rune) rune {
		if notAlnum(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, lowerName)
	for _, w := range strings.Fields(joined) {
		if !contains(buf, w) {
			buf = append(buf, w)
		}
	}
	return buf
}

// appendRuns appends the runs of letters and digits of s not yet in buf.
func appendRuns(buf []string, s string) []string {
	start := -1
	for i, r := range s {
		var alnum bool
		if r < 0x80 {
			alnum = 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
		} else {
			alnum = !notAlnum(r)
		}
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			if w := s[start:i]; !contains(buf, w) {
				buf = append(buf, w)
			}
			start = -1
		}
	}
	if start >= 0 && !contains(buf, s[start:]) {
		buf = append(buf, s[start:])
	}
	return buf
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// wordIndex maps every distinct word of a company's users to the users who have
// it: words sorted byte-wise, so the words with a given prefix are one run, and
// their posting lists (ascending user indexes) packed into one slice.
type wordIndex struct {
	words    []string
	start    []uint32 // postings of words[i] are post[start[i]:start[i+1]]
	postings []uint32
}

// match returns the users that have, for every term, a word starting with it, as
// a bitset over user indexes.
func (w *wordIndex) match(terms []string, users int) bitset {
	var all bitset
	for i, t := range terms {
		set := newBitset(users)
		lo := sort.SearchStrings(w.words, t)
		for j := lo; j < len(w.words) && strings.HasPrefix(w.words[j], t); j++ {
			for _, u := range w.postings[w.start[j]:w.start[j+1]] {
				set.add(u)
			}
		}
		if i == 0 {
			all = set
		} else {
			all.and(set)
		}
	}
	return all
}

// bitset is a set of user indexes.
type bitset []uint64

func newBitset(n int) bitset       { return make(bitset, (n+63)/64) }
func (b bitset) add(i uint32)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i uint32) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}
