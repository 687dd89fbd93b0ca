package engine

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// pullShare is the part of a run's progress the pull covers.
const pullShare = 0.7

// pull reads every page of the directory and, unless the run only refreshes the mirror,
// maps each user for planning. Users whose JSON differs from the mirror (by SHA-256) go
// into the pull staging table (COPY per page); mirrored users no longer in the directory
// are collected in r.gone. It changes nothing visible: the staging table is private to the
// run's connection.
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
	seen := make(map[string]struct{}, expected)
	rows := make([]db.PullRow, 0, 100)
	_, err = r.s.dir.EachDirectoryUser(ctx, *r.connection.DirectoryID, func(page []workos.DirectoryUser) error {
		rows = rows[:0]
		for i := range page {
			u := &page[i]
			if _, dup := seen[u.ID]; dup {
				continue
			}
			seen[u.ID] = struct{}{}
			if r.mapper != nil {
				res, problems, err := r.mapper.MapJSON(u.Raw)
				if err != nil {
					return fmt.Errorf("map directory user %s: %w", u.ID, err)
				}
				r.users = append(r.users, pulled{id: u.ID, idpID: u.IdpID, active: mirrorState(u.State) == db.DirectoryUserActive, res: res, problems: problems})
			}
			sum := sha256.Sum256(u.Raw)
			if e, ok := known[u.ID]; ok && e.RawSHA256 == sum {
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
			rows = append(rows, row)
		}
		if len(rows) > 0 {
			if err := db.CopyPullRows(ctx, r.conn, rows); err != nil {
				return err
			}
			r.staged += len(rows)
		}
		r.run.Fetched += len(page)
		total := max(expected, r.run.Fetched+len(page))
		r.progress(ctx, pullShare*float64(r.run.Fetched)/float64(total), false)
		return nil
	})
	if err != nil {
		return fmt.Errorf("pull directory %s: %w", *r.connection.DirectoryID, err)
	}
	for id := range known {
		if _, ok := seen[id]; !ok {
			r.gone = append(r.gone, id)
		}
	}
	r.progress(ctx, pullShare, true)
	return nil
}

// mirrorState stores WorkOS's states as active or inactive ("suspended" is inactive).
func mirrorState(s string) string {
	if strings.EqualFold(s, db.DirectoryUserActive) {
		return db.DirectoryUserActive
	}
	return db.DirectoryUserInactive
}
