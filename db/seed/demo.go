// Package seed creates deterministic, realistic data: a demo company for `dirsync dev`
// and large companies for benchmarks. The same seed always gives the same people.
package seed

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// Demo company facts, so the CLI and the README can name them.
const (
	DemoCompanyName = "Acme Corp"
	DemoAdminEmail  = "admin@acme.example"
	DemoMemberEmail = "member@acme.example"
	demoDomain      = "acme.example"
	demoOffices     = 8
)

// DemoOptions sizes the demo. Zero fields take the defaults shown.
type DemoOptions struct {
	Users int   // generated people besides the admin and the member; default 3000
	Seed  int64 // the same seed gives the same people
}

// DemoCompany is what Demo created. (A type cannot share the function's name.)
type DemoCompany struct {
	CompanyID    string
	AdminUserID  string // Ada Admin, a company admin
	MemberUserID string // Max Member, a member
}

// Demo creates the company "Acme Corp" with an admin (admin@acme.example), a member
// (member@acme.example), 8 offices with aliases and opts.Users people with names from
// many cultures, job titles, 30 departments, their divisions, and tags (skills, teams,
// cost centers, "remote"...). Each call creates a new company; run it in a
// transaction to make it all-or-nothing.
func Demo(ctx context.Context, idb bun.IDB, opts DemoOptions) (*DemoCompany, error) {
	if opts.Users <= 0 {
		opts.Users = 3000
	}
	c, err := db.CreateCompany(ctx, idb, DemoCompanyName)
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	admin, err := db.CreateUser(ctx, idb, db.NewUser{CompanyID: c.ID, Email: DemoAdminEmail,
		FirstName: "Ada", LastName: "Admin", Role: db.RoleCompanyAdmin})
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	member, err := db.CreateUser(ctx, idb, db.NewUser{CompanyID: c.ID, Email: DemoMemberEmail,
		FirstName: "Max", LastName: "Member", Role: db.RoleMember})
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	officeIDs, err := createOffices(ctx, idb, c.ID, demoOffices)
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	cat := newCatalog(len(departments), 90, 120, officeIDs)
	// Generated emails are first.last@, so they never take the admin's or the member's.
	g := newGenerator(opts.Seed, cat, demoDomain, 4, 0.02)
	if err := insertPeople(ctx, idb, c.ID, g, opts.Users, nil); err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	if _, err := idb.ExecContext(ctx, "ANALYZE users"); err != nil {
		return nil, fmt.Errorf("seed demo: analyze users: %w", err)
	}
	return &DemoCompany{CompanyID: c.ID, AdminUserID: admin.ID, MemberUserID: member.ID}, nil
}
