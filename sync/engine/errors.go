package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrNotConnected means the company has no connected directory (setup not completed,
	// or disconnected). Resolvers answer BAD_USER_INPUT.
	ErrNotConnected = errors.New("engine: no directory connected")
	// ErrRunNotReviewable means the run is not NEEDS_REVIEW, a newer run superseded its plan,
	// or another run is in progress. Resolvers answer CONFLICT.
	ErrRunNotReviewable = errors.New("engine: run is not awaiting review")
	// ErrRunInProgress is returned by RunNow and PullMirror when the company already has an
	// active run; the active run is returned with it.
	ErrRunInProgress = errors.New("engine: another run is in progress")
	// ErrClosed means the service is shutting down and accepts no new runs.
	ErrClosed = errors.New("engine: shutting down")
	// ErrUpstream is workos.ErrUpstream: WorkOS could not be reached or kept failing.
	// Resolvers answer UPSTREAM_UNAVAILABLE.
	ErrUpstream = workos.ErrUpstream
	// ErrNotFound is db.ErrNotFound: a run or directory user of another company, or none.
	ErrNotFound = db.ErrNotFound
)

// NotReviewableError says why a run cannot be approved or rejected; it unwraps to
// ErrRunNotReviewable. Resolvers answer CONFLICT with Reason.
type NotReviewableError struct {
	RunID string
	// Reason is client-safe, e.g. "a newer plan superseded it; review the newest held run instead".
	Reason string
}

// Error implements error.
func (e *NotReviewableError) Error() string {
	return "run " + e.RunID + " is not awaiting review: " + e.Reason
}

// Unwrap returns ErrRunNotReviewable.
func (e *NotReviewableError) Unwrap() error { return ErrRunNotReviewable }

// ValidationError is invalid input to SaveConfiguration; Field names the input field
// (e.g. "dailyAt", "mapping.department"). Resolvers answer BAD_USER_INPUT.
type ValidationError struct {
	Field   string
	Message string
}

// Error implements error.
func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

// NotFoundError names the ids that do not exist in the company. It unwraps to ErrNotFound.
type NotFoundError struct {
	// What is the kind of object, e.g. "directory user".
	What string
	IDs  []string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("unknown %s: %s", e.What, strings.Join(e.IDs, ", "))
}

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// shutdownMessage is the error of a run interrupted by Close.
const shutdownMessage = "interrupted: the server shut down before the run finished; nothing was changed"

// clientMessage is the text stored as a failed run's error: readable, without SQL or secrets.
func clientMessage(err error, shuttingDown bool) string {
	var state *DirectoryStateError
	switch {
	case shuttingDown:
		// Cancelled by the shutdown, whatever the error it surfaced as (a query cut short
		// can fail as a closed connection): another replica re-runs it.
		return shutdownMessage
	case errors.As(err, &state):
		_, why := DirectoryStateText(state.State)
		return "the directory is " + state.State + " in WorkOS: " + why
	case errors.Is(err, ErrNotConnected):
		return "no directory is connected; complete the directory setup first"
	}
	if text, ok := UpstreamText(err); ok {
		var reading *readingError
		if errors.As(err, &reading) {
			return "Reading " + reading.what + " from WorkOS failed. " + text
		}
		return text
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "the run timed out; nothing was changed"
	case errors.Is(err, context.Canceled):
		return "the run was cancelled; nothing was changed"
	case errors.Is(err, errLastAdmin):
		return "the changes would leave the company without an active administrator; nothing was changed"
	case errors.Is(err, db.ErrConflict):
		return "the changes conflict with users changed meanwhile (an email is taken); nothing was changed"
	}
	return "internal error while syncing; nothing was changed (see the server log)"
}

// readingError names what a run was reading from WorkOS when err happened, for the
// run's error text.
type readingError struct {
	what string
	err  error
}

func (e *readingError) Error() string { return e.err.Error() }
func (e *readingError) Unwrap() error { return e.err }

// errLastAdmin stops an apply that would leave no active company admin.
var errLastAdmin = errors.New("engine: no active company admin would remain")
