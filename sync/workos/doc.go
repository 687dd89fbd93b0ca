// Package workos is dirsync's client for the WorkOS API and the only package that
// imports github.com/workos/workos-go/v4.
//
// It adds what SDK v4 lacks (WORKOS.md §1.3, §7): pagination to the end of every list,
// a per-directory token-bucket limit on /directory_users (4 requests/second by default),
// retries with jittered exponential backoff on 429, 408, 5xx, timeouts, connection errors
// and truncated or undecodable bodies, honouring Retry-After, and typed sentinel errors
// (ErrUpstream, ErrNotFound, ErrUnauthorized, ErrInvalidRequest).
//
// Directory users are fetched with a hand-built request that mirrors the SDK's (same URL,
// query and headers) so that each DirectoryUser keeps the complete JSON object exactly as
// WorkOS returned it: the field mapping reads it with JSON Pointers, including
// custom_attributes and raw_attributes, which the SDK's typed decoding would drop.
//
// Events are read the same way, as raw JSON (eventdecode.go), so that one odd field such
// as an unparsable created_at cannot fail a page.
//
// The API key never appears in returned errors or log records.
package workos
