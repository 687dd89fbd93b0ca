package db

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSearchWords(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	long := strings.Repeat("x", maxSearchWordBytes+1)
	tests := []struct {
		name               string
		first, last, email *string
		want               []string
	}{
		{"name and email", str("Ann-Marie"), str("O'Neil"), str("ann.oneil@acme.test"), []string{"acme", "ann", "marie", "neil", "o", "oneil", "test"}},
		{"no name", nil, nil, str("x1@b.c"), []string{"b", "c", "x1"}},
		{"nothing", nil, nil, nil, []string{}},
		{"unicode", str("Jürgen"), str("Øster"), nil, []string{"jürgen", "øster"}},
		{"too long a word", str(long), str("Li"), nil, []string{"li"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tsv := searchWords(tt.first, tt.last, tt.email)
			require.True(t, tsv.Valid)
			got := []string{}
			for _, l := range tsv.Lexemes {
				require.Empty(t, l.Positions)
				got = append(got, l.Word)
			}
			require.Equal(t, tt.want, got)
		})
	}
}

func TestSearchWordsAreCapped(t *testing.T) {
	t.Parallel()
	name := ""
	for i := range maxSearchWords + 10 {
		name += " w" + strings.Repeat("a", i)
	}
	require.Len(t, searchWords(&name, nil, nil).Lexemes, maxSearchWords)
}
