package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// The sync engine stages pulled directory users and planned user rows in session
// temporary tables on one reserved connection (COPY), then applies them with set-based
// statements in one transaction. Temporary tables are private to the session, so a pull
// that fails half-way changes nothing anyone can see.
const (
	pullStage = "dirsync_pull"
	userStage = "dirsync_user_stage"
)

// PullRow is one pulled directory user as staged for the mirror upsert.
type PullRow struct {
	ID, DirectoryID                   string
	IdpID, Email, FirstName, LastName *string
	State                             string
	Raw                               []byte
	RawSHA256                         []byte
	WorkOSUpdatedAt                   *time.Time
}

// UserStageRow is the desired state of one user to create (UserID "") or update: the
// row becomes ACTIVE, source DIRECTORY, linked to DirectoryUserID, with these fields ("" is
// NULL). Plain strings: a first import holds one row per user until it is applied.
type UserStageRow struct {
	UserID, Email, DirectoryUserID, IdpID, FirstName, LastName string
	JobTitle, Department, Division, OfficeID                   string
	// Tags are the user's tags and TagFields the tag field of each (as long as Tags).
	Tags, TagFields []string
	// Role is the role ApplyStagedRoles gives the user; "" keeps it (MEMBER for a new user).
	Role string
}

// CreateSyncStages creates (or empties) the staging tables on conn.
func CreateSyncStages(ctx context.Context, conn bun.Conn) error {
	_, err := conn.ExecContext(ctx, `
CREATE TEMP TABLE IF NOT EXISTS `+pullStage+` (
    id text NOT NULL, directory_id text NOT NULL, idp_id text, email text, first_name text,
    last_name text, state text NOT NULL, raw json NOT NULL, raw_sha256 bytea NOT NULL,
    workos_updated_at timestamptz, search_words tsvector NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS `+userStage+` (
    user_id uuid, email text NOT NULL, directory_user_id text NOT NULL, idp_id text,
    first_name text, last_name text, job_title text, department text, division text,
    office_id uuid, tags text[] NOT NULL, tag_fields text[] NOT NULL, role text);
TRUNCATE `+pullStage+`, `+userStage)
	if err != nil {
		return fmt.Errorf("create sync staging tables: %w", mapError(err))
	}
	return nil
}

// DropSyncStages drops the staging tables so the connection goes back to the pool clean.
func DropSyncStages(ctx context.Context, conn bun.Conn) error {
	if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+pullStage+", "+userStage); err != nil {
		return fmt.Errorf("drop sync staging tables: %w", mapError(err))
	}
	return nil
}

// CopyPullRows appends rows to the pull staging table with COPY. NULs are dropped from the
// text columns (see StorableText); raw keeps them, escaped as JSON allows.
func CopyPullRows(ctx context.Context, conn bun.Conn, rows []PullRow) error {
	src := pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		r := &rows[i]
		idp, email, first, last := storableOpt(r.IdpID), storableOpt(r.Email), storableOpt(r.FirstName), storableOpt(r.LastName)
		words := searchWords(first, last, email)
		return []any{r.ID, r.DirectoryID, idp, email, first, last, r.State, r.Raw, r.RawSHA256, r.WorkOSUpdatedAt, words}, nil
	})
	cols := []string{"id", "directory_id", "idp_id", "email", "first_name", "last_name", "state", "raw", "raw_sha256", "workos_updated_at", "search_words"}
	return copyFrom(ctx, conn, pullStage, cols, src)
}

// CopyUserStage appends rows to the user staging table with COPY.
func CopyUserStage(ctx context.Context, conn bun.Conn, rows []UserStageRow) error {
	src := pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		r := &rows[i]
		tags, fields := r.Tags, r.TagFields
		if tags == nil {
			tags = []string{}
		}
		if fields == nil {
			fields = []string{}
		}
		return []any{null(r.UserID), r.Email, r.DirectoryUserID, null(r.IdpID), null(r.FirstName), null(r.LastName),
			null(r.JobTitle), null(r.Department), null(r.Division), null(r.OfficeID), tags, fields, null(r.Role)}, nil
	})
	cols := []string{"user_id", "email", "directory_user_id", "idp_id", "first_name", "last_name", "job_title",
		"department", "division", "office_id", "tags", "tag_fields", "role"}
	return copyFrom(ctx, conn, userStage, cols, src)
}

// StorableText drops the NUL characters of s: PostgreSQL text and jsonb cannot hold them,
// and one such value from a directory would fail a whole sync.
func StorableText(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// storableOpt is StorableText for an optional value.
func storableOpt(s *string) *string {
	if s == nil || strings.IndexByte(*s, 0) < 0 {
		return s
	}
	v := StorableText(*s)
	return &v
}

// null is nil for "" (SQL NULL) and s otherwise.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func copyFrom(ctx context.Context, conn bun.Conn, table string, cols []string, src pgx.CopyFromSource) error {
	err := conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("connection is %T, not pgx", driverConn)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		return err
	})
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, mapError(err))
	}
	return nil
}

