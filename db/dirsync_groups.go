package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

// Staging tables of a group mirror write; they live until the transaction ends.
const (
	groupStage  = "dirsync_group_stage"
	memberStage = "dirsync_member_stage"
)

// GroupRow is one pulled directory group.
type GroupRow struct {
	ID              string     `bun:"id"`
	DirectoryID     string     `bun:"directory_id"`
	IdpID           string     `bun:"idp_id"`
	Name            string     `bun:"name"`
	WorkOSUpdatedAt *time.Time `bun:"-"`
}

// MemberRow is one pulled membership: directory user UserID is in group GroupID.
type MemberRow struct {
	GroupID string `bun:"group_id"`
	UserID  string `bun:"user_id"`
}

// GroupMirrorStats counts what ReplaceGroupMirror wrote.
type GroupMirrorStats struct {
	GroupsUpserted, GroupsDeleted, MembersAdded, MembersRemoved int
}

// ReplaceGroupMirror makes the company's mirrored groups and memberships exactly groups
// and members, writing only what differs: renamed or new groups, departed groups (their
// memberships go with them), and added or removed memberships. tx must be a transaction
// on conn (the staging COPY runs on conn, inside it).
func ReplaceGroupMirror(ctx context.Context, conn bun.Conn, tx bun.Tx, companyID string, groups []GroupRow, members []MemberRow, now time.Time) (GroupMirrorStats, error) {
	var st GroupMirrorStats
	_, err := tx.ExecContext(ctx, `
CREATE TEMP TABLE `+groupStage+` (id text NOT NULL, directory_id text NOT NULL, idp_id text, name text NOT NULL,
    workos_updated_at timestamptz) ON COMMIT DROP;
CREATE TEMP TABLE `+memberStage+` (group_id text NOT NULL, user_id text NOT NULL) ON COMMIT DROP`)
	if err != nil {
		return st, fmt.Errorf("create group staging tables: %w", mapError(err))
	}
	src := pgx.CopyFromSlice(len(groups), func(i int) ([]any, error) {
		g := &groups[i]
		return []any{g.ID, g.DirectoryID, null(StorableText(g.IdpID)), StorableText(g.Name), g.WorkOSUpdatedAt}, nil
	})
	if err := copyFrom(ctx, conn, groupStage, []string{"id", "directory_id", "idp_id", "name", "workos_updated_at"}, src); err != nil {
		return st, err
	}
	msrc := pgx.CopyFromSlice(len(members), func(i int) ([]any, error) { return []any{members[i].GroupID, members[i].UserID}, nil })
	if err := copyFrom(ctx, conn, memberStage, []string{"group_id", "user_id"}, msrc); err != nil {
		return st, err
	}
	err = tx.QueryRowContext(ctx, `
WITH up AS (
    INSERT INTO directory_groups AS g (company_id, id, directory_id, idp_id, name, workos_updated_at, created_at, updated_at)
    SELECT DISTINCT ON (s.id) ?0, s.id, s.directory_id, s.idp_id, s.name, s.workos_updated_at, ?1, ?1 FROM `+groupStage+` s
    ON CONFLICT (company_id, id) DO UPDATE SET directory_id = EXCLUDED.directory_id, idp_id = EXCLUDED.idp_id,
        name = EXCLUDED.name, workos_updated_at = EXCLUDED.workos_updated_at, updated_at = EXCLUDED.updated_at
    WHERE (g.directory_id, g.idp_id, g.name) IS DISTINCT FROM (EXCLUDED.directory_id, EXCLUDED.idp_id, EXCLUDED.name)
    RETURNING 1
), del AS (
    DELETE FROM directory_groups g WHERE g.company_id = ?0
        AND NOT EXISTS (SELECT 1 FROM `+groupStage+` s WHERE s.id = g.id)
    RETURNING 1
)
SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM del)`, companyID, now).Scan(&st.GroupsUpserted, &st.GroupsDeleted)
	if err != nil {
		return st, fmt.Errorf("upsert directory groups: %w", mapError(err))
	}
	err = tx.QueryRowContext(ctx, `
WITH del AS (
    DELETE FROM directory_group_members m WHERE m.company_id = ?0
        AND NOT EXISTS (SELECT 1 FROM `+memberStage+` s WHERE s.group_id = m.group_id AND s.user_id = m.user_id)
    RETURNING 1
), ins AS (
    INSERT INTO directory_group_members (company_id, group_id, user_id)
    SELECT DISTINCT ?0::uuid, s.group_id, s.user_id FROM `+memberStage+` s
    WHERE EXISTS (SELECT 1 FROM `+groupStage+` g WHERE g.id = s.group_id)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM del)`, companyID).Scan(&st.MembersAdded, &st.MembersRemoved)
	if err != nil {
		return st, fmt.Errorf("replace directory group members: %w", mapError(err))
	}
	return st, nil
}

