package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
)

// openDatabase opens cfg's database, falling back to the one `dirsync dev` last used.
func openDatabase(ctx context.Context, cfg *config, stderr io.Writer) (*bun.DB, error) {
	if cfg.DatabaseURL == "" {
		if st, err := loadDevState(defaultDataDir); err == nil {
			fmt.Fprintf(stderr, "dirsync: DATABASE_URL not set; using the dev database %s\n", db.RedactURL(st.DatabaseURL))
			cfg.DatabaseURL = st.DatabaseURL
			if cfg.SessionSecret == "" {
				cfg.SessionSecret = st.SessionSecret
			}
		}
	}
	if err := cfg.requireDatabase(); err != nil {
		return nil, err
	}
	return db.Open(ctx, cfg.DatabaseURL)
}

func cmdMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := commandConfig("migrate", args, stderr, nil)
	if err != nil {
		return err
	}
	bdb, err := openDatabase(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer bdb.Close()
	applied, err := db.Migrate(ctx, bdb)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "database is up to date")
		return nil
	}
	fmt.Fprintf(stdout, "applied %d migrations: %s\n", len(applied), strings.Join(applied, ", "))
	return nil
}

func cmdCompanyCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name *string
	var adminEmail *string
	var adminName *string
	cfg, err := commandConfig("company create", args, stderr, func(fs *flag.FlagSet) {
		name = fs.String("name", "", "company name (required)")
		adminEmail = fs.String("admin-email", "", "email of the first company administrator (required)")
		adminName = fs.String("admin-name", "", "the administrator's full name")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" || strings.TrimSpace(*adminEmail) == "" {
		return fmt.Errorf("%w: company create needs --name and --admin-email", errUsage)
	}
	bdb, err := openDatabase(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer bdb.Close()
	first, last := splitName(*adminName)
	var out struct {
		CompanyID   string `json:"companyId"`
		AdminUserID string `json:"adminUserId"`
	}
	err = bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := db.CreateCompany(ctx, tx, *name)
		if err != nil {
			return err
		}
		u, err := db.CreateUser(ctx, tx, db.NewUser{CompanyID: c.ID, Email: *adminEmail, FirstName: first, LastName: last, Role: db.RoleCompanyAdmin})
		if err != nil {
			return err
		}
		out.CompanyID, out.AdminUserID = c.ID, u.ID
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(stdout, out)
}

func cmdUserCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var companyID *string
	var email *string
	var fullName *string
	var admin *bool
	cfg, err := commandConfig("user create", args, stderr, func(fs *flag.FlagSet) {
		companyID = fs.String("company", "", "company id (required)")
		email = fs.String("email", "", "email (required)")
		fullName = fs.String("name", "", "full name")
		admin = fs.Bool("admin", false, "make the user a company administrator")
	})
	if err != nil {
		return err
	}
	if *companyID == "" || *email == "" {
		return fmt.Errorf("%w: user create needs --company and --email", errUsage)
	}
	bdb, err := openDatabase(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer bdb.Close()
	if _, err := db.GetCompany(ctx, bdb, *companyID); err != nil {
		return fmt.Errorf("company %s: %w", *companyID, err)
	}
	role := db.RoleMember
	if *admin {
		role = db.RoleCompanyAdmin
	}
	first, last := splitName(*fullName)
	u, err := db.CreateUser(ctx, bdb, db.NewUser{CompanyID: *companyID, Email: *email, FirstName: first, LastName: last, Role: role})
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"userId": u.ID})
}

func cmdToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var email *string
	var companyID *string
	var ttl *time.Duration
	cfg, err := commandConfig("token", args, stderr, func(fs *flag.FlagSet) {
		email = fs.String("email", "", "the user's email (required)")
		companyID = fs.String("company", "", "company id, when the email exists in several companies")
		ttl = fs.Duration("ttl", 24*time.Hour, "how long the token is valid")
	})
	if err != nil {
		return err
	}
	if *email == "" {
		return fmt.Errorf("%w: token needs --email", errUsage)
	}
	bdb, err := openDatabase(ctx, &cfg, stderr)
	if err != nil {
		return err
	}
	defer bdb.Close()
	issuer, err := auth.NewIssuer(cfg.SessionSecret, nil)
	if err != nil {
		return fmt.Errorf("DIRSYNC_SESSION_SECRET: %w", err)
	}
	u, err := db.FindUserByEmail(ctx, bdb, *companyID, *email)
	if errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("no user with email %s", *email)
	}
	if err != nil {
		return err
	}
	token, err := issuer.Issue(u.ID, u.CompanyID, *ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	return nil
}

func splitName(full string) (first, last string) {
	full = strings.TrimSpace(full)
	if i := strings.LastIndexByte(full, ' '); i > 0 {
		return strings.TrimSpace(full[:i]), strings.TrimSpace(full[i+1:])
	}
	return full, ""
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
