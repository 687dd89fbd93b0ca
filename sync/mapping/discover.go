package mapping

import (
	"sort"
	"strconv"
	"strings"
)

// Caps that keep attribute discovery bounded whatever a directory holds.
const (
	// MaxDiscoveredPaths is the most distinct attribute paths a Discoverer tracks; paths
	// first seen after that are dropped and Truncated reports true.
	MaxDiscoveredPaths = 2000
	// MaxDiscoveredArrayElements is how many leading elements of each array are listed by
	// index (/custom_attributes/addresses/0/locality ... /4/locality).
	MaxDiscoveredArrayElements = 5
	// MaxDiscoveredDepth is how many levels below /custom_attributes or /raw_attributes are
	// explored; deeper values are not listed.
	MaxDiscoveredDepth = 8
	// MaxSamples is the most distinct sample values kept per path.
	MaxSamples = 5
	// MaxSampleLength is the length, in characters, samples are truncated to.
	MaxSampleLength = 80
)

// Attribute is one attribute path found in the directory, for the mapping editor
// (GraphQL DirectoryAttribute).
type Attribute struct {
	// Path is the RFC 6901 pointer usable in a Mapping.
	Path string `json:"path"`
	// UserCount is how many users have a non-empty value there; for an array listed as a
	// whole, users with at least one non-empty element.
	UserCount int `json:"userCount"`
	// Samples are up to MaxSamples distinct non-empty values in first-seen order, trimmed
	// and truncated to MaxSampleLength characters; never nil.
	Samples []string `json:"samples"`
}

// Discoverer collects the attribute paths present in many directory user documents: the
// top-level scalar fields (first_name, last_name, email, job_title, username, idp_id,
// state) and every leaf under /custom_attributes and /raw_attributes, nested objects
// flattened, array elements listed by index, and arrays of scalars also listed as a whole
// (a multi-value tag source). Keys are escaped per RFC 6901 and null values are skipped.
// The zero value is ready to use; a Discoverer is not safe for concurrent use.
type Discoverer struct {
	paths     map[string]*attrStat
	users     int
	truncated bool
	buf       []byte
}

// attrStat accumulates one path's user count and samples.
type attrStat struct {
	users   int
	samples []string
}

// discoveredTopLevel returns the top-level scalar fields listed by discovery.
func discoveredTopLevel() [7]string {
	return [...]string{"first_name", "last_name", "email", "job_title", "username", "idp_id", "state"}
}

// AddJSON decodes one directory user object (numbers kept exact) and adds it.
func (d *Discoverer) AddJSON(raw []byte) error {
	doc, err := decodeDocument(raw)
	if err != nil {
		return err
	}
	d.Add(doc)
	return nil
}

// Add records the attribute paths of one decoded directory user document. Documents that are
// not JSON objects are ignored.
func (d *Discoverer) Add(doc any) {
	obj, ok := doc.(map[string]any)
	if !ok {
		return
	}
	if d.paths == nil {
		d.paths = make(map[string]*attrStat)
		d.buf = make([]byte, 0, 256)
	}
	d.users++
	for _, key := range discoveredTopLevel() {
		v, ok := obj[key]
		if !ok || v == nil {
			continue
		}
		if _, isScalar := scalarString(v); isScalar {
			d.leaf(append(append(d.buf[:0], '/'), key...), v)
		}
	}
	for _, root := range [...]string{"custom_attributes", "raw_attributes"} {
		if v, ok := obj[root]; ok {
			d.walk(append(append(d.buf[:0], '/'), root...), v, 0)
		}
	}
}

// walk records every leaf below v, whose pointer is path, depth levels below a root.
func (d *Discoverer) walk(path []byte, v any, depth int) {
	switch x := v.(type) {
	case nil:
	case map[string]any:
		if depth >= MaxDiscoveredDepth {
			return
		}
		for k, child := range x {
			d.walk(appendEscaped(append(path, '/'), k), child, depth+1)
		}
	case []any:
		if depth >= MaxDiscoveredDepth {
			return
		}
		d.wholeArray(path, x)
		for i, el := range x[:min(len(x), MaxDiscoveredArrayElements)] {
			d.walk(strconv.AppendInt(append(path, '/'), int64(i), 10), el, depth+1)
		}
	default:
		d.leaf(path, x)
	}
}

// wholeArray records an array whose non-null elements are all scalars as one path.
func (d *Discoverer) wholeArray(path []byte, arr []any) {
	present := false
	for _, el := range arr {
		switch el.(type) {
		case nil:
		case map[string]any, []any:
			return
		default:
			present = true
		}
	}
	if !present {
		return
	}
	st := d.stat(path)
	if st == nil {
		return
	}
	nonEmpty := false
	for _, el := range arr {
		if el != nil && st.observe(el) {
			nonEmpty = true
		}
	}
	if nonEmpty {
		st.users++
	}
}

// leaf records one non-null scalar value at path.
func (d *Discoverer) leaf(path []byte, v any) {
	if st := d.stat(path); st != nil && st.observe(v) {
		st.users++
	}
}

// stat returns the stats for path, creating them unless MaxDiscoveredPaths is reached (then
// it returns nil and marks the Discoverer truncated).
func (d *Discoverer) stat(path []byte) *attrStat {
	if st, ok := d.paths[string(path)]; ok {
		return st
	}
	if len(d.paths) >= MaxDiscoveredPaths {
		d.truncated = true
		return nil
	}
	st := &attrStat{}
	d.paths[string(path)] = st
	return st
}

// observe reports whether scalar v is non-empty and keeps it as a sample if there is room.
func (st *attrStat) observe(v any) bool {
	var s string
	if str, isString := v.(string); isString {
		if s = strings.TrimSpace(str); s == "" {
			return false
		}
	}
	if len(st.samples) >= MaxSamples {
		return true
	}
	if s == "" {
		// A number or boolean: never empty, converted only while samples are wanted.
		if s, _ = scalarString(v); s == "" {
			return true
		}
	}
	s = truncateRunes(s, MaxSampleLength)
	for _, prev := range st.samples {
		if prev == s {
			return true
		}
	}
	st.samples = append(st.samples, s)
	return true
}

// Users returns how many documents were added.
func (d *Discoverer) Users() int { return d.users }

// Truncated reports whether paths were dropped because MaxDiscoveredPaths was reached.
func (d *Discoverer) Truncated() bool { return d.truncated }

// Attributes returns the discovered paths sorted by path. A top-level field no user has a
// value in (null, blank or [] for everyone, as WorkOS now serves job_title, username and
// emails) is not offered: mapping it would leave the field empty for everyone.
func (d *Discoverer) Attributes() []Attribute {
	out := make([]Attribute, 0, len(d.paths))
	for path, st := range d.paths {
		if st.users == 0 && strings.IndexByte(path[1:], '/') < 0 {
			continue
		}
		out = append(out, Attribute{Path: path, UserCount: st.users, Samples: append([]string{}, st.samples...)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// appendEscaped appends the RFC 6901 escaped form of tok ("~" -> "~0", "/" -> "~1") to dst.
func appendEscaped(dst []byte, tok string) []byte {
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '~':
			dst = append(dst, '~', '0')
		case '/':
			dst = append(dst, '~', '1')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// truncateRunes cuts s to at most n characters, copying it when cut so the long original
// can be freed.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return strings.Clone(s[:i])
		}
		count++
	}
	return s
}
