package workos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/workos_errors"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want time.Duration
		ok   bool
	}{
		{"seconds", "3", 3 * time.Second, true},
		{"fraction", "0.5", 500 * time.Millisecond, true},
		{"padded", " 7 ", 7 * time.Second, true},
		{"zero", "0", 0, true},
		{"http date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"past date", now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"empty", "", 0, false},
		{"negative", "-1", 0, false},
		{"garbage", "soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := parseRetryAfter(tt.in, now)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestRetryDelay(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	newClient := func(jitter float64) *Client {
		c, err := New(Config{
			APIKey: "sk_test", BaseBackoff: 100 * time.Millisecond, MaxBackoff: time.Second,
			MaxRetryAfter: 30 * time.Second, Now: func() time.Time { return now }, Jitter: func() float64 { return jitter },
		})
		require.NoError(t, err)
		return c
	}
	tests := []struct {
		name       string
		jitter     float64
		n          int
		obs        observation
		want       time.Duration
		fromServer bool
	}{
		{"first backoff, no jitter", 0, 0, observation{status: 500}, 50 * time.Millisecond, false},
		{"first backoff, full jitter", 0.99, 0, observation{status: 500}, 99500 * time.Microsecond, false},
		{"third backoff", 0.5, 2, observation{status: 502}, 300 * time.Millisecond, false},
		{"capped backoff", 0, 30, observation{}, 500 * time.Millisecond, false},
		{"429 retry-after", 0, 0, observation{status: 429, retryAfter: "2"}, 2 * time.Second, true},
		{"503 retry-after date", 0, 4, observation{status: 503, retryAfter: now.Add(5 * time.Second).Format(http.TimeFormat)}, 5 * time.Second, true},
		{"retry-after capped", 0, 0, observation{status: 429, retryAfter: "3600"}, 30 * time.Second, true},
		{"retry-after ignored on 500", 0, 0, observation{status: 500, retryAfter: "9"}, 50 * time.Millisecond, false},
		{"bad retry-after falls back", 0, 1, observation{status: 429, retryAfter: "later"}, 100 * time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, fromServer := newClient(tt.jitter).retryDelay(tt.n, &tt.obs)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.fromServer, fromServer)
		})
	}
}

func TestLimiterSpacesPerKey(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	l := newLimiter(4, func() time.Time { return now })
	for i := range 3 {
		require.Equal(t, time.Duration(0), l.reserve("a"), "request %d is in the burst of 3", i+1)
	}
	require.Equal(t, 250*time.Millisecond, l.reserve("a"), "then requests are spaced 1/4 s")
	require.Equal(t, 500*time.Millisecond, l.reserve("a"))
	require.Equal(t, time.Duration(0), l.reserve("b"), "directories are limited independently")
	now = now.Add(time.Hour)
	for range 3 {
		require.Equal(t, time.Duration(0), l.reserve("a"))
	}
	require.Equal(t, 250*time.Millisecond, l.reserve("a"), "an idle bucket does not accumulate a burst beyond 3")
}

func TestLimiterBurst(t *testing.T) {
	t.Parallel()
	// One below the server's bucket of max(1, rate) tokens, at least 1.
	for rate, want := range map[float64]int{4: 3, 10: 9, 2.5: 2, 2: 1, 1: 1, 0.25: 1} {
		require.Equal(t, want, limiterBurst(rate), "rate %v", rate)
	}
}

func TestLimiterUnlimited(t *testing.T) {
	t.Parallel()
	c, err := New(Config{APIKey: "sk_test", RateLimit: -1})
	require.NoError(t, err)
	for range 10 {
		require.Zero(t, c.limiter.reserve("a"))
	}
}

func TestAPIKeyIsRedacted(t *testing.T) {
	t.Parallel()
	const key = "sk_live_secret_0123456789"
	c, err := New(Config{APIKey: key})
	require.NoError(t, err)

	echoed := workos_errors.HTTPError{Code: http.StatusBadRequest, Message: "key " + key + " is malformed"}
	classified, retryable := c.classify(context.Background(), fmt.Errorf("wrapped: %w", echoed))
	require.False(t, retryable)
	require.ErrorIs(t, classified, ErrInvalidRequest)
	require.NotContains(t, classified.Error(), key)
	require.Contains(t, classified.Error(), "[REDACTED]")

	sentinel := errors.New("boom " + key)
	redacted := c.redact(fmt.Errorf("get directory: %w", sentinel))
	require.ErrorIs(t, redacted, sentinel, "the chain survives redaction")
	require.Equal(t, "get directory: boom [REDACTED]", redacted.Error())
	require.Nil(t, c.redact(nil))
}
