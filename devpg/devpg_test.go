package devpg

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestStartPrivate starts a real private server from the system's binaries,
// as the fallback for machines where nothing answers on 5432.
func TestStartPrivate(t *testing.T) {
	if _, err := findBinary("initdb"); err != nil {
		t.Skip("no PostgreSQL binaries on this machine:", err)
	}
	t.Parallel()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		require.NoError(t, os.Chmod(d, 0o755)) // the server's user must reach it when tests run as root
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const port = 54391
	var steps []string
	logf := func(format string, _ ...any) { steps = append(steps, format) }

	url, err := startPrivate(ctx, dir, port, logf)
	require.NoError(t, err)
	t.Cleanup(func() {
		runAs, _ := unprivilegedUser()
		pgctl, _ := findBinary("pg_ctl")
		_ = run(context.Background(), runAs, pgctl, "-D", filepath.Join(dir, "postgres"), "-m", "immediate", "stop")
	})
	require.Equal(t, "postgres://postgres@127.0.0.1:54391/postgres?sslmode=disable", url)
	require.True(t, answers("127.0.0.1:54391"))
	require.FileExists(t, filepath.Join(dir, "postgres", "PG_VERSION"))
	require.Len(t, steps, 2, "initdb and start")

	again, err := startPrivate(ctx, dir, port, logf)
	require.NoError(t, err)
	require.Equal(t, url, again)
	require.Len(t, steps, 2, "a running server is reused")
}

func TestWithDatabase(t *testing.T) {
	t.Parallel()
	require.Equal(t, "postgres://postgres@127.0.0.1:5432/dirsync_dev?sslmode=disable",
		WithDatabase(LocalURL, "dirsync_dev"))
}
