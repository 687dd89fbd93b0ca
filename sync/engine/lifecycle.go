package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// ErrDirectoryUnavailable means the connected directory is not linked in WorkOS (deleted,
// validating, invalid_credentials, unlinked, deleting): a run changed nothing. Runs that
// end with it do not count toward quarantine. Errors are *DirectoryStateError.
var ErrDirectoryUnavailable = errors.New("engine: directory is not linked")

// DirectoryStateError names the state of a directory a run could not sync. It unwraps to
// ErrDirectoryUnavailable.
type DirectoryStateError struct {
	// State is the normalised directory state (workos.NormalizeDirectoryState).
	State string
}

// Error implements error.
func (e *DirectoryStateError) Error() string {
	return fmt.Sprintf("the directory is %s in WorkOS", e.State)
}

// Unwrap returns ErrDirectoryUnavailable.
func (e *DirectoryStateError) Unwrap() error { return ErrDirectoryUnavailable }

// lifecycle is what a run learned about its directory before pulling (checkDirectory).
type lifecycle struct {
	// fullPull: the batch or the directory's return to linked asks for a full pull.
	fullPull bool
	// firstPull: the run is the connected directory's first pull (after the setup wizard,
	// or for a directory that replaced a deleted one): into the mirror only, no user changes.
	firstPull bool
}

// checkDirectory runs at the start of every run, before anything is pulled: it applies
// the directory lifecycle events of an EVENTS batch (direvents.go: directoryEvents), then
// reads the connected directory from WorkOS and stores its state. A directory that is
// not linked ends the run with a *DirectoryStateError and changes no user; a 404 marks
// the connection deleted. An EVENTS batch met by such a directory is consumed (its
// cursor moves): only a full pull can tell the state once the directory works again.
func (r *runner) checkDirectory(ctx context.Context) error {
	c := r.connection
	before := directoryLifecycleOf(c)
	now := r.s.now()
	l := before
	if r.batch != nil {
		if err := r.directoryEvents(&l, now); err != nil {
			return err
		}
	}
	if l.State != workos.DirectoryDeleted {
		d, err := r.s.dir.GetDirectory(ctx, l.DirectoryID)
		switch {
		case errors.Is(err, workos.ErrNotFound):
			r.s.log.Warn("engine: the connected directory is gone from WorkOS", slog.String("company", c.CompanyID),
				slog.String("directory", l.DirectoryID))
			setState(&l, workos.DirectoryDeleted, now)
		case err != nil:
			return &readingError{what: "the directory", err: fmt.Errorf("read directory %s: %w", l.DirectoryID, err)}
		default:
			setState(&l, workos.NormalizeDirectoryState(d.State), now)
			if d.Name != "" {
				l.Name = d.Name
			}
		}
	}
	if l.State == workos.DirectoryDeleted && before.State != workos.DirectoryDeleted {
		r.refreshOthers(ctx, &l)
	}
	if !sameLifecycle(before, l) {
		if err := db.SaveDirectoryLifecycle(ctx, r.s.db, c.CompanyID, l, now); err != nil {
			return err
		}
		r.s.log.Info("engine: directory state", slog.String("company", c.CompanyID), slog.String("directory", l.DirectoryID),
			slog.String("state", l.State), slog.Bool("relinked", l.Relinked))
	}
	c.DirectoryID, c.Provider, c.Name, c.State = &l.DirectoryID, &l.Provider, &l.Name, &l.State
	if l.Relinked {
		c.MirrorPending = true
	}
	if l.State != workos.DirectoryLinked {
		r.consumeBatch(ctx)
		return &DirectoryStateError{State: l.State}
	}
	if before.State != workos.DirectoryLinked && before.State != "" && !l.Relinked {
		r.life.fullPull = true // back from a state in which events were consumed unapplied
	}
	r.life.firstPull = c.MirrorPending && !r.run.DryRun
	return nil
}

