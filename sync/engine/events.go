package engine

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// EventBatch is a company's events for ApplyEvents, oldest first: the pending events of
// its inbox (workos_event_inbox), written there by the environment's events feed and by
// signed webhooks.
type EventBatch struct {
	// Events are the events, oldest first; every dsync.* type may be passed.
	Events []workos.Event
	// Since skips events created before it (the setup pull already mirrored them); zero
	// keeps every event.
	Since time.Time
}

// needsPull reports whether the batch asks for a full pull: dsync.activated means the
// directory (re)started, and only a pull tells its whole state.
func (b *EventBatch) needsPull() bool {
	for _, e := range b.Events {
		if e.Type == workos.EventDirectoryActivated && !e.CreatedAt.Before(b.Since) {
			return true
		}
	}
	return false
}

// ApplyEvents applies a batch of Directory Sync events to the company synchronously as an
// EVENTS run and marks them applied in the company's inbox when it succeeds: dsync.user.created/updated/deleted and dsync.deleted change the mirror
// (never to an older state than it has: an event older than the mirrored updated_at is
// ignored), then the run plans and applies from the whole mirror through the same
// mapping, assignment and guard rules as a full sync, without pulling the directory;
// dsync.activated makes it a full pull. It returns the finished run; ErrRunInProgress
// with the active run when the company has one, ErrNotConnected without a directory.
func (s *Service) ApplyEvents(ctx context.Context, companyID string, b EventBatch) (*db.SyncRun, error) {
	return s.runNow(ctx, companyID, RunOptions{Trigger: db.TriggerEvents}, &b)
}

// eventsApplied marks the batch's events applied in the company's inbox once the run
// applied them: SUCCEEDED, or NEEDS_REVIEW (the mirror holds them and the held plan covers
// them). A failed run leaves them pending, to be applied again with later ones. Marking
// after the run's own commit means a crash in between applies them twice, which is
// harmless: the mirror never goes back to an older state (reduceEvents) and an unchanged
// user is not written.
func (r *runner) eventsApplied(ctx context.Context) {
	if r.run.Status == db.RunSucceeded || r.run.Status == db.RunNeedsReview {
		r.consumeBatch(ctx)
	}
}

// consumeBatch marks the run's batch applied in the company's inbox (with the run's id).
func (r *runner) consumeBatch(ctx context.Context) {
	if r.batch == nil || len(r.batch.Events) == 0 {
		return
	}
	ids := make([]string, 0, len(r.batch.Events))
	for _, e := range r.batch.Events {
		ids = append(ids, e.ID)
	}
	err := db.FinishInboxEvents(context.WithoutCancel(ctx), r.s.db, r.run.CompanyID, ids, db.InboxApplied, &r.run.ID, r.s.now())
	if err != nil {
		r.s.log.Warn("engine: mark inbox events applied (they will be applied again)", slog.String("run", r.run.ID), slog.Any("error", err))
	}
}

// eventUser is the part of a directory user event payload the engine reads.
type eventUser struct {
	ID          string  `json:"id"`
	DirectoryID string  `json:"directory_id"`
	IdpID       *string `json:"idp_id"`
	Email       *string `json:"email"`
	FirstName   *string `json:"first_name"`
	LastName    *string `json:"last_name"`
	State       string  `json:"state"`
	UpdatedAt   string  `json:"updated_at"`
}

// userChange is the latest accepted event of one directory user in a batch.
type userChange struct {
	at      time.Time
	deleted bool
	user    eventUser
	raw     json.RawMessage
}

