// Package dbtest gives each test its own migrated PostgreSQL database.
//
// The server is TEST_DATABASE_URL, else DATABASE_URL, else PostgreSQL at
// 127.0.0.1:5432 as user postgres. A template database is migrated once per
// set of migration files and each test copies it, so tests may commit, use
// several connections and run in parallel.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// DefaultURL is the server used when neither TEST_DATABASE_URL nor DATABASE_URL is set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

const templateLockKey = 7_412_002

// ServerURL is the URL of the PostgreSQL server tests use.
func ServerURL() string {
	for _, k := range []string{"TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return DefaultURL
}

// NewDB creates a fresh migrated database for the test and drops it when the test ends.
func NewDB(t testing.TB) *bun.DB {
	t.Helper()
	dbURL := NewDatabaseURL(t)
	bdb, err := db.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatalf("dbtest: open test database: %v", err)
	}
	t.Cleanup(func() { _ = bdb.Close() })
	return bdb
}

// NewDatabaseURL creates a fresh migrated database and returns its URL, for tests
// that start a server process or open their own connections.
func NewDatabaseURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := db.Open(ctx, ServerURL())
	if err != nil {
		t.Fatalf("dbtest: no PostgreSQL for tests (set TEST_DATABASE_URL): %v", err)
	}
	defer admin.Close()
	tmpl, err := ensureTemplate(ctx, admin)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	name := "dirsync_test_" + randomSuffix()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl); err != nil {
		t.Fatalf("dbtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		admin, err := db.Open(ctx, ServerURL())
		if err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(ServerURL(), name)
}

// ensureTemplate creates and migrates the template database for the current
// migrations, once across all test processes.
func ensureTemplate(ctx context.Context, admin *bun.DB) (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "dirsync_template_" + sum
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("reserve connection: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", templateLockKey); err != nil {
		return "", fmt.Errorf("lock template: %w", err)
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(?)", templateLockKey) }()
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("look up template: %w", err)
	}
	if exists {
		return name, nil
	}
	building := name + "_build"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", fmt.Errorf("drop stale template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", fmt.Errorf("create template: %w", err)
	}
	tdb, err := db.Open(ctx, withDatabase(ServerURL(), building))
	if err != nil {
		return "", err
	}
	_, err = db.Migrate(ctx, tdb)
	_ = tdb.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", fmt.Errorf("publish template: %w", err)
	}
	return name, nil
}

func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(db.MigrationFiles(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(db.MigrationFiles(), path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func withDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		return serverURL
	}
	u.Path = "/" + name
	return u.String()
}

var counter atomic.Int64

func randomSuffix() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%d_%d_%s", os.Getpid(), counter.Add(1), hex.EncodeToString(b[:]))
}
