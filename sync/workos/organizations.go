package workos

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"time"

	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/portal"
)

// Organization is a WorkOS organization (one per dirsync company).
type Organization struct {
	// ID is the WorkOS id (org_...).
	ID string
	// Name is the organization's name.
	Name string
	// ExternalID is the caller's own id for it, if set.
	ExternalID string
	// CreatedAt is zero when WorkOS sent none or an unparsable value.
	CreatedAt time.Time
}

func toOrganization(o organizations.Organization) Organization {
	return Organization{ID: o.ID, Name: o.Name, ExternalID: o.ExternalID, CreatedAt: parseTime(o.CreatedAt)}
}

// CreateOrganization creates an organization. idempotencyKey is sent as the
// Idempotency-Key header so that repeating the call (or its retries) returns the same
// organization; when empty a random key is used, which makes this call's own retries
// safe but not a later repetition.
func (c *Client) CreateOrganization(ctx context.Context, name, idempotencyKey string) (Organization, error) {
	if idempotencyKey == "" {
		idempotencyKey = "dirsync-" + rand.Text()
	}
	o, _, err := retry(ctx, c, call{op: "create organization"}, func(ctx context.Context) (organizations.Organization, error) {
		return c.orgs.CreateOrganization(ctx, organizations.CreateOrganizationOpts{Name: name, IdempotencyKey: idempotencyKey})
	})
	if err != nil {
		return Organization{}, c.redact(err)
	}
	return toOrganization(o), nil
}

// GetOrganization fetches one organization. Errors wrap ErrNotFound, ErrUnauthorized or ErrUpstream.
func (c *Client) GetOrganization(ctx context.Context, id string) (Organization, error) {
	o, _, err := retry(ctx, c, call{op: "get organization " + id}, func(ctx context.Context) (organizations.Organization, error) {
		return c.orgs.GetOrganization(ctx, organizations.GetOrganizationOpts{Organization: url.PathEscape(id)})
	})
	if err != nil {
		return Organization{}, c.redact(err)
	}
	return toOrganization(o), nil
}

// PortalLink returns a short-lived (5 minutes) Admin Portal link with intent "dsync" for the
// organization's admin to set up directory sync. Empty URLs mean the dashboard defaults.
func (c *Client) PortalLink(ctx context.Context, organizationID, successURL, returnURL string) (string, error) {
	link, _, err := retry(ctx, c, call{op: "generate portal link for organization " + organizationID}, func(ctx context.Context) (string, error) {
		link, err := c.portal.GenerateLink(ctx, portal.GenerateLinkOpts{
			Intent: portal.DSync, Organization: organizationID, SuccessURL: successURL, ReturnURL: returnURL,
		})
		if err == nil && link == "" {
			err = fmt.Errorf("%w: no link in response", errDecode)
		}
		return link, err
	})
	return link, c.redact(err)
}
