package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// ServeHTTP serves the WorkOS API, the Admin Portal pages and the control
// API (under /_emulator/). WorkOS requests count against their API key's
// limit (Options.KeyRateLimit) and in Stats. Paths are matched
// case-insensitively in their first segment, as the SDK sends DELETE
// /Organizations/{id}.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rid := r.Header.Get("X-Request-ID")
	if rid == "" {
		rid = fmt.Sprintf("req_%016x", atomic.AddUint64(&e.requests, 1)^e.opts.Seed<<40)
	}
	w.Header().Set("X-Request-ID", rid)
	e.settleValidations()
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	head := strings.ToLower(segs[0])
	switch {
	case head == "_emulator":
		e.serveControl(w, r, segs[1:])
		return
	case head == "portal" && len(segs) == 2 && segs[1] == "setup":
		e.servePortalPage(w, r)
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	keyLimited := false
	defer func() {
		name := e.routeName(r.Method, head, len(segs))
		if name == "GET /directory_users" && r.URL.Query().Has("group") {
			name += "?group=" // a group's members, counted apart from the directory's pages
		}
		e.stats.add(name, sw.code(), keyLimited)
	}()
	if !e.authorized(r) {
		writeError(w, http.StatusUnauthorized, "Unauthorized", "unauthorized")
		return
	}
	if e.keyRateLimited(w, r) {
		keyLimited = true
		return
	}
	id := ""
	if len(segs) > 1 {
		id = segs[1]
	}
	switch {
	case head == "directories" && len(segs) == 1 && r.Method == http.MethodGet:
		e.listDirectories(w, r)
	case head == "directories" && len(segs) == 2 && r.Method == http.MethodGet:
		e.getDirectory(w, r, id)
	case head == "directories" && len(segs) == 2 && r.Method == http.MethodDelete:
		e.deleteDirectory(w, r, id)
	case head == "directory_users" && len(segs) == 1 && r.Method == http.MethodGet:
		e.listUsers(w, r)
	case head == "directory_users" && len(segs) == 2 && r.Method == http.MethodGet:
		e.getUser(w, r, id)
	case head == "directory_groups" && len(segs) == 1 && r.Method == http.MethodGet:
		e.listGroups(w, r)
	case head == "directory_groups" && len(segs) == 2 && r.Method == http.MethodGet:
		e.getGroup(w, r, id)
	case head == "events" && len(segs) == 1 && r.Method == http.MethodGet:
		e.listEvents(w, r)
	case head == "organizations":
		e.serveOrganizations(w, r, segs[1:])
	case head == "portal" && len(segs) == 2 && segs[1] == "generate_link" && r.Method == http.MethodPost:
		e.generateLink(w, r)
	default:
		writeError(w, http.StatusNotFound, "Not found: "+r.Method+" "+r.URL.Path, "not_found")
	}
}

// authorized checks the bearer token.
func (e *Emulator) authorized(r *http.Request) bool {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	if e.opts.APIKey != "" {
		return key == e.opts.APIKey
	}
	return strings.HasPrefix(key, "sk_") && len(key) > len("sk_")
}

// fieldError is one entry of a 422 "errors" array.
type fieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// writeError writes {"message","code"} with status.
func writeError(w http.ResponseWriter, status int, message, code string) {
	writeJSON(w, status, appendJSON(nil, obj{{"message", message}, {"code", code}}))
}

// writeValidation writes a 422 with field errors.
func writeValidation(w http.ResponseWriter, message string, errs ...fieldError) {
	list := make([]obj, len(errs))
	for i, fe := range errs {
		list[i] = obj{{"field", fe.Field}, {"code", fe.Code}}
	}
	writeJSON(w, http.StatusUnprocessableEntity, appendJSON(nil, obj{
		{"message", message}, {"code", "invalid_request_parameters"}, {"errors", list},
	}))
}

// writeJSON writes a complete JSON body.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeData writes a successful directory-scoped body, truncated when the
// directory's faults say so.
func writeData(w http.ResponseWriter, status int, body []byte, fs *faultState) {
	if fs == nil || !fs.truncate() {
		writeJSON(w, status, body)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body[:len(body)/2])
}

// writeGoError maps Go API errors to HTTP responses.
func writeGoError(w http.ResponseWriter, err error) {
	var ie *invalidError
	switch {
	case errors.As(err, &ie):
		writeValidation(w, ie.msg, fieldError{Field: ie.field, Code: ie.code})
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error(), "entity_not_found")
	default:
		writeError(w, http.StatusInternalServerError, err.Error(), "internal_error")
	}
}

// injectFaults applies a directory's latency, hang, rate limit and random
// errors. It returns true when it has answered the request.
func (e *Emulator) injectFaults(w http.ResponseWriter, r *http.Request, fs *faultState, limited bool) bool {
	latency, hang := fs.delays()
	if latency > 0 {
		t := time.NewTimer(latency)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return true
		case <-e.done:
			writeError(w, http.StatusServiceUnavailable, "Emulator closed", "unavailable")
			return true
		}
	}
	if hang {
		select {
		case <-r.Context().Done():
		case <-e.done:
			writeError(w, http.StatusServiceUnavailable, "Emulator closed", "unavailable")
		}
		return true
	}
	if limited {
		if retry, over := fs.rateLimit(e.opts.Now()); over {
			w.Header().Set("Retry-After", strconv.Itoa(retry))
			writeJSON(w, http.StatusTooManyRequests, []byte(`"Ratelimited"`))
			return true
		}
	}
	if status := fs.randomError(); status != 0 {
		writeError(w, status, http.StatusText(status), "server_error")
		return true
	}
	return false
}

// decodeBody reads a JSON request body into v (case-insensitive keys).
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 32<<20))
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return invalid("body", "invalid", "request body is not valid JSON: %v", err)
	}
	return nil
}
