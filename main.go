// Command dirsync is OfficeTogether's Directory Sync service: it keeps a company's
// users in step with its identity provider through WorkOS and serves Power Search.
//
// Run `dirsync help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `dirsync: OfficeTogether Directory Sync

Usage:
  dirsync serve     [flags]   serve HTTP (applies pending migrations first)
  dirsync dev       [flags]   serve on embedded defaults: local Postgres, WorkOS emulator, demo data
  dirsync migrate   [flags]   apply pending migrations
  dirsync company create --name NAME --admin-email EMAIL [--admin-name NAME]
  dirsync user create --company ID --email EMAIL [--name NAME] [--admin]
  dirsync token --email EMAIL [--company ID] [--ttl 24h]
  dirsync sync --company ID [--dry-run]
  dirsync emulator [--addr :8090] [--seed FILE] [--generate N] [--api-key K]
  dirsync devdb               print a PostgreSQL URL for tests (starting a private server if needed)

Configuration comes from the environment (DATABASE_URL, DIRSYNC_ADDR, DIRSYNC_SESSION_SECRET,
DIRSYNC_PUBLIC_URL, WORKOS_API_KEY, WORKOS_API_URL, WORKOS_WEBHOOK_SECRET, WORKOS_RATE_LIMIT,
DIRSYNC_EVENTS_INTERVAL, DIRSYNC_INSTANCE_NAME, DIRSYNC_HOLDER_TIMEOUT,
DIRSYNC_SMTP_URL, DIRSYNC_MAIL_FROM); every command also takes them as flags, see 'dirsync COMMAND -h'.
`

// errUsage marks a command line that could not be understood; main exits 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "dirsync:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "dirsync:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "dev":
		return cmdDev(ctx, rest, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, stdout, stderr)
	case "company":
		return subcommand(ctx, "company", rest, stdout, stderr, map[string]command{"create": cmdCompanyCreate})
	case "user":
		return subcommand(ctx, "user", rest, stdout, stderr, map[string]command{"create": cmdUserCreate})
	case "token":
		return cmdToken(ctx, rest, stdout, stderr)
	case "sync":
		return cmdSync(ctx, rest, stdout, stderr)
	case "emulator":
		return cmdEmulator(ctx, rest, stdout, stderr)
	case "devdb":
		return cmdDevDB(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func subcommand(ctx context.Context, name string, args []string, stdout, stderr io.Writer, cmds map[string]command) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: dirsync %s needs a subcommand (create)", errUsage, name)
	}
	c, ok := cmds[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown command %q for dirsync %s", errUsage, args[0], name)
	}
	return c(ctx, args[1:], stdout, stderr)
}

// parseFlags parses a command's flags, reporting bad ones as usage errors.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s: unexpected argument %q", errUsage, fs.Name(), fs.Arg(0))
	}
	return nil
}
