package server

import (
	"bytes"
	"io"
	"net/http"
	"unicode/utf8"
)

// requireTextBody answers 400 BAD_USER_INPUT for a request body that is not valid UTF-8,
// or whose JSON escapes name a lone UTF-16 surrogate: encoding/json would turn either into
// U+FFFD without a word, silently altering what the client sent. It runs inside limitBody,
// so it reads at most MaxBodyBytes.
func requireTextBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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

// hasLoneSurrogate reports whether a JSON text escapes half of a UTF-16 surrogate pair
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
