package emulator

import (
	"net/http"
	"net/url"
	"strconv"
)

// Pagination orders.
const (
	orderAsc    = "asc"
	orderDesc   = "desc"
	orderNormal = "normal"
)

// listParams are the common list query parameters.
type listParams struct {
	limit         int
	order         string
	before, after string
}

// parseList reads limit (1..100, default 10), order (asc|desc|normal,
// default desc), before and after. It writes a 422 and returns false on
// bad values.
func parseList(w http.ResponseWriter, q url.Values) (listParams, bool) {
	p := listParams{limit: 10, order: orderDesc, before: q.Get("before"), after: q.Get("after")}
	var errs []fieldError
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			errs = append(errs, fieldError{Field: "limit", Code: "invalid"})
		}
		p.limit = n
	}
	switch o := q.Get("order"); o {
	case "":
	case orderAsc, orderDesc, orderNormal:
		p.order = o
	default:
		errs = append(errs, fieldError{Field: "order", Code: "invalid"})
	}
	if len(errs) > 0 {
		writeValidation(w, "Validation failed", errs...)
		return p, false
	}
	return p, true
}

// window is a page of a list kept in ascending id order: items[lo:hi],
// shown reversed for desc and normal, plus the list_metadata cursors and
// the 1-based page number in the request's order.
type window struct {
	lo, hi        int
	reverse       bool
	before, after string
	page          int
}

// paginate computes the page. Cursors are ids; an id that is not in the
// list still marks its position, since ids sort by creation.
//
//   - asc: oldest first; after=X gives newer records, before=X older ones.
//   - desc: newest first; after=X gives older records, before=X newer ones.
//   - normal: newest first with reversed cursors: before=X gives older
//     records, after=X newer ones.
//
// list_metadata points to the neighbouring pages and is null at the ends.
// When both cursors are given, after wins.
func paginate[T ider](s []T, p listParams) window {
	n := len(s)
	// toNewer: the cursor that moves towards newer records.
	var newerCursor, olderCursor string
	switch p.order {
	case orderAsc, orderNormal:
		newerCursor, olderCursor = p.after, p.before
	default:
		newerCursor, olderCursor = p.before, p.after
	}
	if p.after != "" {
		if newerCursor == p.after {
			olderCursor = ""
		} else {
			newerCursor = ""
		}
	}
	var w window
	switch {
	case newerCursor != "":
		w.lo = upperBound(s, newerCursor)
		w.hi = min(n, w.lo+p.limit)
	case olderCursor != "":
		w.hi = lowerBound(s, olderCursor)
		w.lo = max(0, w.hi-p.limit)
	case p.order == orderAsc:
		w.lo, w.hi = 0, min(n, p.limit)
	default:
		w.lo, w.hi = max(0, n-p.limit), n
	}
	w.reverse = p.order != orderAsc
	var olderID, newerID string
	if w.lo < w.hi {
		if w.lo > 0 {
			olderID = s[w.lo].key()
		}
		if w.hi < n {
			newerID = s[w.hi-1].key()
		}
	}
	skipped := w.lo
	switch p.order {
	case orderAsc:
		w.before, w.after = olderID, newerID
	case orderNormal:
		w.before, w.after = olderID, newerID
		skipped = n - w.hi
	default:
		w.before, w.after = newerID, olderID
		skipped = n - w.hi
	}
	w.page = (skipped+p.limit-1)/p.limit + 1
	return w
}

// appendList renders {"object":"list","data":[...],"list_metadata":{...}}.
func appendList[T any](b []byte, items []T, w window, render func([]byte, T) []byte) []byte {
	b = append(b, `{"object":"list","data":[`...)
	first := true
	for i := range w.hi - w.lo {
		idx := w.lo + i
		if w.reverse {
			idx = w.hi - 1 - i
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = render(b, items[idx])
	}
	b = append(b, `],"list_metadata":{"before":`...)
	b = appendJSON(b, nullable(w.before))
	b = append(b, `,"after":`...)
	b = appendJSON(b, nullable(w.after))
	return append(b, "}}"...)
}
