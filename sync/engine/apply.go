package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// commit applies the plan in one transaction (DESIGN.md §4.4): the mirror upsert (when
// mirror is set), the user upserts from the staging table, their role changes (each
// audited), the inactivations in one
// UPDATE, the run's final row, and older held runs marked SUPERSEDED. Unchanged users are not written. The staging tables are
// not analyzed: both upserts read them in one sequential scan, joining nothing.
func (r *runner) commit(ctx context.Context, p *plan, mirror bool, status string) error {
	if len(p.Upserts) > 0 {
		if err := db.CopyUserStage(ctx, r.conn, p.Upserts); err != nil {
			return err
		}
	}
	r.progress(ctx, 0.9, true)
	err := r.inTx(ctx, func(tx bun.Tx) error {
		now := r.s.now()
		if mirror {
			if _, err := db.UpsertMirror(ctx, tx, r.run.CompanyID, r.run.ID, r.cfg.AutoAssignNewUsers, r.gone, now); err != nil {
				return err
			}
			if err := r.writeGroups(ctx, tx); err != nil {
				return err
			}
			if r.life.firstPull { // the connected directory's first pull is done
				if err := db.ClearMirrorPending(ctx, tx, r.run.CompanyID); err != nil {
					return err
				}
			}
		}
		adminsBefore, err := db.CountActiveAdmins(ctx, tx, r.run.CompanyID)
		if err != nil {
			return err
		}
		roles := 0
		if len(p.Upserts) > 0 {
			if _, _, err := db.ApplyUserStage(ctx, tx, r.run.CompanyID, now); err != nil {
				return err
			}
			if slices.ContainsFunc(p.Upserts, func(u db.UserStageRow) bool { return u.Role != "" }) {
				if roles, err = db.ApplyStagedRoles(ctx, tx, r.run.CompanyID, r.run.ID, now); err != nil {
					return err
				}
			}
		}
		if _, err := db.DeactivateDirectoryUsers(ctx, tx, r.run.CompanyID, p.Deactivate, now); err != nil {
			return err
		}
		if (len(p.Deactivate) > 0 || roles > 0) && adminsBefore > 0 {
			after, err := db.CountActiveAdmins(ctx, tx, r.run.CompanyID)
			if err != nil {
				return err
			}
			if after == 0 {
				return errLastAdmin
			}
		}
		if _, err := db.SupersedeHeldRuns(ctx, tx, r.run); err != nil {
			return err
		}
		r.record(p, status)
		return r.finish(ctx, tx)
	})
	if err != nil {
		return err
	}
	err = r.s.record(ctx, "record connection result", func(ctx context.Context) error {
		return db.RecordConnectionResult(ctx, r.s.db, r.run.CompanyID, r.run.Fetched, nil, r.s.now())
	})
	if err != nil {
		return fmt.Errorf("record connection result: %w", err)
	}
	return nil
}

// inTx runs fn in a transaction on the run's connection.
func (r *runner) inTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		r.status = db.RunRunning
		return err
	}
	if err := tx.Commit(); err != nil {
		r.status = db.RunRunning
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
