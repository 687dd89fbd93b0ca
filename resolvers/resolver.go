// Package resolvers holds the thin GraphQL resolvers: check the viewer, call one
// service, map the result. The error presenter lives here too.
package resolvers

import (
	"log/slog"

	"github.com/uptrace/bun"
)

// Resolver is the root resolver; its fields are the services resolvers call.
type Resolver struct {
	// DB is the database; resolvers scope every query by the viewer's company.
	DB *bun.DB
	// Logger receives internal errors (never shown to clients).
	Logger *slog.Logger
}
