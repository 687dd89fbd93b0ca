package workos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/workos/workos-go/v4/pkg/workos_errors"
)

// usersPageSize is the largest page WorkOS serves.
const usersPageSize = 100

// maxBodyBytes bounds one response body; a page of 100 users is far smaller.
const maxBodyBytes = 64 << 20

// DirectoryUser is one WorkOS directory user: a few typed fields plus the whole object.
type DirectoryUser struct {
	// ID is the WorkOS id (directory_user_...).
	ID string
	// IdpID is the identity provider's own id for the user.
	IdpID string
	// DirectoryID is the directory the user belongs to.
	DirectoryID string
	// Email is the primary email; "" when WorkOS has none (null).
	Email string
	// FirstName and LastName are WorkOS's normalised names; "" when null.
	FirstName, LastName string
	// State is "active" or "inactive" ("suspended" on old accounts).
	State string
	// UpdatedAt is WorkOS's updated_at; zero when absent.
	UpdatedAt time.Time
	// Raw is the complete JSON object exactly as WorkOS returned it, including
	// custom_attributes and raw_attributes, for JSON Pointer mapping.
	Raw json.RawMessage
}

// FetchStats summarises one EachDirectoryUser pull.
type FetchStats struct {
	// Pages is the number of pages handed to fn.
	Pages int
	// Users is the number of users handed to fn.
	Users int
	// Retries is the number of retried requests (including rate-limited ones).
	Retries int
}

// usersPage is one decoded page of GET /directory_users.
type usersPage struct {
	users []DirectoryUser
	after string
}

// EachDirectoryUser pulls every user of the directory in pages of 100 (order asc),
// following list_metadata.after to the end, and calls fn once per page in order. Requests
// wait for the directory's rate limiter and failed pages are retried (see Config); a page
// that still fails ends the pull with an error wrapping ErrUpstream that names the
// directory and page. fn is not called again after any error; an error from fn is
// returned wrapped. Each page is a fresh slice that fn may keep. The directory's
// limiter does not cover GetDirectoryUser, whose directory is unknown before the call.
func (c *Client) EachDirectoryUser(ctx context.Context, directoryID string, fn func(page []DirectoryUser) error) (FetchStats, error) {
	var stats FetchStats
	if directoryID == "" {
		return stats, fmt.Errorf("list directory users: %w: empty directory id", ErrInvalidRequest)
	}
	seen := map[string]bool{}
	after := ""
	for page := 1; ; page++ {
		k := call{op: "list directory users", directory: directoryID, page: page}
		p, retries, err := retry(ctx, c, k, func(ctx context.Context) (usersPage, error) {
			return c.fetchUsersPage(ctx, directoryID, after)
		})
		stats.Retries += retries
		if err != nil {
			return stats, c.redact(err)
		}
		if len(p.users) > 0 {
			if err := fn(p.users); err != nil {
				return stats, fmt.Errorf("%s: handling page: %w", k, err)
			}
			stats.Pages++
			stats.Users += len(p.users)
		}
		if p.after == "" {
			return stats, nil
		}
		if seen[p.after] {
			return stats, fmt.Errorf("%s: %w: pagination cursor %q repeated", k, ErrUpstream, p.after)
		}
		seen[p.after] = true
		after = p.after
	}
}

// fetchUsersPage is one GET /directory_users, built like the SDK's ListUsers request.
func (c *Client) fetchUsersPage(ctx context.Context, directoryID, after string) (usersPage, error) {
	q := url.Values{}
	q.Set("directory", directoryID)
	q.Set("limit", strconv.Itoa(usersPageSize))
	q.Set("order", "asc")
	if after != "" {
		q.Set("after", after)
	}
	body, err := c.getRaw(ctx, "/directory_users", q)
	if err != nil {
		return usersPage{}, err
	}
	return decodeUsersPage(body)
}

// GetDirectoryUser fetches one directory user with its complete JSON (which, for this
// endpoint, also carries "groups"). Errors wrap ErrNotFound, ErrUnauthorized or ErrUpstream.
func (c *Client) GetDirectoryUser(ctx context.Context, id string) (DirectoryUser, error) {
	k := call{op: "get directory user " + id}
	u, _, err := retry(ctx, c, k, func(ctx context.Context) (DirectoryUser, error) {
		body, err := c.getRaw(ctx, "/directory_users/"+url.PathEscape(id), nil)
		if err != nil {
			return DirectoryUser{}, err
		}
		if !json.Valid(body) {
			return DirectoryUser{}, fmt.Errorf("%w: invalid JSON for directory user", errDecode)
		}
		if bytes.IndexByte(bytes.TrimLeft(body, " \t\r\n"), '{') != 0 {
			return DirectoryUser{}, fmt.Errorf("%w: directory user is not an object", errDecode)
		}
		return scanUser(body)
	})
	return u, c.redact(err)
}

// getRaw performs a GET with the SDK's headers and returns the 2xx body. Non-2xx answers
// become workos_errors.HTTPError, parsed by the SDK exactly as for its own calls.
func (c *Client) getRaw(ctx context.Context, path string, q url.Values) ([]byte, error) {
	u := c.endpoint + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if err := workos_errors.TryGetHTTPError(res); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if n := res.ContentLength; n > 0 && n <= maxBodyBytes {
		buf.Grow(int(n) + 1) // +1: ReadFrom wants room to see EOF without growing
	}
	if _, err := buf.ReadFrom(io.LimitReader(res.Body, maxBodyBytes+1)); err != nil {
		return nil, err
	}
	body := buf.Bytes()
	if len(body) > maxBodyBytes {
		return nil, fmt.Errorf("%w: body larger than %d bytes", errDecode, maxBodyBytes)
	}
	return validUTF8(body), nil
}

// validUTF8 returns b with every invalid UTF-8 sequence replaced by U+FFFD, as
// encoding/json decodes them: PostgreSQL stores only valid UTF-8, and one bad byte in a
// stored value would fail a whole sync.
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
