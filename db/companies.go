package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// NewUser is what CreateUser needs; Role defaults to MEMBER.
type NewUser struct {
	CompanyID string
	Email     string
	FirstName string
	LastName  string
	Role      string
}

// CreateCompany inserts a company.
func CreateCompany(ctx context.Context, idb bun.IDB, name string) (*Company, error) {
	c := &Company{Name: strings.TrimSpace(name)}
	if c.Name == "" {
		return nil, fmt.Errorf("create company: name is empty")
	}
	if _, err := idb.NewInsert().Model(c).Returning("*").Exec(ctx); err != nil {
		return nil, fmt.Errorf("create company: %w", mapError(err))
	}
	return c, nil
}

// GetCompany loads a company by id.
func GetCompany(ctx context.Context, idb bun.IDB, id string) (*Company, error) {
	c := new(Company)
	if err := idb.NewSelect().Model(c).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get company %s: %w", id, mapError(err))
	}
	return c, nil
}

// CreateUser inserts a manual user; the email is normalised to lower case.
func CreateUser(ctx context.Context, idb bun.IDB, in NewUser) (*User, error) {
	email := NormalizeEmail(in.Email)
	if email == "" || !strings.Contains(email, "@") {
		return nil, fmt.Errorf("create user: invalid email %q", in.Email)
	}
	role := in.Role
	if role == "" {
		role = RoleMember
	}
	u := &User{
		CompanyID: in.CompanyID, Email: email, Role: role, Status: StatusActive, Source: SourceManual,
		FirstName: optional(in.FirstName), LastName: optional(in.LastName), Tags: []string{}, TagFields: []string{},
	}
	if _, err := idb.NewInsert().Model(u).Returning("*").Exec(ctx); err != nil {
		return nil, fmt.Errorf("create user %s: %w", email, mapError(err))
	}
	return u, nil
}

// GetUser loads a user of the company by id; another company's user is ErrNotFound.
func GetUser(ctx context.Context, idb bun.IDB, companyID, id string) (*User, error) {
	u := new(User)
	err := idb.NewSelect().Model(u).Where("company_id = ? AND id = ?", companyID, id).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("get user %s: %w", id, mapError(err))
	}
	return u, nil
}

// FindUserByEmail loads a user by email, within one company when companyID is set.
// Without a company it fails with ErrConflict when the email exists in several companies.
func FindUserByEmail(ctx context.Context, idb bun.IDB, companyID, email string) (*User, error) {
	var users []User
	q := idb.NewSelect().Model(&users).Where("email = ?", NormalizeEmail(email)).Limit(2)
	if companyID != "" {
		q = q.Where("company_id = ?", companyID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("find user %s: %w", email, mapError(err))
	}
	switch len(users) {
	case 0:
		return nil, fmt.Errorf("find user %s: %w", email, ErrNotFound)
	case 1:
		return &users[0], nil
	}
	return nil, fmt.Errorf("find user %s: in several companies, name one: %w", email, ErrConflict)
}

// NormalizeEmail trims and lower-cases an email address.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

func optional(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}

// UsersByIDs loads the company's users with the given ids, keyed by id; ids of
// other companies or unknown ones are absent.
func UsersByIDs(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]*User, error) {
	out := make(map[string]*User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var users []User
	err := idb.NewSelect().Model(&users).Where("company_id = ? AND id::text IN (?)", companyID, bun.In(ids)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load users: %w", mapError(err))
	}
	for i := range users {
		out[users[i].ID] = &users[i]
	}
	return out, nil
}
