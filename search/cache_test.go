package search

import (
	"database/sql"
	"fmt"
	"runtime"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// synthetic builds a snapshot of n made-up users with two tags in two tag fields; every
// string it keeps is allocated here, as rows scanned from the database would be.
func synthetic(companyID string, version int64, n int) *snapshot {
	return syntheticTagged(companyID, version, n, 2)
}

// syntheticTagged is synthetic with tags tags per user, the k-th in tag field "field-k".
func syntheticTagged(companyID string, version int64, n, tags int) *snapshot {
	offices := []uuid.UUID{uuid.New(), uuid.New(), uuid.New()}
	b := newBuilder(companyID, version, offices, []string{"Berlin", "London", "Madrid"}, n)
	for i := range n {
		u := &userRow{
			ID: uuid.New(), Email: fmt.Sprintf("person.%d@company-%s.example", i, companyID),
			FirstName: fmt.Sprintf("First%d", i%997), LastName: fmt.Sprintf("Last%d", i%1999),
			Inactive:   i%10 == 0,
			Department: sql.NullString{String: fmt.Sprintf("Department %d", i%40), Valid: true},
			Division:   sql.NullString{String: fmt.Sprintf("Division %d", i%7), Valid: i%3 != 0},
			OfficeID:   uuid.NullUUID{UUID: offices[i%3], Valid: true},
		}
		for k := range tags {
			u.Tags = append(u.Tags, fmt.Sprintf("tag-%d-%d", k, i%(13+k*7)))
			u.TagFields = append(u.TagFields, fmt.Sprintf("field-%d", k))
		}
		b.add(u)
	}
	return b.finish(collate.New(language.Und))
}

// TestSnapshotBytesIsHonest compares the estimate with the heap a built snapshot keeps
// alive (measured after garbage collection, with the builder gone), for users with two
// tags and with twelve (where the tag field index is a large part).
func TestSnapshotBytesIsHonest(t *testing.T) {
	for _, tags := range []int{2, 12} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		snap := syntheticTagged("honest", 1, 30_000, tags)
		runtime.GC()
		runtime.ReadMemStats(&after)
		retained := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		estimate := snap.bytes()
		runtime.KeepAlive(snap)
		t.Logf("30,000 users with %d tags: estimated %d bytes, retained %d", tags, estimate, retained)
		require.InEpsilon(t, retained, estimate, 0.2, "estimate within 20%% of the retained heap")
	}
}

func TestCacheEvictsLeastRecentlyUsedByBytes(t *testing.T) {
	t.Parallel()
	a, b, c := synthetic("a", 1, 200), synthetic("b", 1, 400), synthetic("c", 1, 300)
	sa, sb, sc := a.bytes(), b.bytes(), c.bytes()
	kept := func(ch *cache) []string {
		var out []string
		for e := ch.order.Front(); e != nil; e = e.Next() {
			out = append(out, e.Value.(*cached).snap.companyID)
		}
		return out
	}

	ch := newCache(sa + sb + sc - 1)
	ch.put(a)
	ch.put(b)
	require.Same(t, a, ch.get("a")) // a is now more recent than b
	ch.put(c)                       // over by one byte: b, the least recently used, goes
	require.Equal(t, []string{"c", "a"}, kept(ch))
	used, companies, evictions := ch.stats()
	require.Equal(t, sa+sc, used)
	require.Equal(t, 2, companies)
	require.Equal(t, int64(1), evictions)
	require.Nil(t, ch.get("b"))

	// A newer version replaces the old one and is charged its own size; an older one is ignored.
	a2 := synthetic("a", 2, 350)
	ch.put(a2)
	require.Same(t, a2, ch.get("a"))
	ch.put(a)
	require.Same(t, a2, ch.get("a"))
	used, _, _ = ch.stats()
	require.LessOrEqual(t, used, ch.maxBytes)
	require.Equal(t, a2.bytes()+sc, used)

	// Several small ones go to make room for a big one.
	big := newCache(sb)
	big.put(a)
	big.put(c)
	require.Equal(t, []string{"c"}, kept(big), "a and c are over b's size together")
	big.put(b)
	require.Equal(t, []string{"b"}, kept(big))

	// One larger than the limit is not kept at all.
	tiny := newCache(sa - 1)
	tiny.put(a)
	require.Nil(t, tiny.get("a"))
	used, companies, _ = tiny.stats()
	require.Zero(t, used)
	require.Zero(t, companies)
}
