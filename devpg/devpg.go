// Package devpg finds a PostgreSQL server for `dirsync dev` and `make test` on a
// machine with no configuration: the local server at 127.0.0.1:5432 when one
// answers, else a private server under a data folder, started from the
// system's initdb and pg_ctl.
package devpg

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LocalURL is the server tried first.
const LocalURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// PrivatePort is the port of the private server under the data folder.
const PrivatePort = 54329

// ErrNoPostgres means no server answers and none can be started here.
var ErrNoPostgres = errors.New("devpg: no PostgreSQL server found and none can be started (install PostgreSQL: apt-get install postgresql)")

// Find returns the URL of a server's maintenance database: the local one if it
// answers, else a private one under dataDir (started if needed). logf reports steps.
func Find(ctx context.Context, dataDir string, logf func(string, ...any)) (string, error) {
	if answers("127.0.0.1:5432") {
		return LocalURL, nil
	}
	return startPrivate(ctx, dataDir, PrivatePort, logf)
}

// WithDatabase returns serverURL pointing at database name.
func WithDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		return serverURL
	}
	u.Path = "/" + name
	return u.String()
}

func answers(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

func startPrivate(ctx context.Context, dataDir string, port int, logf func(string, ...any)) (string, error) {
	initdb, err := findBinary("initdb")
	if err != nil {
		return "", err
	}
	pgctl, err := findBinary("pg_ctl")
	if err != nil {
		return "", err
	}
	dir, err := filepath.Abs(filepath.Join(dataDir, "postgres"))
	if err != nil {
		return "", fmt.Errorf("resolve data folder: %w", err)
	}
	serverURL := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	if answers(fmt.Sprintf("127.0.0.1:%d", port)) {
		return serverURL, nil
	}
	runAs, err := unprivilegedUser()
	if err != nil {
		return "", err
	}
	if runAs != nil && !othersCanReach(filepath.Dir(dir)) {
		// The server's user cannot reach a folder under, say, /root: keep the cluster in /var/tmp.
		dir = filepath.Join(os.TempDir(), "dirsync-postgres-"+strconv.Itoa(port))
		logf("%s is not reachable by user %s; using %s", dataDir, runAs.Username, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err != nil {
		logf("creating a private PostgreSQL in %s", dir)
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return "", fmt.Errorf("create %s: %w", filepath.Dir(dir), err)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("create %s: %w", dir, err)
		}
		if err := chown(dir, runAs); err != nil {
			return "", err
		}
		if err := run(ctx, runAs, initdb, "-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"); err != nil {
			return "", fmt.Errorf("initdb: %w", err)
		}
	}
	logf("starting the private PostgreSQL on port %d", port)
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", port, dir)
	if err := run(ctx, runAs, pgctl, "-D", dir, "-l", filepath.Join(dir, "server.log"), "-o", opts, "-w", "start"); err != nil {
		return "", fmt.Errorf("pg_ctl start (log in %s): %w", filepath.Join(dir, "server.log"), err)
	}
	return serverURL, nil
}

// othersCanReach tells whether every folder from dir up to / can be entered by anyone.
func othersCanReach(dir string) bool {
	for {
		st, err := os.Stat(dir)
		if err == nil && st.Mode().Perm()&0o001 == 0 {
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return true
		}
		dir = parent
	}
}

// findBinary looks on PATH and in Debian's versioned folders.
func findBinary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) > 0 {
		return matches[len(matches)-1], nil
	}
	return "", fmt.Errorf("%w: %s not found", ErrNoPostgres, name)
}

// unprivilegedUser is who runs the server: PostgreSQL refuses to run as root.
func unprivilegedUser() (*user.User, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		if u, err := user.Lookup(name); err == nil {
			return u, nil
		}
	}
	return nil, fmt.Errorf("%w: running as root and no postgres or nobody user to run it as", ErrNoPostgres)
}

func chown(dir string, u *user.User) error {
	if u == nil {
		return nil
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return fmt.Errorf("hand %s to user %s: %w", dir, u.Username, err)
	}
	return nil
}

func run(ctx context.Context, as *user.User, bin string, args ...string) error {
	var cmd *exec.Cmd
	if as != nil {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", as.Username, "--", bin}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	cmd.Dir = os.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
