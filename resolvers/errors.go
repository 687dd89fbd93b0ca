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

// Classifier maps errors of other packages to a code and a client-safe message;
// ok is false when it does not know the error.
type Classifier func(err error) (code, message string, ok bool)

// ErrorPresenter turns any resolver error into a GraphQL error with extensions.code.
// Unknown errors are logged and shown only as "internal error" with the request path.
func ErrorPresenter(logger *slog.Logger, classifiers ...Classifier) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var existing *gqlerror.Error
		if errors.As(err, &existing) && existing.Err == nil {
			// Parse and validation errors from gqlgen keep their own code.
			return gqlErr
		}
		code, msg := classify(err, classifiers)
		if code == CodeInternal {
			logger.ErrorContext(ctx, "graphql resolver failed", "path", gqlErr.Path.String(), "err", err)
		}
		gqlErr.Message = msg
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = code
		var in *InputError
		if errors.As(err, &in) {
			gqlErr.Extensions["field"] = in.Field
		}
		return gqlErr
	}
}

func classify(err error, classifiers []Classifier) (string, string) {
	var in *InputError
	switch {
	case errors.As(err, &in):
		return CodeBadUserInput, in.Error()
	case errors.Is(err, auth.ErrUnauthenticated):
		return CodeUnauthenticated, "sign in required"
	case errors.Is(err, auth.ErrForbidden):
		return CodeForbidden, "only company administrators may do this"
	case errors.Is(err, db.ErrNotFound):
		return CodeNotFound, "not found"
	case errors.Is(err, db.ErrConflict):
		return CodeConflict, "conflicts with existing data"
	case errors.Is(err, db.ErrBadCursor):
		return CodeBadUserInput, "after: not a cursor of this list"
	case errors.Is(err, db.ErrBadSearch):
		return CodeBadUserInput, "invalid search"
	}
	for _, c := range classifiers {
		if code, msg, ok := c(err); ok {
			return code, msg
		}
	}
	return CodeInternal, "internal error"
}

// Recover turns a resolver panic into an internal error after logging it.
func Recover(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p))
		return errors.New("resolver panic")
	}
}
