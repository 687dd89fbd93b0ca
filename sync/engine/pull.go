package engine

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
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

// idleBatch is the least rows the stager hands to an idle copier before stageBatch.
const idleBatch = 500

// usersPerPage is the size of a WorkOS page of directory users.
const usersPerPage = 100

// errStagerStopped is returned to the fetch loop when the stager has already failed.
var errStagerStopped = errors.New("staging stopped")

// pull reads every page of the directory and, unless the run only refreshes the mirror,
// maps each user for planning. Fetching, mapping and staging overlap: the fetch loop hands
// pages to a stager, which maps and hashes them on one goroutine and COPYs the users whose
// JSON differs from the mirror (by SHA-256) into the pull staging table on another, in
// batches; a failure of any part ends the pull with an error. Mirrored users no longer in
// the directory are collected in r.gone. It changes nothing visible: the staging table is
// private to the run's connection.
func (r *runner) pull(ctx context.Context) error {
	if err := db.CreateSyncStages(ctx, r.conn); err != nil {
		return err
	}
	known, err := db.MirrorEntries(ctx, r.conn, r.run.CompanyID, r.connection.UserCount, r.existing.directoryUserID)
	if err != nil {
		return err
	}
	r.known = known
	r.groups = &pulledGroups{}
	expected := r.connection.UserCount
	if r.mapper != nil {
		r.users = make([]pulled, 0, max(expected, len(known))+usersPerPage)
	}
	st := newStager(r, max(expected, len(known)))
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	var stageErr error
	go func() {
		defer close(done)
		stageErr = st.run(sctx)
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
	if stageErr != nil && (err == nil || errors.Is(err, errStagerStopped)) {
		err = stageErr
	}
	if errors.Is(err, workos.ErrNotFound) {
		return r.directoryGone(ctx)
	}
	if err != nil {
		return &readingError{what: "the directory's users", err: fmt.Errorf("pull directory %s: %w", *r.connection.DirectoryID, err)}
	}
	for id := range known {
		if _, ok := st.seen[id]; !ok {
			r.gone = append(r.gone, id)
		}
	}
	if err := r.pullGroups(ctx); err != nil {
		return err
	}
	r.progress(ctx, pullShare, true)
	return nil
}

// stager maps and hashes fetched pages on one goroutine and COPYs the new or changed users
// on another, so mapping, COPY and fetching overlap. r.users belongs to the mapper and
// r.staged to the copier until run returns.
type stager struct {
	r       *runner
	seen    map[string]struct{}
	pages   chan []workos.DirectoryUser
	batches chan []db.PullRow // to the copier; unbuffered, so a send means it is idle
	free    chan []db.PullRow // emptied batches, back to the mapper
	rows    []db.PullRow      // the batch being filled
	values  map[string]string // interned mapped values that repeat across users
}

// internValues makes equal job titles, departments, divisions, offices and tags share one
// string, so that the mapped users held for planning stay small.
func (st *stager) internValues(res *mapping.Result) {
	intern := func(v string) string {
		if v == "" {
			return v
		}
		if s, ok := st.values[v]; ok {
			return s
		}
		st.values[v] = v
		return v
	}
	res.JobTitle, res.Department, res.Division, res.Office = intern(res.JobTitle), intern(res.Department), intern(res.Division), intern(res.Office)
	for i, t := range res.Tags {
		res.Tags[i] = intern(t)
	}
}

func newStager(r *runner, users int) *stager {
	return &stager{
		r: r, seen: make(map[string]struct{}, users), pages: make(chan []workos.DirectoryUser, pullQueue),
		batches: make(chan []db.PullRow), free: make(chan []db.PullRow, 2), values: make(map[string]string),
	}
}

// run stages pages until the pages channel closes or an error. The copier gets a batch when
// it holds stageBatch rows, or idleBatch rows while the copier is idle, and the rest at the end.
func (st *stager) run(ctx context.Context) error {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	copied := make(chan struct{})
	var copyErr error
	go func() {
		defer close(copied)
		copyErr = st.copyLoop(cctx)
	}()
	err := st.mapLoop(ctx, copied)
	if err != nil {
		cancel()
	}
	close(st.batches)
	<-copied
	if copyErr != nil && (err == nil || errors.Is(err, errStagerStopped)) {
		return copyErr
	}
	return err
}

// mapLoop maps pages into batches for the copier.
func (st *stager) mapLoop(ctx context.Context, copied <-chan struct{}) error {
	st.rows = st.buffer()
	for {
		var page []workos.DirectoryUser
		var ok bool
		if len(st.rows) >= idleBatch {
			select {
			case page, ok = <-st.pages:
			case st.batches <- st.rows:
				st.rows = st.buffer()
				continue
			case <-copied:
				return errStagerStopped
			}
		} else {
			select {
			case page, ok = <-st.pages:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if !ok {
			return st.send(ctx, copied)
		}
		if err := st.stage(page); err != nil {
			return err
		}
		if len(st.rows) >= stageBatch {
			if err := st.send(ctx, copied); err != nil {
				return err
			}
		}
	}
}

// send hands the current batch to the copier, waiting for it.
func (st *stager) send(ctx context.Context, copied <-chan struct{}) error {
	if len(st.rows) == 0 {
		return nil
	}
	select {
	case st.batches <- st.rows:
		st.rows = st.buffer()
		return nil
	case <-copied:
		return errStagerStopped
	case <-ctx.Done():
		return ctx.Err()
	}
}

// buffer returns an empty batch, reusing one the copier is done with when it can.
func (st *stager) buffer() []db.PullRow {
	select {
	case b := <-st.free:
		return b
	default:
		return make([]db.PullRow, 0, stageBatch+usersPerPage)
	}
}

// copyLoop COPYs batches into the pull staging table until the batches channel closes.
func (st *stager) copyLoop(ctx context.Context) error {
	for b := range st.batches {
		if err := db.CopyPullRows(ctx, st.r.conn, b); err != nil {
			return err
		}
		st.r.staged += len(b)
		clear(b) // drop the references to the pages' bodies
		select {
		case st.free <- b[:0]:
		default:
		}
	}
	return nil
}

// stage maps one page and queues its new or changed users.
func (st *stager) stage(page []workos.DirectoryUser) error {
	r := st.r
	for i := range page {
		u := &page[i]
		if _, dup := st.seen[u.ID]; dup {
			continue
		}
		id := u.ID
		// The deprecated groups array: memberships come from the groups API (or from it
		// while WorkOS still fills it), and without it a pull and an event hash the same.
		raw, groupIDs, _, err := workos.StripGroups(u.Raw)
		if err != nil {
			return fmt.Errorf("directory user %s: %w", u.ID, err)
		}
		u.Raw = raw
		if r.mapper != nil {
			p, err := r.pulled(u.ID, u.IdpID, u.State, u.Raw)
			if err != nil {
				return err
			}
			if p.m != nil {
				st.internValues(&p.m.res)
			}
			r.users = append(r.users, p)
			id = p.id // shared with the linked user's copy when there is one
		}
		st.seen[id] = struct{}{}
		r.groups.noteUserGroups(id, groupIDs)
		sum := sha256.Sum256(u.Raw)
		if e, ok := r.known[u.ID]; ok && e.RawSHA256 == sum {
			continue
		}
		row := db.PullRow{
			ID: u.ID, DirectoryID: u.DirectoryID, IdpID: opt(u.IdpID), Email: opt(strings.ToLower(strings.TrimSpace(u.Email))),
			FirstName: opt(u.FirstName), LastName: opt(u.LastName), State: mirrorState(u.State),
			// A copy: a sub-slice would keep the whole page body alive until the batch is
			// copied, and on a re-sync a batch gathers a few users from each of many pages.
			Raw:       bytes.Clone(u.Raw),
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

// mirrorState stores WorkOS's states as active or inactive ("suspended" is inactive).
func mirrorState(s string) string {
	if strings.EqualFold(s, db.DirectoryUserActive) {
		return db.DirectoryUserActive
	}
	return db.DirectoryUserInactive
}