// directoryGone marks the connection deleted when WorkOS answers 404 for its directory in
// the middle of a pull (nothing of the pull was applied) and ends the run like a deleted
// directory found at its start.
func (r *runner) directoryGone(ctx context.Context) error {
	r.s.log.Warn("engine: the connected directory is gone from WorkOS", slog.String("company", r.run.CompanyID),
		slog.String("directory", deref(r.connection.DirectoryID)))
	l := directoryLifecycleOf(r.connection)
	setState(&l, workos.DirectoryDeleted, r.s.now())
	r.refreshOthers(ctx, &l)
	if err := db.SaveDirectoryLifecycle(ctx, r.s.db, r.run.CompanyID, l, r.s.now()); err != nil {
		return err
	}
	r.connection.State = &l.State
	r.consumeBatch(ctx)
	return &DirectoryStateError{State: workos.DirectoryDeleted}
}

// directoryLifecycleOf is the connection's directory as stored.
func directoryLifecycleOf(c *db.DirectoryConnection) db.DirectoryLifecycle {
	return db.DirectoryLifecycle{
		DirectoryID: deref(c.DirectoryID), Provider: deref(c.Provider), Name: deref(c.Name),
		State: workos.NormalizeDirectoryState(deref(c.State)), StateChangedAt: c.StateChangedAt,
		Others: c.OtherDirectories,
	}
}

// setState changes l's state, remembering when.
func setState(l *db.DirectoryLifecycle, state string, now time.Time) {
	if l.State != state {
		l.State, l.StateChangedAt = state, &now
	}
}

// sameLifecycle reports whether nothing needs saving.
func sameLifecycle(a, b db.DirectoryLifecycle) bool {
	return a.DirectoryID == b.DirectoryID && a.Provider == b.Provider && a.Name == b.Name && a.State == b.State &&
		!b.Relinked && slices.Equal(a.Others, b.Others)
}

// refreshOthers lists the organization's other active directories once the connected one
// is found deleted, so that the admin sees a replacement that was set up before; a failure
// only leaves the list as it was.
func (r *runner) refreshOthers(ctx context.Context, l *db.DirectoryLifecycle) {
	dirs, err := r.s.dir.ListDirectories(ctx, r.connection.OrganizationID)
	if err != nil {
		r.s.log.Warn("engine: list the organization's directories", slog.String("company", r.run.CompanyID), slog.Any("error", err))
		return
	}
	l.Others = OtherDirectories(dirs, l.DirectoryID)
}

// OtherDirectories lists the linked directories of dirs other than connectedID, oldest
// first as WorkOS lists them.
func OtherDirectories(dirs []workos.Directory, connectedID string) []db.OtherDirectory {
	out := []db.OtherDirectory{}
	for _, d := range dirs {
		if d.ID != connectedID && workos.DirectoryUsable(d.State) {
			out = append(out, db.OtherDirectory{ID: d.ID, Provider: d.Type, Name: d.Name, State: workos.NormalizeDirectoryState(d.State)})
		}
	}
	return out
}

// mirrorOnly reports whether the run only refreshes the mirror and changes no user: the
// setup pull, and any run while the connected directory's first pull has not succeeded
// (db.DirectoryConnection.MirrorPending: after the wizard, or for a replacement directory).
func (r *runner) mirrorOnly() bool {
	return r.run.Trigger == db.TriggerSetup || r.life.firstPull
}

// needsPull reports whether an EVENTS run pulls the whole directory instead of applying
// its batch: dsync.activated for the connected directory, a first pull, or a directory
// back to linked.
func (r *runner) needsPull() bool { return r.life.fullPull || r.life.firstPull }

// countsTowardQuarantine reports whether a run failing with err adds to the connection's
// consecutive failures: not when there was nothing to sync (no directory, or a directory
// that is not linked) nor when the server shut down.
func countsTowardQuarantine(err error, msg string) bool {
	return !errors.Is(err, ErrNotConnected) && !errors.Is(err, ErrDirectoryUnavailable) && msg != shutdownMessage
}
