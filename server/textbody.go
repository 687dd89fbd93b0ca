package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
)

// requireTextBody answers 400 BAD_USER_INPUT for a request body (or a GET request's
// variables) that is not valid UTF-8, or whose JSON escapes name a lone UTF-16 surrogate:
// encoding/json would turn either into U+FFFD without a word, silently altering what the
// client sent. It runs inside limitBody, so it reads at most MaxBodyBytes.
func requireTextBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			if vars := r.URL.Query().Get("variables"); !utf8.ValidString(vars) || hasLoneSurrogate([]byte(vars)) {
				writeBadInput(w, http.StatusBadRequest, "variables are not valid UTF-8 text")
				return
			}
		}
		if r.Body == nil || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			writeBadInput(w, http.StatusRequestEntityTooLarge, "request body too large: the limit is 1 MiB")
			return
		}
		if !utf8.Valid(body) || hasLoneSurrogate(body) {
			writeBadInput(w, http.StatusBadRequest, "request body is not valid UTF-8 text")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// literalGuard is a gqlgen extension that refuses a GraphQL document whose string
// literal escapes a lone UTF-16 surrogate (e.g. "Z\ud800rich"): the parser would turn it
// into U+FFFD without a word, as encoding/json does for the variables requireTextBody
// checks. It serves GET and POST alike, and lexes only documents holding a \u escape.
type literalGuard struct{}

var (
	_ graphql.HandlerExtension          = literalGuard{}
	_ graphql.OperationParameterMutator = literalGuard{}
)

// ExtensionName names the extension for gqlgen.
func (literalGuard) ExtensionName() string { return "LiteralGuard" }

// Validate accepts every schema.
func (literalGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters checks the document's string literals; it changes nothing.
func (literalGuard) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if !strings.Contains(p.Query, `\u`) {
		return nil
	}
	lex := lexer.New(&ast.Source{Input: p.Query})
	var runes []rune // the document by rune, as token positions count
	for {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return nil // the parser reports a malformed document
		}
		// A lone surrogate decodes to U+FFFD; only then is the literal's source looked at.
		if tok.Kind != lexer.String || !strings.ContainsRune(tok.Value, utf8.RuneError) {
			continue
		}
		if runes == nil {
			runes = []rune(p.Query)
		}
		if hasLoneSurrogate([]byte(string(runes[tok.Pos.Start:tok.Pos.End]))) {
			return &gqlerror.Error{Message: "a string in the query escapes half of a UTF-16 surrogate pair",
				Locations:  []gqlerror.Location{{Line: tok.Pos.Line, Column: tok.Pos.Column}},
				Extensions: map[string]any{"code": "BAD_USER_INPUT"}}
		}
	}
}

// hasLoneSurrogate reports whether a JSON text (or a GraphQL string literal, which
// escapes alike) escapes half of a UTF-16 surrogate pair
// (\ud800-\udfff) without its other half.
func hasLoneSurrogate(b []byte) bool {
	pendingHigh := false
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			if pendingHigh {
				return true
			}
			continue
		}
		if b[i+1] != 'u' || i+5 >= len(b) {
			if pendingHigh {
				return true
			}
			i++ // skip the escaped character, e.g. \\ or \"
			continue
		}
		cp, ok := hex4(b[i+2 : i+6])
		i += 5
		switch {
		case !ok:
			pendingHigh = false
		case cp >= 0xD800 && cp <= 0xDBFF:
			if pendingHigh {
				return true
			}
			pendingHigh = true
		case cp >= 0xDC00 && cp <= 0xDFFF:
			if !pendingHigh {
				return true
			}
			pendingHigh = false
		default:
			if pendingHigh {
				return true
			}
		}
	}
	return pendingHigh
}

func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

func writeBadInput(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"errors":[{"message":"` + message + `","extensions":{"code":"BAD_USER_INPUT"}}]}` + "\n"))
}
