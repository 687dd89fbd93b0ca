package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

// migrationLockKey is the advisory lock that serialises migrations across replicas.
const migrationLockKey = 7_412_001

//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrationFiles is the embedded set of SQL migrations, exported so tests can key
// template databases on their content.
func MigrationFiles() embed.FS { return migrationFiles }

// Migrate applies every pending migration and returns their names. A PostgreSQL
// advisory lock makes replicas that start together wait for each other.
func Migrate(ctx context.Context, bdb *bun.DB) ([]string, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("open embedded migrations: %w", err)
	}
	migrations := migrate.NewMigrations()
	if err := migrations.Discover(sub); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	conn, err := bdb.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("reserve connection for migration lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", migrationLockKey); err != nil {
		return nil, fmt.Errorf("take migration lock: %w", err)
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", migrationLockKey)
	}()
	m := migrate.NewMigrator(bdb, migrations)
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migration tables: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply migrations: %w", err)
	}
	var applied []string
	for _, mig := range group.Migrations {
		applied = append(applied, mig.Name)
	}
	return applied, nil
}
