package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/search"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/setup"
	"github.com/officetogether/dirsync/sync/workos"
)

// Error codes set in extensions.code.
const (
	CodeUnauthenticated     = "UNAUTHENTICATED"
	CodeForbidden           = "FORBIDDEN"
	CodeBadUserInput        = "BAD_USER_INPUT"
	CodeNotFound            = "NOT_FOUND"
	CodeConflict            = "CONFLICT"
	CodeUpstreamUnavailable = "UPSTREAM_UNAVAILABLE"
	CodeInternal            = "INTERNAL"
)

// InputError is a client mistake in an argument; Field names it.
type InputError struct {
	Field   string
	Message string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorPresenter turns any resolver error into a GraphQL error with extensions.code.
// Unknown errors are logged and shown only as "internal error" with the request path.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var existing *gqlerror.Error
		if errors.As(err, &existing) && existing.Err == nil {
			// Parse and validation errors from gqlgen keep their own code.
			return gqlErr
		}
		code, msg := classify(err)
		if code == CodeInternal || code == CodeUpstreamUnavailable {
			logger.ErrorContext(ctx, "graphql resolver failed", "path", gqlErr.Path.String(), "err", err)
		}
		gqlErr.Message = msg
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = code
		if field := errorField(err); field != "" {
			gqlErr.Extensions["field"] = field
		}
		return gqlErr
	}
}

func classify(err error) (string, string) {
	var (
		in         *InputError
		invalid    *engine.ValidationError
		notFound   *engine.NotFoundError
		held       *engine.NotReviewableError
		unknownDir *setup.UnknownDirectoryError
		unknownPro *setup.UnknownProviderError
		inUse      *db.OfficeInUseError
	)
	switch {
	case errors.As(err, &in):
		return CodeBadUserInput, in.Error()
	case errors.As(err, &invalid):
		return CodeBadUserInput, invalid.Error()
	case errors.As(err, &notFound):
		return CodeNotFound, notFound.Error()
	case errors.Is(err, engine.ErrNotConnected):
		return CodeBadUserInput, "no directory is connected: set up directory sync first"
	case errors.As(err, &held):
		return CodeConflict, "the run is not awaiting review: " + held.Reason
	case errors.Is(err, engine.ErrRunNotReviewable):
		return CodeConflict, "the run is not awaiting review (it finished, was superseded, or another run is in progress)"
	case errors.Is(err, engine.ErrRunInProgress):
		return CodeConflict, "another sync run is in progress"
	case errors.As(err, &unknownDir):
		return CodeBadUserInput, "directoryId: " + unknownDir.Error()
	case errors.As(err, &unknownPro):
		return CodeBadUserInput, "provider: " + unknownPro.Error()
	case errors.Is(err, setup.ErrNoDirectory):
		return CodeBadUserInput, setup.ErrNoDirectory.Error()
	case errors.Is(err, setup.ErrNotStarted):
		return CodeBadUserInput, "directory setup was not started: call startDirectorySetup first"
	case errors.Is(err, workos.ErrUnauthorized), errors.Is(err, workos.ErrUpstream), errors.Is(err, workos.ErrNotFound),
		errors.Is(err, workos.ErrInvalidRequest):
		text, _ := engine.UpstreamText(err)
		return CodeUpstreamUnavailable, text
	case errors.Is(err, auth.ErrUnauthenticated):
		return CodeUnauthenticated, "sign in required"
	case errors.Is(err, auth.ErrForbidden):
		return CodeForbidden, "only company administrators may do this"
	case errors.Is(err, db.ErrNotFound):
		return CodeNotFound, "not found"
	case errors.As(err, &inUse):
		return CodeConflict, inUse.Error()
	case errors.Is(err, db.ErrConflict):
		return CodeConflict, "conflicts with existing data"
	case errors.Is(err, search.ErrBadCursor), errors.Is(err, db.ErrInvalidCursor):
		return CodeBadUserInput, "after: not a cursor of this list"
	case errors.Is(err, search.ErrBadSearch):
		return CodeBadUserInput, "invalid search"
	case errors.Is(err, engine.ErrClosed):
		return CodeInternal, "the server is shutting down; try again"
	}
	return CodeInternal, "internal error"
}

// errorField names the input field a validation error is about.
func errorField(err error) string {
	var (
		in         *InputError
		invalid    *engine.ValidationError
		unknownDir *setup.UnknownDirectoryError
		unknownPro *setup.UnknownProviderError
	)
	switch {
	case errors.As(err, &in):
		return in.Field
	case errors.As(err, &invalid):
		return invalid.Field
	case errors.As(err, &unknownDir):
		return "directoryId"
	case errors.As(err, &unknownPro):
		return "provider"
	}
	return ""
}

// Recover turns a resolver panic into an internal error after logging it.
func Recover(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p))
		return errors.New("resolver panic")
	}
}
