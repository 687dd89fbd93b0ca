package workos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/workos/workos-go/v4/pkg/workos_errors"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrUpstream means WorkOS could not be reached or kept failing (429, 408, 5xx,
	// timeouts, connection errors, undecodable bodies) after all retries.
	ErrUpstream = errors.New("workos: upstream unavailable")
	// ErrNotFound means WorkOS answered 404 for the object.
	ErrNotFound = errors.New("workos: not found")
	// ErrUnauthorized means WorkOS answered 401 or 403: the API key is wrong or lacks permission.
	ErrUnauthorized = errors.New("workos: unauthorized")
	// ErrInvalidRequest means WorkOS rejected the request (another 4xx, such as 400 or 422).
	ErrInvalidRequest = errors.New("workos: request rejected")
	// ErrInvalidConfig is returned by New for an unusable Config.
	ErrInvalidConfig = errors.New("workos: invalid config")
)

// StatusError is a non-2xx answer from WorkOS. errors.Is maps it to a sentinel:
// 404 ErrNotFound, 401/403 ErrUnauthorized, 408/429/5xx ErrUpstream, other 4xx ErrInvalidRequest.
type StatusError struct {
	// Status is the HTTP status code.
	Status int
	// RequestID is WorkOS's X-Request-ID, for support tickets.
	RequestID string
	// Code is WorkOS's machine-readable error code, when given (e.g. "entity_not_found").
	Code string
	// Message is WorkOS's error message, with the API key redacted.
	Message string
}

// Error implements error.
func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
	if e.RequestID != "" {
		msg += fmt.Sprintf(" (request id %q)", e.RequestID)
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Is reports whether target is the sentinel for this status.
func (e *StatusError) Is(target error) bool {
	return target != nil && target == sentinelFor(e.Status)
}

func sentinelFor(status int) error {
	switch {
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return ErrUnauthorized
	case retryableStatus(status):
		return ErrUpstream
	case status >= 400 && status < 500:
		return ErrInvalidRequest
	default:
		return ErrUpstream
	}
}

func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}

// errDecode marks a 2xx body that could not be decoded (truncated or malformed).
var errDecode = errors.New("undecodable response body")

// classify turns an attempt's error into the error to report and whether to retry it.
// attemptCtx is the attempt's own context: its deadline firing means a timeout.
func (c *Client) classify(attemptCtx context.Context, err error) (error, bool) {
	var he workos_errors.HTTPError
	if errors.As(err, &he) {
		se := &StatusError{Status: he.Code, RequestID: he.RequestID, Code: he.ErrorCode, Message: c.scrub(he.Message)}
		return se, retryableStatus(he.Code)
	}
	if attemptCtx.Err() != nil {
		return fmt.Errorf("attempt timed out after %s: %w", c.cfg.RequestTimeout, err), true
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op == "parse" {
		return err, false
	}
	var ne net.Error
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &ue), errors.As(err, &ne), errors.As(err, &se), errors.As(err, &te),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, errDecode):
		return err, true
	}
	return err, false
}

// scrub removes the API key from s.
func (c *Client) scrub(s string) string {
	if c.apiKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.apiKey, "[REDACTED]")
}

// redactedError hides the API key in the message while keeping the chain for errors.Is/As.
type redactedError struct {
	err error
	msg string
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact is applied to every error a public method returns.
func (c *Client) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := c.scrub(msg); clean != msg {
		return &redactedError{err: err, msg: clean}
	}
	return err
}
