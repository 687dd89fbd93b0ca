package workos

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/workos/workos-go/v4/pkg/directorysync"
)

// Directory is a WorkOS directory connection.
type Directory struct {
	// ID is the WorkOS id (directory_...).
	ID string
	// OrganizationID is the owning WorkOS organization.
	OrganizationID string
	// Name is the display name.
	Name string
	// Domain is the directory's domain, if any.
	Domain string
	// Type is the provider type, e.g. "okta scim v2.0" (see Providers).
	Type string
	// State is e.g. "linked", "validating", "invalid_credentials", "unlinked", "deleting".
	State string
	// ExternalKey is WorkOS's external key for the directory.
	ExternalKey string
	// CreatedAt and UpdatedAt are zero when WorkOS sent none or an unparsable value.
	CreatedAt, UpdatedAt time.Time
}

func toDirectory(d directorysync.Directory) Directory {
	return Directory{
		ID: d.ID, OrganizationID: d.OrganizationID, Name: d.Name, Domain: d.Domain,
		Type: string(d.Type), State: string(d.State), ExternalKey: d.ExternalKey,
		CreatedAt: parseTime(d.CreatedAt), UpdatedAt: parseTime(d.UpdatedAt),
	}
}

// parseTime reads an RFC 3339 timestamp; informational fields tolerate bad values.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// ListDirectories returns every directory of the organization, following all pages.
func (c *Client) ListDirectories(ctx context.Context, organizationID string) ([]Directory, error) {
	var out []Directory
	seen := map[string]bool{}
	after := ""
	for page := 1; ; page++ {
		k := call{op: "list directories of organization " + organizationID, page: page}
		res, _, err := retry(ctx, c, k, func(ctx context.Context) (directorysync.ListDirectoriesResponse, error) {
			return c.dsync.ListDirectories(ctx, directorysync.ListDirectoriesOpts{
				OrganizationID: organizationID, Limit: 100, Order: directorysync.Asc, After: after,
			})
		})
		if err != nil {
			return nil, c.redact(err)
		}
		for _, d := range res.Data {
			out = append(out, toDirectory(d))
		}
		next := res.ListMetadata.After
		if next == "" {
			return out, nil
		}
		if seen[next] {
			return nil, fmt.Errorf("%s: %w: pagination cursor %q repeated", k, ErrUpstream, next)
		}
		seen[next] = true
		after = next
	}
}

// GetDirectory fetches one directory. Errors wrap ErrNotFound, ErrUnauthorized or ErrUpstream.
func (c *Client) GetDirectory(ctx context.Context, id string) (Directory, error) {
	d, _, err := retry(ctx, c, call{op: "get directory " + id}, func(ctx context.Context) (directorysync.Directory, error) {
		return c.dsync.GetDirectory(ctx, directorysync.GetDirectoryOpts{Directory: url.PathEscape(id)})
	})
	if err != nil {
		return Directory{}, c.redact(err)
	}
	return toDirectory(d), nil
}

// DeleteDirectory deletes the directory in WorkOS (WorkOS then sends dsync.deleted).
// A directory that is already gone gives an error wrapping ErrNotFound, which a caller
// disconnecting may treat as success (a retried delete can also see it).
func (c *Client) DeleteDirectory(ctx context.Context, id string) error {
	_, _, err := retry(ctx, c, call{op: "delete directory " + id}, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.dsync.DeleteDirectory(ctx, directorysync.DeleteDirectoryOpts{Directory: url.PathEscape(id)})
	})
	return c.redact(err)
}
