package webhooks

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The test vector of WORKOS.md §6, checked against the SDK and openssl.
const (
	vectorSecret = "whsec_test_secret"
	vectorBody   = `{"id":"event_01HTEST","event":"dsync.user.created","data":{"object":"directory_user","id":"directory_user_01HTEST"},"created_at":"2023-11-14T22:13:20.000Z"}`
	vectorHeader = "t=1700000000000, v1=c0263bee528098910b86b87047dbee58dc597bc72442cc2260fb6541368baaaf"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	signed := time.UnixMilli(1700000000000)
	tests := []struct {
		name   string
		header string
		body   string
		now    time.Time
		want   error
	}{
		{"valid", vectorHeader, vectorBody, signed.Add(60 * time.Second), nil},
		{"valid without the space", "t=1700000000000,v1=c0263bee528098910b86b87047dbee58dc597bc72442cc2260fb6541368baaaf", vectorBody, signed, nil},
		{"stale", vectorHeader, vectorBody, signed.Add(181 * time.Second), ErrStale},
		{"from the future", vectorHeader, vectorBody, signed.Add(-181 * time.Second), ErrStale},
		{"body changed", vectorHeader, vectorBody + "\n", signed, ErrBadSignature},
		{"forged", "t=1700000000000, v1=" + "00" + vectorHeader[len(vectorHeader)-62:], vectorBody, signed, ErrBadSignature},
		{"empty", "", vectorBody, signed, ErrNotSigned},
		{"SDK panic: short second part", "t=1,v1", vectorBody, signed, ErrMalformedHeader},
		{"SDK panic: short first part", "t, v1=ab", vectorBody, signed, ErrMalformedHeader},
		{"no comma", "t=1700000000000", vectorBody, signed, ErrMalformedHeader},
		{"seconds timestamp", "t=1700000000, v1=c0263bee528098910b86b87047dbee58dc597bc72442cc2260fb6541368baaaf", vectorBody, signed, ErrStale},
		{"not hex", "t=1700000000000, v1=zz", vectorBody, signed, ErrMalformedHeader},
		{"non-integer t", "t=abc, v1=c0263bee528098910b86b87047dbee58dc597bc72442cc2260fb6541368baaaf", vectorBody, signed, ErrMalformedHeader},
		{"two timestamps", "t=1, t=2, v1=ab", vectorBody, signed, ErrMalformedHeader},
		{"junk", ",,,=,==", vectorBody, signed, ErrMalformedHeader},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := Verify(tc.header, []byte(tc.body), vectorSecret, tc.now, DefaultTolerance)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// FuzzVerify: no header makes Verify panic.
func FuzzVerify(f *testing.F) {
	for _, h := range []string{vectorHeader, "t=1,v1", "", ",", "v1=", "t=", "t=1, v1=zz"} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, header string) {
		_ = Verify(header, []byte(vectorBody), vectorSecret, time.UnixMilli(1700000000000), DefaultTolerance)
	})
}
