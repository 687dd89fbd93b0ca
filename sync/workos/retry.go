package workos

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// call names one logical API call for errors and logs.
type call struct {
	op        string // e.g. "list directory users"
	directory string // rate-limit key; "" means no per-directory limit
	page      int    // 1-based page number, 0 when not paginated
}

func (k call) String() string {
	s := k.op
	if k.directory != "" {
		s += " of directory " + k.directory
	}
	if k.page > 0 {
		s += fmt.Sprintf(" page %d", k.page)
	}
	return s
}

// retry runs attempt until it succeeds, fails permanently, the caller's ctx ends, or
// MaxRetries retries are spent (then the error wraps ErrUpstream). Each attempt gets its own
// RequestTimeout and, for directory calls, waits for the directory's rate limiter first.
// It returns the number of retries made.
func retry[T any](ctx context.Context, c *Client, k call, attempt func(ctx context.Context) (T, error)) (T, int, error) {
	var zero T
	for n := 0; ; n++ {
		if k.directory != "" {
			if wait := c.limiter.reserve(k.directory); wait > 0 {
				if err := c.cfg.Sleep(ctx, wait); err != nil {
					return zero, n, fmt.Errorf("%s: waiting for rate limit: %w", k, err)
				}
			}
		}
		if c.cfg.Budget != nil {
			if err := c.cfg.Budget.Wait(ctx); err != nil {
				return zero, n, fmt.Errorf("%s: waiting for the API key budget: %w", k, err)
			}
		}
		obs := &observation{}
		actx, cancel := context.WithTimeout(withObservation(ctx, obs), c.cfg.RequestTimeout)
		v, err := attempt(actx)
		failed, retryable := error(nil), false
		if err != nil {
			failed, retryable = c.classify(actx, err)
		}
		cancel()
		if err == nil {
			return v, n, nil
		}
		if ctx.Err() != nil {
			return zero, n, fmt.Errorf("%s: %w", k, context.Cause(ctx))
		}
		delay, fromServer := c.retryDelay(n, obs)
		if obs.status == http.StatusTooManyRequests {
			c.pauseKey(ctx, k, delay)
		}
		if !retryable {
			return zero, n, fmt.Errorf("%s: %w", k, failed)
		}
		if n >= c.cfg.MaxRetries {
			return zero, n, fmt.Errorf("%s: %w after %d attempts: %w", k, ErrUpstream, n+1, failed)
		}
		c.cfg.Logger.LogAttrs(ctx, slog.LevelWarn, "workos: retrying",
			slog.String("call", k.String()), slog.Int("attempt", n+1), slog.Int("status", obs.status),
			slog.Duration("delay", delay), slog.Bool("retry_after", fromServer), slog.String("error", c.scrub(failed.Error())))
		if err := c.cfg.Sleep(ctx, delay); err != nil {
			return zero, n + 1, fmt.Errorf("%s: waiting to retry: %w (last error: %v)", k, err, failed)
		}
	}
}

// pauseKey pauses the API key's shared budget for d after a 429, so that every caller
// of the key, in every replica, slows down; a failure to pause is only logged.
func (c *Client) pauseKey(ctx context.Context, k call, d time.Duration) {
	if c.cfg.Budget == nil {
		return
	}
	if err := c.cfg.Budget.Pause(ctx, d); err != nil {
		c.cfg.Logger.LogAttrs(ctx, slog.LevelWarn, "workos: pausing the API key budget",
			slog.String("call", k.String()), slog.String("error", err.Error()))
	}
}

// retryDelay is the server's Retry-After (on 429/503, capped at MaxRetryAfter) when given,
// else BaseBackoff·2^n capped at MaxBackoff with "equal jitter" (half fixed, half random).
func (c *Client) retryDelay(n int, obs *observation) (time.Duration, bool) {
	if obs.status == http.StatusTooManyRequests || obs.status == http.StatusServiceUnavailable {
		if d, ok := parseRetryAfter(obs.retryAfter, c.cfg.Now()); ok {
			return min(d, c.cfg.MaxRetryAfter), true
		}
	}
	d := c.cfg.BaseBackoff
	for i := 0; i < n && d < c.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.cfg.MaxBackoff)
	half := d / 2
	return half + time.Duration(c.cfg.Jitter()*float64(d-half)), false
}

// parseRetryAfter reads delay-seconds or an HTTP date (RFC 9110 §10.2.3).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 || secs > 1e6 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func randFloat() float64 { return rand.Float64() }

// observation records what the transport saw for one attempt; the SDK's errors carry
// neither headers nor Retry-After, so the transport captures them.
type observation struct {
	status     int
	retryAfter string
}

type observationKey struct{}

func withObservation(ctx context.Context, o *observation) context.Context {
	return context.WithValue(ctx, observationKey{}, o)
}

// observingTransport counts each request by route and status, and records the status
// and Retry-After of each response in the request context's observation, if any.
type observingTransport struct {
	base    http.RoundTripper
	prefix  string // the Endpoint's path, stripped before templating the route
	metrics *metrics
}

// RoundTrip implements http.RoundTripper.
func (t *observingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	status := "error"
	if err == nil && res != nil {
		status = strconv.Itoa(res.StatusCode)
	}
	t.metrics.requests.WithLabelValues(routeOf(req.Method, req.URL.Path, t.prefix), status).Inc()
	if o, ok := req.Context().Value(observationKey{}).(*observation); ok && res != nil {
		o.status = res.StatusCode
		o.retryAfter = res.Header.Get("Retry-After")
	}
	return res, err
}
