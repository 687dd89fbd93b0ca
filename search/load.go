package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/officetogether/dirsync/db"
)

// load reads a company's people in one REPEATABLE READ, read-only transaction, so
// the people_version and the rows it indexes agree, and builds their snapshot.
// When then is not nil it runs in the same transaction with the new snapshot.
func (s *Service) load(ctx context.Context, companyID string, then func(bun.Tx, *snapshot) error) (*snapshot, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("index company %s: begin: %w", companyID, err)
	}
	defer func() { _ = tx.Rollback() }()
	var version int64
	var users int
	err = tx.QueryRowContext(ctx, `SELECT c.people_version, (SELECT count(*) FROM users u WHERE u.company_id = c.id)
FROM companies c WHERE c.id = ?`, companyID).Scan(&version, &users)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("index company %s: %w", companyID, db.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("index company %s: read version: %w", companyID, err)
	}
	b, err := loadOffices(ctx, tx, companyID, version, users)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, email, coalesce(first_name, ''), coalesce(last_name, ''),
status = 'INACTIVE', department, division, office_id, tags, tag_fields FROM users WHERE company_id = ?`, companyID)
	if err != nil {
		return nil, fmt.Errorf("index company %s: read users: %w", companyID, err)
	}
	defer rows.Close()
	var u userRow
	for rows.Next() {
		u.Tags, u.TagFields = nil, nil
		if err := rows.Scan(&u.ID, &u.Email, &u.FirstName, &u.LastName, &u.Inactive, &u.Department, &u.Division,
			&u.OfficeID, pgdialect.Array(&u.Tags), pgdialect.Array(&u.TagFields)); err != nil {
			return nil, fmt.Errorf("index company %s: scan user: %w", companyID, err)
		}
		b.add(&u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index company %s: read users: %w", companyID, err)
	}
	rows.Close()
	coll := s.collator()
	snap := b.finish(coll)
	s.collators.Put(coll)
	if then != nil {
		if err := then(tx, snap); err != nil {
			return nil, err
		}
	}
	return snap, nil
}

func loadOffices(ctx context.Context, tx bun.Tx, companyID string, version int64, users int) (*builder, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM offices WHERE company_id = ?", companyID)
	if err != nil {
		return nil, fmt.Errorf("index company %s: read offices: %w", companyID, err)
	}
	defer rows.Close()
	var ids []uuid.UUID
	var names []string
	for rows.Next() {
		var id uuid.UUID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("index company %s: scan office: %w", companyID, err)
		}
		ids, names = append(ids, id), append(names, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index company %s: read offices: %w", companyID, err)
	}
	return newBuilder(companyID, version, ids, names, users), nil
}

// pageRow is one row of the page statement: a user of the page with their office,
// or, when the page is empty, only the version.
type pageRow struct {
	Version int64 `bun:"people_version"`
	// User is empty (ID "") on the row of an empty page.
	User db.User `bun:"embed:"`

	OfficeName      *string    `bun:"office_name"`
	OfficeAliases   []string   `bun:"office_aliases,array"`
	OfficeCreatedAt *time.Time `bun:"office_created_at"`
	OfficeUpdatedAt *time.Time `bun:"office_updated_at"`
}

// fetched is what the page statement returned: the company's current
// people_version and the page's users by id.
type fetched struct {
	version int64
	rows    map[uuid.UUID]Row
}

// fetch reads the page's users with their offices and the company's current
// people_version, in one statement (so one snapshot of the database).
func fetch(ctx context.Context, idb bun.IDB, companyID string, ids []uuid.UUID) (*fetched, error) {
	strIDs := make([]string, len(ids))
	for i, id := range ids {
		strIDs[i] = id.String()
	}
	var rows []pageRow
	err := idb.NewRaw(`SELECT c.people_version, u.id, u.company_id, u.email, u.role, u.status, u.source,
 u.directory_user_id, u.idp_id, u.first_name, u.last_name, u.job_title, u.department, u.division, u.office_id,
 u.tags, u.tag_fields, u.last_synced_at, u.deactivated_at, u.created_at, u.updated_at,
 o.name AS office_name, o.aliases AS office_aliases, o.created_at AS office_created_at, o.updated_at AS office_updated_at
FROM companies c
LEFT JOIN users u ON u.company_id = c.id AND u.id = ANY(?1::uuid[])
LEFT JOIN offices o ON o.company_id = u.company_id AND o.id = u.office_id
WHERE c.id = ?0::uuid`, companyID, pgdialect.Array(strIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("search users of company %s: read page: %w", companyID, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("search users of company %s: %w", companyID, db.ErrNotFound)
	}
	f := &fetched{version: rows[0].Version, rows: make(map[uuid.UUID]Row, len(ids))}
	for i := range rows {
		if r := &rows[i]; r.User.ID != "" {
			id, err := uuid.Parse(r.User.ID)
			if err != nil {
				return nil, fmt.Errorf("search users of company %s: user id %q: %w", companyID, r.User.ID, err)
			}
			f.rows[id] = r.toRow()
		}
	}
	return f, nil
}

func (r *pageRow) toRow() Row {
	u := r.User
	if u.Tags == nil {
		u.Tags = []string{}
	}
	if u.TagFields == nil {
		u.TagFields = []string{}
	}
	row := Row{User: u}
	if u.OfficeID != nil && r.OfficeName != nil {
		aliases := r.OfficeAliases
		if aliases == nil {
			aliases = []string{}
		}
		row.Office = &db.Office{ID: *u.OfficeID, CompanyID: u.CompanyID, Name: *r.OfficeName, Aliases: aliases}
		if r.OfficeCreatedAt != nil && r.OfficeUpdatedAt != nil {
			row.Office.CreatedAt, row.Office.UpdatedAt = *r.OfficeCreatedAt, *r.OfficeUpdatedAt
		}
	}
	return row
}
