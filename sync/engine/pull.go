package engine

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// pullShare is the part of a run's progress the pull covers.
const pullShare = 0.7

// pullQueue is how many fetched pages may wait for the stager; fetching runs ahead of
// mapping and COPY by at most this much (about 200 KB a page).
const pullQueue = 8

// stageBatch is the most rows one staging COPY carries: large enough that a first import
// needs few statements, small enough that no COPY stays open for long.
const stageBatch = 2000

// idleBatch is the least rows the stager COPYs early, while no page is waiting (the
// fetch loop is waiting for the network or the rate limiter).
const idleBatch = 500

// errStagerStopped is returned to the fetch loop when the stager has already failed.
var errStagerStopped = errors.New("staging stopped")

// pull reads every page of the directory and, unless the run only refreshes the mirror,
// maps each user for planning. Fetching and staging overlap: the fetch loop hands pages
// to a stager goroutine that maps them, hashes them and COPYs users whose JSON differs
// from the mirror (by SHA-256) into the pull staging table; mirrored users no longer in
// the directory are collected in r.gone. It changes nothing visible: the staging table is
// private to the run's connection.
func (r *runner) pull(ctx context.Context) error {
	if err := db.CreateSyncStages(ctx, r.conn); err != nil {
		return err
	}
	known, err := db.MirrorEntries(ctx, r.conn, r.run.CompanyID)
	if err != nil {
		return err
	}
	r.known = known
	expected := r.connection.UserCount
	st := &stager{r: r, seen: make(map[string]struct{}, max(expected, len(known))), pages: make(chan []workos.DirectoryUser, pullQueue)}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.err = st.run(sctx)
	}()
	stats, err := r.s.dir.EachDirectoryUser(ctx, *r.connection.DirectoryID, func(page []workos.DirectoryUser) error {
		select {
		case st.pages <- page:
		case <-done:
			return errStagerStopped
		}
		r.run.Fetched += len(page)
		total := max(expected, r.run.Fetched+len(page))
		r.progress(ctx, pullShare*float64(r.run.Fetched)/float64(total), false)
		return nil
	})
	if err != nil {
		cancel()
	}
	close(st.pages)
	<-done
	r.phases = append(r.phases, slog.Int("pages", stats.Pages), slog.Int("retries", stats.Retries))
	if st.err != nil && (err == nil || errors.Is(err, errStagerStopped)) {
		err = st.err
	}
	if err != nil {
		return fmt.Errorf("pull directory %s: %w", *r.connection.DirectoryID, err)
	}
	for id := range known {
		if _, ok := st.seen[id]; !ok {
			r.gone = append(r.gone, id)
		}
	}
	r.progress(ctx, pullShare, true)
	return nil
}

// stager maps, hashes and stages fetched pages on its own goroutine; r.users and
// r.staged belong to it until it ends.
type stager struct {
	r     *runner
	seen  map[string]struct{}
	pages chan []workos.DirectoryUser
	rows  []db.PullRow
	err   error
}

// run stages pages until the channel closes. Rows are COPYed in batches of stageBatch, or
// of idleBatch when no page is waiting, so the database works while pages are fetched.
func (st *stager) run(ctx context.Context) error {
	st.rows = make([]db.PullRow, 0, stageBatch+100)
	for {
		var page []workos.DirectoryUser
		var ok bool
		if len(st.rows) < idleBatch {
			select {
			case page, ok = <-st.pages:
			case <-ctx.Done():
				return ctx.Err()
			}
		} else {
			select {
			case page, ok = <-st.pages:
			default:
				if err := st.flush(ctx); err != nil {
					return err
				}
				continue
			}
		}
		if !ok {
			return st.flush(ctx)
		}
		if err := st.stage(page); err != nil {
			return err
		}
		if len(st.rows) >= stageBatch {
			if err := st.flush(ctx); err != nil {
				return err
			}
		}
	}
}

// stage maps one page and queues its new or changed users.
func (st *stager) stage(page []workos.DirectoryUser) error {
	r := st.r
	for i := range page {
		u := &page[i]
		if _, dup := st.seen[u.ID]; dup {
			continue
		}
		st.seen[u.ID] = struct{}{}
		if r.mapper != nil {
			res, problems, err := r.mapper.MapJSON(u.Raw)
			if err != nil {
				return fmt.Errorf("map directory user %s: %w", u.ID, err)
			}
			r.users = append(r.users, pulled{id: u.ID, idpID: u.IdpID, active: mirrorState(u.State) == db.DirectoryUserActive, res: res, problems: problems})
		}
		sum := sha256.Sum256(u.Raw)
		if e, ok := r.known[u.ID]; ok && e.RawSHA256 == sum {
			continue
		}
		row := db.PullRow{
			ID: u.ID, DirectoryID: u.DirectoryID, IdpID: opt(u.IdpID), Email: opt(strings.ToLower(strings.TrimSpace(u.Email))),
			FirstName: opt(u.FirstName), LastName: opt(u.LastName), State: mirrorState(u.State), Raw: u.Raw,
			RawSHA256: sum[:],
		}
		if row.DirectoryID == "" {
			row.DirectoryID = *r.connection.DirectoryID
		}
		if !u.UpdatedAt.IsZero() {
			t := u.UpdatedAt
			row.WorkOSUpdatedAt = &t
		}
		st.rows = append(st.rows, row)
	}
	return nil
}

// flush COPYs the queued rows and empties the queue (dropping its references to pages).
func (st *stager) flush(ctx context.Context) error {
	if len(st.rows) == 0 {
		return nil
	}
	if err := db.CopyPullRows(ctx, st.r.conn, st.rows); err != nil {
		return err
	}
	st.r.staged += len(st.rows)
	clear(st.rows)
	st.rows = st.rows[:0]
	return nil
}

// mirrorState stores WorkOS's states as active or inactive ("suspended" is inactive).
func mirrorState(s string) string {
	if strings.EqualFold(s, db.DirectoryUserActive) {
		return db.DirectoryUserActive
	}
	return db.DirectoryUserInactive
}
