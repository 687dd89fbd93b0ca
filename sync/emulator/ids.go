package emulator

import (
	"math/rand/v2"
	"time"
)

// crockford is the Crockford base32 alphabet used by ULIDs.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// timeLayout is the WorkOS timestamp format: RFC 3339, milliseconds, UTC.
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime renders t as WorkOS does ("2026-01-15T12:00:00.000Z").
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// idGen makes ULID-like ids: 48 bits of milliseconds, then 80 bits whose
// high 64 bits are a counter. Ids therefore sort by (created_at, creation
// order) as plain strings, which is the order lists are kept in.
// It is guarded by the emulator's mutex.
type idGen struct {
	counter uint64
	salt    *rand.Rand
}

func newIDGen(seed uint64) *idGen {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &idGen{counter: r.Uint64() >> 1, salt: r}
}

// next returns prefix + a 26 character id for an object created at t.
func (g *idGen) next(prefix string, t time.Time) string {
	g.counter++
	ms := uint64(t.UnixMilli())
	var raw [16]byte // 128 bits: 48 time + 64 counter + 16 salt
	for i := 5; i >= 0; i-- {
		raw[i] = byte(ms)
		ms >>= 8
	}
	c := g.counter
	for i := 13; i >= 6; i-- {
		raw[i] = byte(c)
		c >>= 8
	}
	s := g.salt.Uint32()
	raw[14], raw[15] = byte(s>>8), byte(s)
	out := make([]byte, len(prefix)+26)
	copy(out, prefix)
	encodeULID(out[len(prefix):], raw)
	return string(out)
}

// encodeULID writes the 128-bit value as 26 base32 characters (the first
// character carries the top 3 bits), like the ULID text encoding: 2 zero
// bits plus 128 bits make exactly 26 groups of 5.
func encodeULID(dst []byte, raw [16]byte) {
	// Process the value as a big-endian bit stream with 2 leading zero bits.
	var acc uint32
	bits := 2
	j := 0
	for _, b := range raw {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			dst[j] = crockford[(acc>>uint(bits))&31]
			j++
		}
	}
}
