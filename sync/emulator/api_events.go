package emulator

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// eventTypes reads the type filter in any of its encodings: repeated
// events=a&events=b (Go SDK v4), events=a,b (the spec), events[]=a.
func eventTypes(q url.Values) map[string]bool {
	var types map[string]bool
	for _, key := range []string{"events", "events[]"} {
		for _, v := range q[key] {
			for _, t := range strings.Split(v, ",") {
				if t = strings.TrimSpace(t); t != "" {
					if types == nil {
						types = map[string]bool{}
					}
					types[t] = true
				}
			}
		}
	}
	return types
}

// listEvents serves GET /events: oldest first whatever `order` says (the
// live API ignores it), after=<event id> returns strictly newer events,
// range_start/range_end (RFC 3339) keep events created at or after the
// start and before the end, together with after; list_metadata.after is the
// last returned id (null when the page is empty).
func (e *Emulator) listEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []fieldError
	types := eventTypes(q)
	if types == nil && !e.opts.AllowUnfilteredEvents {
		errs = append(errs, fieldError{Field: "events", Code: "required"})
	}
	limit := 10
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			errs = append(errs, fieldError{Field: "limit", Code: "invalid"})
		}
		limit = n
	}
	var start, end time.Time
	for _, rp := range []struct {
		name string
		dst  *time.Time
	}{{"range_start", &start}, {"range_end", &end}} {
		if s := q.Get(rp.name); s != "" {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				errs = append(errs, fieldError{Field: rp.name, Code: "invalid"})
			}
			*rp.dst = t
		}
	}
	if len(errs) > 0 {
		writeValidation(w, "Validation failed.", errs...)
		return
	}
	org, after := q.Get("organization_id"), q.Get("after")
	e.mu.RLock()
	i := 0
	if after != "" {
		i = upperBound(e.events, after)
	}
	var page []*event
	for ; i < len(e.events) && len(page) < limit; i++ {
		ev := e.events[i]
		if (types != nil && !types[ev.typ]) || (org != "" && ev.orgID != org) ||
			(!start.IsZero() && ev.createdAt.Before(start)) || (!end.IsZero() && !ev.createdAt.Before(end)) {
			continue
		}
		page = append(page, ev)
	}
	b := make([]byte, 0, 4096)
	b = append(b, `{"object":"list","data":[`...)
	for j, ev := range page {
		if j > 0 {
			b = append(b, ',')
		}
		b = ev.appendJSON(b)
	}
	e.mu.RUnlock()
	b = append(b, `],"list_metadata":{"after":`...)
	last := ""
	if len(page) > 0 {
		last = page[len(page)-1].id
	}
	b = appendJSON(b, nullable(last))
	writeJSON(w, http.StatusOK, append(b, "}}"...))
}