// loadEvents applies the batch to the mirror in the pull staging table (as a pull would
// stage it) and loads every directory user of the mirror after the events for planning.
func (r *runner) loadEvents(ctx context.Context) error {
	if err := db.CreateSyncStages(ctx, r.conn); err != nil {
		return err
	}
	known, err := db.MirrorEntries(ctx, r.conn, r.run.CompanyID, r.connection.UserCount, r.existing.directoryUserID)
	if err != nil {
		return err
	}
	r.known = known
	changes, dirDeleted, err := r.reduceEvents(ctx)
	if err != nil {
		return err
	}
	var rows []db.PullRow
	for id, c := range changes {
		if c.deleted {
			if _, ok := known[id]; ok {
				r.gone = append(r.gone, id)
			}
			continue
		}
		sum := sha256.Sum256(c.raw)
		if e, ok := known[id]; ok && e.RawSHA256 == sum {
			continue
		}
		u := &c.user
		row := db.PullRow{ID: id, DirectoryID: *r.connection.DirectoryID, IdpID: u.IdpID, Email: lowerOpt(u.Email),
			FirstName: u.FirstName, LastName: u.LastName, State: mirrorState(u.State), Raw: c.raw, RawSHA256: sum[:]}
		if !c.at.IsZero() {
			at := c.at
			row.WorkOSUpdatedAt = &at
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		if err := db.CopyPullRows(ctx, r.conn, rows); err != nil {
			return err
		}
		r.staged = len(rows)
	}
	err = db.EachDirectoryUser(ctx, r.conn, r.run.CompanyID, 1000, func(batch []db.DirectoryUser) error {
		for i := range batch {
			d := &batch[i]
			if _, changed := changes[d.ID]; changed || dirDeleted {
				if dirDeleted {
					r.gone = append(r.gone, d.ID)
				}
				continue
			}
			if err := r.addPulled(d.ID, deref(d.IdpID), d.State, d.Raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(changes)) {
		if c := changes[id]; !c.deleted {
			if err := r.addPulled(id, deref(c.user.IdpID), c.user.State, c.raw); err != nil {
				return err
			}
		}
	}
	r.run.Fetched = len(r.users)
	r.progress(ctx, pullShare, true)
	return nil
}

// reduceEvents keeps, per directory user of the connection's directory, the latest event
// that is not older than the mirror; dirDeleted reports a dsync.deleted of the directory.
func (r *runner) reduceEvents(ctx context.Context) (map[string]*userChange, bool, error) {
	dirID := *r.connection.DirectoryID
	changes := map[string]*userChange{}
	var ids []string
	var order []*userChange
	dirDeleted := false
	for _, e := range r.batch.Events {
		if e.CreatedAt.Before(r.batch.Since) {
			continue
		}
		switch e.Type {
		case workos.EventDirectoryDeleted:
			var d struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(e.Data, &d); err != nil {
				return nil, false, fmt.Errorf("decode event %s: %w", e.ID, err)
			}
			if d.ID == dirID {
				dirDeleted = true
			}
		case workos.EventUserCreated, workos.EventUserUpdated, workos.EventUserDeleted:
			c, err := decodeUserEvent(e)
			if err != nil {
				return nil, false, err
			}
			if c.user.DirectoryID != "" && c.user.DirectoryID != dirID {
				continue
			}
			ids = append(ids, c.user.ID)
			order = append(order, c)
		}
	}
	if dirDeleted {
		return map[string]*userChange{}, true, nil
	}
	latest, err := db.MirrorUpdatedAt(ctx, r.conn, r.run.CompanyID, ids)
	if err != nil {
		return nil, false, err
	}
	for _, c := range order {
		if prev, ok := latest[c.user.ID]; ok && c.at.Before(prev) {
			continue // older than what the mirror (or an earlier event) has: never regress
		}
		latest[c.user.ID] = c.at
		changes[c.user.ID] = c
	}
	return changes, false, nil
}

// decodeUserEvent reads a dsync.user.* event; the mirror keeps the user object without
// the event's previous_attributes.
func decodeUserEvent(e workos.Event) (*userChange, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(e.Data, &fields); err != nil {
		return nil, fmt.Errorf("decode event %s: %w", e.ID, err)
	}
	c := &userChange{deleted: e.Type == workos.EventUserDeleted, at: e.CreatedAt, raw: e.Data}
	if _, ok := fields["previous_attributes"]; ok {
		delete(fields, "previous_attributes")
		raw, err := json.Marshal(fields)
		if err != nil {
			return nil, fmt.Errorf("encode event %s user: %w", e.ID, err)
		}
		c.raw = raw
	}
	if err := json.Unmarshal(c.raw, &c.user); err != nil || c.user.ID == "" {
		return nil, fmt.Errorf("decode event %s: not a directory user (%v)", e.ID, err)
	}
	if c.user.UpdatedAt != "" {
		t, err := time.Parse(time.RFC3339Nano, c.user.UpdatedAt)
		if err != nil {
			return nil, fmt.Errorf("decode event %s: updated_at: %w", e.ID, err)
		}
		c.at = t
	}
	return c, nil
}

// addPulled maps one directory user for planning.
func (r *runner) addPulled(id, idpID, state string, raw []byte) error {
	p, err := r.pulled(id, idpID, state, raw)
	if err != nil {
		return err
	}
	r.users = append(r.users, p)
	return nil
}

func lowerOpt(s *string) *string {
	if s == nil {
		return nil
	}
	return opt(strings.ToLower(strings.TrimSpace(*s)))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
