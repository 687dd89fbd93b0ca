package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// ListOffices returns the company's offices ordered by name.
func ListOffices(ctx context.Context, idb bun.IDB, companyID string) ([]Office, error) {
	var offices []Office
	err := idb.NewSelect().Model(&offices).Where("company_id = ?", companyID).OrderExpr("lower(name), id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list offices: %w", mapError(err))
	}
	return offices, nil
}

// OfficesByIDs loads the company's offices with the given ids, keyed by id.
func OfficesByIDs(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]*Office, error) {
	out := make(map[string]*Office, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var offices []Office
	err := idb.NewSelect().Model(&offices).
		Where("company_id = ? AND id::text IN (?)", companyID, bun.In(ids)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load offices: %w", mapError(err))
	}
	for i := range offices {
		out[offices[i].ID] = &offices[i]
	}
	return out, nil
}

// CreateOffice inserts an office; a name already used in the company is ErrConflict.
func CreateOffice(ctx context.Context, idb bun.IDB, companyID, name string, aliases []string) (*Office, error) {
	o := &Office{CompanyID: companyID, Name: strings.TrimSpace(name), Aliases: CleanAliases(aliases)}
	if _, err := idb.NewInsert().Model(o).Returning("*").Exec(ctx); err != nil {
		return nil, fmt.Errorf("create office %q: %w", o.Name, mapError(err))
	}
	return o, nil
}

// OfficeUpdate names the fields UpdateOffice changes; nil leaves a field as it is.
type OfficeUpdate struct {
	Name    *string
	Aliases []string // nil keeps the aliases; empty clears them
}

// UpdateOffice changes an office of the company.
func UpdateOffice(ctx context.Context, idb bun.IDB, companyID, id string, up OfficeUpdate) (*Office, error) {
	o := new(Office)
	q := idb.NewUpdate().Model(o).Where("company_id = ? AND id = ?", companyID, id).Set("updated_at = now()")
	if up.Name != nil {
		q = q.Set("name = ?", strings.TrimSpace(*up.Name))
	}
	if up.Aliases != nil {
		q = q.Set("aliases = ?", pgArray(CleanAliases(up.Aliases)))
	}
	res, err := q.Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("update office %s: %w", id, mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, fmt.Errorf("update office %s: %w", id, ErrNotFound)
	}
	return o, nil
}

// CleanAliases trims aliases and drops empty and case-insensitively repeated ones.
func CleanAliases(aliases []string) []string {
	out := make([]string, 0, len(aliases))
	seen := make(map[string]bool, len(aliases))
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		key := strings.ToLower(a)
		if a == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, a)
	}
	return out
}

// OfficeUserCounts counts the company's users (active or inactive) per office, for the given
// office ids; offices nobody is in are missing from the map.
func OfficeUserCounts(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		OfficeID string `bun:"office_id"`
		N        int    `bun:"n"`
	}
	err := idb.NewSelect().TableExpr("users").ColumnExpr("office_id::text AS office_id, count(*) AS n").
		Where("company_id = ? AND office_id::text IN (?)", companyID, bun.In(ids)).GroupExpr("office_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count users per office: %w", mapError(err))
	}
	for _, r := range rows {
		out[r.OfficeID] = r.N
	}
	return out, nil
}

// DeleteOffice deletes an office of the company that no user is in. It returns
// ErrNotFound for another company's or a missing office, and an *OfficeInUseError when
// users are still in it.
func DeleteOffice(ctx context.Context, idb bun.IDB, companyID, id string) error {
	return idb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var o Office
		if err := tx.NewSelect().Model(&o).Where("company_id = ? AND id = ?", companyID, id).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("delete office %s: %w", id, mapError(err))
		}
		n, err := tx.NewSelect().TableExpr("users").Where("company_id = ? AND office_id = ?", companyID, id).Count(ctx)
		if err != nil {
			return fmt.Errorf("delete office %s: count users: %w", id, mapError(err))
		}
		if n > 0 {
			return &OfficeInUseError{Name: o.Name, Users: int(n)}
		}
		if _, err := tx.NewDelete().Model(&o).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("delete office %s: %w", id, mapError(err))
		}
		return nil
	})
}

// OfficeInUseError says an office cannot be deleted because users are in it.
type OfficeInUseError struct {
	Name  string
	Users int
}

func (e *OfficeInUseError) Error() string {
	return fmt.Sprintf("%d users are still in the office %q: move them to another office first", e.Users, e.Name)
}