// MirrorStats counts what UpsertMirror wrote.
type MirrorStats struct {
	Inserted, Updated, Deleted int
}

// UpsertMirror writes the pull staging table into the company's mirror: new directory
// users are inserted with assigned = autoAssign, changed ones updated (the assignment is
// kept), unchanged ones not written; the directory users in gone are deleted.
func UpsertMirror(ctx context.Context, idb bun.IDB, companyID, runID string, autoAssign bool, gone []string, now time.Time) (MirrorStats, error) {
	var st MirrorStats
	err := idb.QueryRowContext(ctx, `
WITH up AS (
    INSERT INTO directory_users AS d (company_id, id, directory_id, idp_id, email, first_name, last_name,
        state, raw, raw_sha256, assigned, workos_updated_at, last_changed_run, created_at, updated_at, search_words)
    SELECT ?, p.id, p.directory_id, p.idp_id, p.email, p.first_name, p.last_name, p.state, p.raw,
        p.raw_sha256, ?, p.workos_updated_at, ?, ?, ?, p.search_words
    FROM `+pullStage+` p
    ON CONFLICT (company_id, id) DO UPDATE SET
        directory_id = EXCLUDED.directory_id, idp_id = EXCLUDED.idp_id, email = EXCLUDED.email,
        first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, state = EXCLUDED.state,
        raw = EXCLUDED.raw, raw_sha256 = EXCLUDED.raw_sha256, workos_updated_at = EXCLUDED.workos_updated_at,
        last_changed_run = EXCLUDED.last_changed_run, updated_at = EXCLUDED.updated_at,
        search_words = EXCLUDED.search_words
    WHERE (d.directory_id, d.raw_sha256) IS DISTINCT FROM (EXCLUDED.directory_id, EXCLUDED.raw_sha256)
    RETURNING xmax = 0 AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up`,
		companyID, autoAssign, runID, now, now).Scan(&st.Inserted, &st.Updated)
	if err != nil {
		return st, fmt.Errorf("upsert directory users: %w", mapError(err))
	}
	if len(gone) == 0 {
		return st, nil
	}
	res, err := idb.ExecContext(ctx, `DELETE FROM directory_users WHERE company_id = ? AND id = ANY(?::text[])`,
		companyID, pgArray(gone))
	if err != nil {
		return st, fmt.Errorf("delete departed directory users: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	st.Deleted = int(n)
	return st, nil
}

// MirrorEntry is what a pull needs to know about a mirrored directory user.
type MirrorEntry struct {
	RawSHA256 [32]byte
	Assigned  bool
}

// MirrorEntries returns the digest and assignment of every directory user of the company,
// in a map sized for sizeHint entries. idOf turns each id into the map's key, so that a
// caller already holding the ids can share its strings (nil: a copy of each).
func MirrorEntries(ctx context.Context, idb bun.IDB, companyID string, sizeHint int, idOf func([]byte) string) (map[string]MirrorEntry, error) {
	rows, err := idb.QueryContext(ctx, "SELECT id, raw_sha256, assigned FROM directory_users WHERE company_id = ?", companyID)
	if err != nil {
		return nil, fmt.Errorf("load mirror digests: %w", mapError(err))
	}
	defer rows.Close()
	if idOf == nil {
		idOf = func(b []byte) string { return string(b) }
	}
	out := make(map[string]MirrorEntry, sizeHint)
	var id, sum sql.RawBytes
	for rows.Next() {
		var e MirrorEntry
		if err := rows.Scan(&id, &sum, &e.Assigned); err != nil {
			return nil, fmt.Errorf("load mirror digests: %w", err)
		}
		copy(e.RawSHA256[:], sum)
		out[idOf(id)] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load mirror digests: %w", err)
	}
	return out, nil
}

// ApplyUserStage creates and updates the company's users from the user staging table in
// one statement: rows without a user id are plainly inserted (a fresh id cannot conflict,
// so they skip the upsert's per-row conflict check), the others upserted by id. Rows
// whose values already match are not written (IS DISTINCT FROM), so last_synced_at only
// moves when a row changes. Role is never touched (see ApplyStagedRoles). A written idp id is stamped with the
// connection's provider type (users.idp_provider), which scopes matching by idp id.
func ApplyUserStage(ctx context.Context, idb bun.IDB, companyID string, now time.Time) (inserted, updated int, err error) {
	err = idb.QueryRowContext(ctx, `
WITH prov AS (
    SELECT provider FROM directory_connections WHERE company_id = ?0
), ins AS (
    INSERT INTO users (id, company_id, email, role, status, source, directory_user_id, idp_id, idp_provider,
        first_name, last_name, job_title, department, division, office_id, tags, tag_fields, last_synced_at,
        deactivated_at, created_at, updated_at)
    SELECT gen_random_uuid(), ?0, s.email, 'MEMBER', 'ACTIVE', 'DIRECTORY',
        s.directory_user_id, s.idp_id, CASE WHEN s.idp_id IS NOT NULL THEN (SELECT provider FROM prov) END,
        s.first_name, s.last_name, s.job_title, s.department, s.division,
        s.office_id, s.tags, s.tag_fields, ?1, NULL, ?1, ?1
    FROM `+userStage+` s WHERE s.user_id IS NULL
    RETURNING 1
), up AS (
    INSERT INTO users AS u (id, company_id, email, role, status, source, directory_user_id, idp_id, idp_provider,
        first_name, last_name, job_title, department, division, office_id, tags, tag_fields, last_synced_at,
        deactivated_at, created_at, updated_at)
    SELECT s.user_id, ?0, s.email, 'MEMBER', 'ACTIVE', 'DIRECTORY',
        s.directory_user_id, s.idp_id, CASE WHEN s.idp_id IS NOT NULL THEN (SELECT provider FROM prov) END,
        s.first_name, s.last_name, s.job_title, s.department, s.division,
        s.office_id, s.tags, s.tag_fields, ?1, NULL, ?1, ?1
    FROM `+userStage+` s WHERE s.user_id IS NOT NULL
    ON CONFLICT (id) DO UPDATE SET
        email = EXCLUDED.email, status = EXCLUDED.status, source = EXCLUDED.source,
        directory_user_id = EXCLUDED.directory_user_id, idp_id = EXCLUDED.idp_id, idp_provider = EXCLUDED.idp_provider,
        first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, job_title = EXCLUDED.job_title,
        department = EXCLUDED.department, division = EXCLUDED.division, office_id = EXCLUDED.office_id,
        tags = EXCLUDED.tags, tag_fields = EXCLUDED.tag_fields, last_synced_at = EXCLUDED.last_synced_at, deactivated_at = NULL,
        updated_at = EXCLUDED.updated_at
    WHERE u.company_id = EXCLUDED.company_id AND
        (u.email, u.status, u.source, u.directory_user_id, u.idp_id, u.idp_provider, u.first_name, u.last_name,
         u.job_title, u.department, u.division, u.office_id, u.tags, u.tag_fields, u.deactivated_at)
        IS DISTINCT FROM
        (EXCLUDED.email, EXCLUDED.status, EXCLUDED.source, EXCLUDED.directory_user_id, EXCLUDED.idp_id, EXCLUDED.idp_provider,
         EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.job_title, EXCLUDED.department,
         EXCLUDED.division, EXCLUDED.office_id, EXCLUDED.tags, EXCLUDED.tag_fields, NULL::timestamptz)
    RETURNING xmax = 0 AS inserted
)
SELECT (SELECT count(*) FROM ins) + count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up`,
		companyID, now).Scan(&inserted, &updated)
	if err != nil {
		return 0, 0, fmt.Errorf("apply user changes: %w", mapError(err))
	}
	return inserted, updated, nil
}

// ApplyStagedRoles gives the company's users the roles of the user staging table's rows
// that have one, after ApplyUserStage (rows are matched by their email, so that users it
// created are found too), and records an AuditRoleChanged event for each user whose role
// changed, with runID and the old role (null for a user the run created). It returns how
// many changed.
func ApplyStagedRoles(ctx context.Context, idb bun.IDB, companyID, runID string, now time.Time) (int, error) {
	var n int
	err := idb.QueryRowContext(ctx, `
WITH ch AS (
    UPDATE users u SET role = s.role, updated_at = ?3
    FROM `+userStage+` s
    WHERE s.role IS NOT NULL AND u.company_id = ?0 AND u.email = s.email AND u.role <> s.role
    RETURNING u.id, u.email, u.role, s.user_id IS NULL AS created
), audit AS (
    INSERT INTO audit_events (company_id, actor_user_id, action, details, created_at)
    SELECT ?0, NULL, ?1, jsonb_build_object('runId', ?2::text, 'userId', ch.id, 'email', ch.email,
        'from', CASE WHEN ch.created THEN NULL WHEN ch.role = ?4 THEN ?5 ELSE ?4 END, 'to', ch.role), ?3
    FROM ch
    RETURNING 1
)
SELECT count(*) FROM audit`, companyID, AuditRoleChanged, runID, now, RoleCompanyAdmin, RoleMember).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("apply user roles: %w", mapError(err))
	}
	return n, nil
}

// DeactivateDirectoryUsers inactivates the company's active DIRECTORY users with the given
// ids in one statement and returns how many changed.
func DeactivateDirectoryUsers(ctx context.Context, idb bun.IDB, companyID string, ids []string, now time.Time) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	res, err := idb.ExecContext(ctx, `
UPDATE users SET status = 'INACTIVE', deactivated_at = ?, last_synced_at = ?, updated_at = ?
WHERE company_id = ? AND id = ANY(?::uuid[]) AND status = 'ACTIVE' AND source = 'DIRECTORY'`,
		now, now, now, companyID, pgArray(ids))
	if err != nil {
		return 0, fmt.Errorf("inactivate users: %w", mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// CountActiveAdmins counts the company's active company administrators.
func CountActiveAdmins(ctx context.Context, idb bun.IDB, companyID string) (int, error) {
	n, err := idb.NewSelect().Model((*User)(nil)).
		Where("company_id = ? AND role = ? AND status = ?", companyID, RoleCompanyAdmin, StatusActive).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count active admins: %w", mapError(err))
	}
	return int(n), nil
}

// CountCompanyUsers counts the company's users of every status and source.
func CountCompanyUsers(ctx context.Context, idb bun.IDB, companyID string) (int, error) {
	n, err := idb.NewSelect().Model((*User)(nil)).Where("company_id = ?", companyID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count users: %w", mapError(err))
	}
	return int(n), nil
}

// internString returns the copy of s held in interned, adding s when there is none.
func internString(interned map[string]string, s string) string {
	if v, ok := interned[s]; ok {
		return v
	}
	interned[s] = s
	return s
}

// SyncUser is the part of a user the sync planner compares. A 100k-user company holds
// 100k of them during a run, so it is kept small: the id as 16 bytes, and role, status and
// source as the three facts planning asks of them.
type SyncUser struct {
	ID                                                 uuid.UUID
	Email, DirectoryUserID, IdpID, FirstName, LastName string
	JobTitle, Department, Division, OfficeID           string
	Tags, TagFields                                    []string // TagFields as long as Tags, or empty
	Admin, Active, FromDirectory                       bool     // role COMPANY_ADMIN, status ACTIVE, source DIRECTORY
}

// EachSyncUser streams the company's users to fn (fn may keep the value, not the pointer).
// IdpID is empty unless the idp id came from a directory of the connection's provider type,
// so that an idp id never matches across provider types (a replaced directory of another
// type matches its people by email).
func EachSyncUser(ctx context.Context, idb bun.IDB, companyID string, fn func(*SyncUser)) error {
	rows, err := idb.QueryContext(ctx, `
SELECT u.id, u.email, u.role = ?, u.status = ?, u.source = ?, coalesce(u.directory_user_id, ''),
    CASE WHEN u.idp_provider IS NOT DISTINCT FROM c.provider THEN coalesce(u.idp_id, '') ELSE '' END,
    coalesce(u.first_name, ''), coalesce(u.last_name, ''), coalesce(u.job_title, ''), coalesce(u.department, ''),
    coalesce(u.division, ''), coalesce(u.office_id::text, ''), u.tags, u.tag_fields
FROM users u LEFT JOIN directory_connections c ON c.company_id = u.company_id
WHERE u.company_id = ?`, RoleCompanyAdmin, StatusActive, SourceDirectory, companyID)
	if err != nil {
		return fmt.Errorf("load users for sync: %w", mapError(err))
	}
	defer rows.Close()
	var u SyncUser
	// Job title, department, division, office and tags repeat across a company: scanned as
	// raw bytes and interned, a 100k-user company keeps one string per distinct value.
	var title, dept, div, office sql.RawBytes
	interned := make(map[string]string)
	intern := func(b []byte) string {
		if s, ok := interned[string(b)]; ok {
			return s
		}
		s := string(b)
		interned[s] = s
		return s
	}
	for rows.Next() {
		u.Tags, u.TagFields = nil, nil
		if err := rows.Scan(&u.ID, &u.Email, &u.Admin, &u.Active, &u.FromDirectory, &u.DirectoryUserID, &u.IdpID,
			&u.FirstName, &u.LastName, &title, &dept, &div, &office, pgArray(&u.Tags), pgArray(&u.TagFields)); err != nil {
			return fmt.Errorf("load users for sync: %w", err)
		}
		u.JobTitle, u.Department, u.Division, u.OfficeID = intern(title), intern(dept), intern(div), intern(office)
		for i, t := range u.Tags {
			u.Tags[i] = internString(interned, t)
		}
		for i, f := range u.TagFields {
			u.TagFields[i] = internString(interned, f)
		}
		fn(&u)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load users for sync: %w", err)
	}
	return nil
}
