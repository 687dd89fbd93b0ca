// Package resolvers holds the thin GraphQL resolvers: check the viewer, call one
// service, map the result. The error presenter and the dataloaders live here too.
package resolvers

import (
	"context"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/setup"
)

// Resolver is the root resolver; its fields are the services resolvers call.
type Resolver struct {
	// DB is the database; resolvers scope every query by the viewer's company.
	DB *bun.DB
	// Search answers Power Search.
	Search *search.Service
	// Engine runs syncs and owns the sync configuration, previews and assignments.
	Engine *engine.Service
	// Setup connects directories through WorkOS.
	Setup *setup.Service
	// PublicURL is the app's public URL for Admin Portal return links; when empty
	// it is taken from the request (see WithBaseURL).
	PublicURL string
	// MailOn tells admins whether alert mail is configured (DIRSYNC_SMTP_URL).
	MailOn bool
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives internal errors (never shown to clients).
	Logger *slog.Logger
}

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

type baseURLKey struct{}

// WithBaseURL records the URL the request reached the server at (scheme and host),
// used for Admin Portal return links when no public URL is configured.
func WithBaseURL(ctx context.Context, url string) context.Context {
	return context.WithValue(ctx, baseURLKey{}, url)
}

// appURL is the app's URL for links that lead back to it.
func (r *Resolver) appURL(ctx context.Context) string {
	if r.PublicURL != "" {
		return r.PublicURL
	}
	u, _ := ctx.Value(baseURLKey{}).(string)
	return u
}
