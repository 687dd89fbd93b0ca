// Package webhooks receives WorkOS webhooks at POST /webhooks/workos: it verifies the
// WorkOS-Signature header and hands the event to the scheduler, which writes it into its
// company's inbox (the same inbox the environment's events feed writes into, deduplicated
// by event id, so a redelivery or a later poll of the same event does nothing) and has it
// applied at once.
package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultTolerance is how far a signature's timestamp may be from now (WorkOS's 180 s).
const DefaultTolerance = 180 * time.Second

// Verification errors; test with errors.Is.
var (
	// ErrNotSigned: the request has no WorkOS-Signature header.
	ErrNotSigned = errors.New("webhooks: request is not signed")
	// ErrMalformedHeader: the header is not "t=<unix ms>, v1=<hex>".
	ErrMalformedHeader = errors.New("webhooks: malformed WorkOS-Signature header")
	// ErrStale: the signature's timestamp is outside the tolerance (a replay or a bad clock).
	ErrStale = errors.New("webhooks: signature timestamp outside the tolerance")
	// ErrBadSignature: no v1 signature matches the body and the secret.
	ErrBadSignature = errors.New("webhooks: signature does not match")
)

// Verify checks header, a WorkOS-Signature value "t=<unix ms>, v1=<hex HMAC-SHA256>", for
// body: the HMAC-SHA256 with secret of "<t>.<body>" must equal a v1 value (compared in
// constant time) and t must be within tolerance of now, in either direction. It parses
// the header itself and never panics, whatever the header holds.
func Verify(header string, body []byte, secret string, now time.Time, tolerance time.Duration) error {
	header = strings.TrimSpace(header)
	if header == "" {
		return ErrNotSigned
	}
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return fmt.Errorf("%w: part %q is not key=value", ErrMalformedHeader, part)
		}
		switch k {
		case "t":
			if ts != "" {
				return fmt.Errorf("%w: two timestamps", ErrMalformedHeader)
			}
			ts = v
		case "v1":
			sig, err := hex.DecodeString(v)
			if err != nil || len(sig) != sha256.Size {
				return fmt.Errorf("%w: v1 is not a hex SHA-256", ErrMalformedHeader)
			}
			sigs = append(sigs, sig)
		}
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || ms <= 0 || len(sigs) == 0 {
		return fmt.Errorf("%w: want t=<unix ms>, v1=<hex>", ErrMalformedHeader)
	}
	if d := now.Sub(time.UnixMilli(ms)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed %s ago", ErrStale, d.Round(time.Second))
	}
	want := Sign(secret, ts, body)
	for _, sig := range sigs {
		if hmac.Equal(sig, want) {
			return nil
		}
	}
	return ErrBadSignature
}

// Sign returns the raw HMAC-SHA256 of "<ts>.<body>" with secret.
func Sign(secret, ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return mac.Sum(nil)
}
