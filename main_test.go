package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db/dbtest"
)

const cliSecret = "cli-test-secret-cli-test-secret-0123456789"

// runCLI runs the command line as main does and returns stdout and stderr.
func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, args, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestAdminCommands(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.NewDatabaseURL(t)
	out, _, err := runCLI(t, "company", "create", "--database-url", dbURL, "--name", "Initech", "--admin-email", "Bill@Initech.example", "--admin-name", "Bill Lumbergh")
	require.NoError(t, err)
	var company struct{ CompanyID, AdminUserID string }
	require.NoError(t, json.Unmarshal([]byte(out), &company))
	require.NotEmpty(t, company.CompanyID)
	require.NotEmpty(t, company.AdminUserID)

	out, _, err = runCLI(t, "user", "create", "--database-url", dbURL, "--company", company.CompanyID, "--email", "peter@initech.example", "--name", "Peter Gibbons")
	require.NoError(t, err)
	var user struct{ UserID string }
	require.NoError(t, json.Unmarshal([]byte(out), &user))
	require.NotEmpty(t, user.UserID)

	_, _, err = runCLI(t, "user", "create", "--database-url", dbURL, "--company", company.CompanyID, "--email", "PETER@initech.example")
	require.ErrorContains(t, err, "conflict", "emails are unique per company, case-insensitively")

	out, _, err = runCLI(t, "token", "--database-url", dbURL, "--session-secret", cliSecret, "--email", "bill@initech.example", "--ttl", "1h")
	require.NoError(t, err)
	issuer, err := auth.NewIssuer(cliSecret, nil)
	require.NoError(t, err)
	claims, err := issuer.Parse(strings.TrimSpace(out))
	require.NoError(t, err)
	require.Equal(t, company.AdminUserID, claims.UserID)
	require.Equal(t, company.CompanyID, claims.CompanyID)

	_, _, err = runCLI(t, "token", "--database-url", dbURL, "--session-secret", cliSecret, "--email", "nobody@initech.example")
	require.ErrorContains(t, err, "no user with email nobody@initech.example")

	out, _, err = runCLI(t, "migrate", "--database-url", dbURL)
	require.NoError(t, err)
	require.Contains(t, out, "up to date")
}

func TestCommandLineErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      []string
		usage     bool
		wantInErr string
		notInErr  string
	}{
		{"no command", nil, true, "no command given", ""},
		{"unknown command", []string{"frobnicate"}, true, `unknown command "frobnicate"`, ""},
		{"unknown flag", []string{"migrate", "--nope"}, true, "flag provided but not defined: -nope", ""},
		{"missing company flags", []string{"company", "create", "--name", "X"}, true, "needs --name and --admin-email", ""},
		{"company without subcommand", []string{"company"}, true, "needs a subcommand", ""},
		{"bad DATABASE_URL", []string{"migrate", "--database-url", "postgres://bob:hunter2@127.0.0.1:5432/x?sslmode=bogus"}, false, "parse database URL", "hunter2"},
		{"unreachable database", []string{"migrate", "--database-url", "postgres://bob:hunter2@127.0.0.1:1/x?sslmode=disable&connect_timeout=2"}, false, "connect to database", "hunter2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := runCLI(t, tc.args...)
			require.Error(t, err)
			require.Equal(t, tc.usage, errors.Is(err, errUsage), err.Error())
			require.Contains(t, err.Error(), tc.wantInErr)
			if tc.notInErr != "" {
				require.NotContains(t, err.Error(), tc.notInErr)
			}
		})
	}
}

func TestServeNeedsConfiguration(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("DIRSYNC_SESSION_SECRET", "")
	_, _, err := runCLI(t, "serve")
	require.ErrorContains(t, err, "no database: set DATABASE_URL")

	_, _, err = runCLI(t, "serve", "--database-url", "postgres://127.0.0.1:1/x")
	require.ErrorContains(t, err, "DIRSYNC_SESSION_SECRET")

	t.Setenv("WORKOS_RATE_LIMIT", "fast")
	_, _, err = runCLI(t, "serve")
	require.ErrorContains(t, err, "WORKOS_RATE_LIMIT must be a positive number")
}