// GroupMirror reads the company's mirrored groups and memberships.
func GroupMirror(ctx context.Context, idb bun.IDB, companyID string) ([]GroupRow, []MemberRow, error) {
	var groups []GroupRow
	if err := idb.NewRaw("SELECT id, directory_id, coalesce(idp_id, '') AS idp_id, name FROM directory_groups WHERE company_id = ?",
		companyID).Scan(ctx, &groups); err != nil {
		return nil, nil, fmt.Errorf("load directory groups: %w", mapError(err))
	}
	var members []MemberRow
	if err := idb.NewRaw("SELECT group_id, user_id FROM directory_group_members WHERE company_id = ?",
		companyID).Scan(ctx, &members); err != nil {
		return nil, nil, fmt.Errorf("load directory group members: %w", mapError(err))
	}
	return groups, members, nil
}

// GroupMirrorChange is a change to the company's group mirror: what a batch of events did.
type GroupMirrorChange struct {
	// Upsert are new groups and groups whose directory, idp id or name changed.
	Upsert []GroupRow
	// Delete are the ids of departed groups; their memberships go with them.
	Delete []string
	// Add and Remove are memberships that began or ended.
	Add, Remove []MemberRow
}

// ChangeGroupMirror writes a change to the company's mirrored groups and memberships,
// touching only the rows it names (ReplaceGroupMirror compares the whole mirror): it
// removes memberships, deletes groups, upserts groups, then adds memberships (of groups
// that exist).
func ChangeGroupMirror(ctx context.Context, idb bun.IDB, companyID string, c GroupMirrorChange, now time.Time) (GroupMirrorStats, error) {
	var st GroupMirrorStats
	column := func(rows []MemberRow, group bool) any {
		out := make([]string, len(rows))
		for i, m := range rows {
			out[i] = m.UserID
			if group {
				out[i] = m.GroupID
			}
		}
		return pgArray(out)
	}
	if len(c.Remove) > 0 {
		res, err := idb.NewRaw(`
DELETE FROM directory_group_members m USING unnest(?::text[], ?::text[]) AS r (group_id, user_id)
WHERE m.company_id = ? AND m.group_id = r.group_id AND m.user_id = r.user_id`,
			column(c.Remove, true), column(c.Remove, false), companyID).Exec(ctx)
		if err != nil {
			return st, fmt.Errorf("remove directory group members: %w", mapError(err))
		}
		st.MembersRemoved = rowsAffected(res)
	}
	if len(c.Delete) > 0 {
		res, err := idb.NewRaw(`DELETE FROM directory_groups WHERE company_id = ? AND id = ANY(?::text[])`, companyID, pgArray(c.Delete)).Exec(ctx)
		if err != nil {
			return st, fmt.Errorf("delete directory groups: %w", mapError(err))
		}
		st.GroupsDeleted = rowsAffected(res)
	}
	if len(c.Upsert) > 0 {
		ids, dirs, idps, names := make([]string, len(c.Upsert)), make([]string, len(c.Upsert)), make([]*string, len(c.Upsert)), make([]string, len(c.Upsert))
		updated := make([]*time.Time, len(c.Upsert))
		for i, g := range c.Upsert {
			ids[i], dirs[i], names[i], updated[i] = g.ID, g.DirectoryID, StorableText(g.Name), g.WorkOSUpdatedAt
			if idp := StorableText(g.IdpID); idp != "" {
				idps[i] = &idp
			}
		}
		res, err := idb.NewRaw(`
INSERT INTO directory_groups AS g (company_id, id, directory_id, idp_id, name, workos_updated_at, created_at, updated_at)
SELECT DISTINCT ON (s.id) ?, s.id, s.directory_id, s.idp_id, s.name, s.workos_updated_at, ?, ?
FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS s (id, directory_id, idp_id, name, workos_updated_at)
ON CONFLICT (company_id, id) DO UPDATE SET directory_id = EXCLUDED.directory_id, idp_id = EXCLUDED.idp_id,
    name = EXCLUDED.name, workos_updated_at = EXCLUDED.workos_updated_at, updated_at = EXCLUDED.updated_at
WHERE (g.directory_id, g.idp_id, g.name) IS DISTINCT FROM (EXCLUDED.directory_id, EXCLUDED.idp_id, EXCLUDED.name)`,
			companyID, now, now, pgArray(ids), pgArray(dirs), pgArray(idps), pgArray(names), pgArray(updated)).Exec(ctx)
		if err != nil {
			return st, fmt.Errorf("upsert directory groups: %w", mapError(err))
		}
		st.GroupsUpserted = rowsAffected(res)
	}
	if len(c.Add) > 0 {
		res, err := idb.NewRaw(`
INSERT INTO directory_group_members (company_id, group_id, user_id)
SELECT DISTINCT ?::uuid, a.group_id, a.user_id FROM unnest(?::text[], ?::text[]) AS a (group_id, user_id)
WHERE EXISTS (SELECT 1 FROM directory_groups g WHERE g.company_id = ? AND g.id = a.group_id)
ON CONFLICT DO NOTHING`, companyID, column(c.Add, true), column(c.Add, false), companyID).Exec(ctx)
		if err != nil {
			return st, fmt.Errorf("add directory group members: %w", mapError(err))
		}
		st.MembersAdded = rowsAffected(res)
	}
	return st, nil
}

// rowsAffected is the number of rows a statement changed.
func rowsAffected(res sql.Result) int {
	n, _ := res.RowsAffected()
	return int(n)
}
