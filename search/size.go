package search

import (
	"unsafe"

	"github.com/google/uuid"
)

// Estimated costs of the parts of a snapshot that are not plain slices. Go's maps keep
// slots in groups of 8 at a load of at most 7/8 plus a control word per group; a small
// string allocation is rounded up to its size class.
const (
	mapSlotOverhead = 8.0/7.0 + 1.0/8.0 // slots per entry, plus the control byte
	stringHeader    = int64(unsafe.Sizeof(""))
)

// bytes estimates the memory the snapshot keeps alive: every slice by capacity, the
// strings it owns (the packed names and emails, the words, the facet values) and its
// maps. The words and facet values are separate allocations, rounded to their size
// class; the uuid and office arrays are counted in full. A test compares the estimate
// with the heap a built snapshot retains.
func (s *snapshot) bytes() int64 {
	n := int64(unsafe.Sizeof(*s))
	n += int64(cap(s.ids)) * int64(unsafe.Sizeof(uuid.UUID{}))
	n += int64(cap(s.inactive)) * 8
	n += int64(len(s.strs))
	u32 := cap(s.strOff) + cap(s.dept) + cap(s.div) + cap(s.office) + cap(s.tagStart) + cap(s.tagIDs) +
		cap(s.words.start) + cap(s.words.postings) + cap(s.byName) + cap(s.byEmail)
	n += int64(u32) * 4
	n += int64(cap(s.words.words))*stringHeader + stringsBytes(s.words.words)
	for _, d := range []*dict{&s.depts, &s.divs, &s.tags} {
		n += d.bytes()
	}
	n += s.tagFields.bytes()
	n += int64(cap(s.offices.ids))*16 + int64(cap(s.offices.names))*stringHeader + stringsBytes(s.offices.names)
	n += mapBytes(len(s.offices.index), 16+4)
	return n
}

// bytes is the dictionary's values (slice and strings) and its index, whose keys share
// the values' strings.
func (d *dict) bytes() int64 {
	return int64(cap(d.values))*stringHeader + stringsBytes(d.values) + mapBytes(len(d.index), stringHeader+4)
}

// mapBytes estimates a map of n entries whose key and value take kv bytes (padded to 8).
func mapBytes(n int, kv int64) int64 {
	slot := (kv + 7) &^ 7
	return int64(float64(n) * float64(slot) * mapSlotOverhead)
}

// stringsBytes is the heap the strings' bytes take, each a separate allocation.
func stringsBytes(ss []string) int64 {
	var n int64
	for _, s := range ss {
		n += sizeClass(len(s))
	}
	return n
}

// sizeClass rounds a small allocation up as Go's allocator does, roughly: to 8 bytes up
// to 64, to 16 up to 256, then to 64.
func sizeClass(n int) int64 {
	switch {
	case n == 0:
		return 0
	case n <= 64:
		return int64((n + 7) &^ 7)
	case n <= 256:
		return int64((n + 15) &^ 15)
	default:
		return int64((n + 63) &^ 63)
	}
}
