// Package db holds dirsync's PostgreSQL rows, migrations and queries.
//
// Functions take bun.IDB so they run alone or inside the caller's transaction;
// the service that owns a unit of work opens the transaction.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

var (
	// ErrNotFound is returned when a row does not exist in the caller's company.
	ErrNotFound = errors.New("db: not found")
	// ErrConflict is returned when a write breaks a uniqueness rule (an email or office name taken).
	ErrConflict = errors.New("db: conflict")
)

// Open connects to PostgreSQL at databaseURL through pgx and checks the connection.
func Open(ctx context.Context, databaseURL string) (*bun.DB, error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse database URL %s: %w", RedactURL(databaseURL), unwrapParse(err))
	}
	// bun writes the values into the SQL text itself, so pgx's prepared-statement cache
	// would only add a round trip per distinct statement; the simple protocol sends one.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	// Short OLTP statements never gain from JIT; on large scans its compile time dominates.
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	sqldb := stdlib.OpenDB(*cfg)
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(10)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	// Unknown columns are ignored so a replica keeps working while a newer one adds columns.
	bdb := bun.NewDB(sqldb, pgdialect.New(), bun.WithDiscardUnknownColumns())
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := bdb.PingContext(pingCtx); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("connect to database %s: %w", RedactURL(databaseURL), err)
	}
	return bdb, nil
}

// RedactURL returns the URL with any password replaced, for logs and errors.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// unwrapParse drops pgconn's parse error text, which can echo the password.
func unwrapParse(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		return errors.New("invalid connection string")
	}
	return err
}

// deadlockRetries is how many times a statement PostgreSQL aborted to break a deadlock is
// tried again (withDeadlockRetry).
const deadlockRetries = 3

// withDeadlockRetry runs a single-statement write again when PostgreSQL aborted it to break
// a deadlock (the other transaction went on). Replicas meet this when one claims a run,
// whose update re-inserts the run's unique index entries, while another inserts a run for
// the same company and schedule slot: each waits on the other's entry.
func withDeadlockRetry(write func() error) error {
	for attempt := 1; ; attempt++ {
		err := write()
		var pgErr *pgconn.PgError
		if attempt == deadlockRetries || !errors.As(err, &pgErr) || pgErr.Code != "40P01" {
			return err
		}
	}
}

// mapError turns driver errors into the package's sentinels.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return fmt.Errorf("%w: %s", ErrConflict, pgErr.ConstraintName)
		case "22P02": // invalid_text_representation, e.g. a malformed uuid
			return ErrNotFound
		}
	}
	return err
}
