package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/seed"
	"github.com/officetogether/dirsync/devpg"
	"github.com/officetogether/dirsync/sync/emulator"
)

// devDatabase is the database `dirsync dev` creates on a discovered server.
const devDatabase = "dirsync_dev"

// emulatorPrefix is where `dirsync dev` mounts the WorkOS emulator.
const emulatorPrefix = "/workos-emulator"

// devAPIKey is the key the dev server uses with its in-process emulator.
const devAPIKey = "sk_dev_emulator"

func cmdDev(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dataDir *string
	var demoUsers *int
	cfg, err := commandConfig("dev", args, stderr, func(fs *flag.FlagSet) {
		dataDir = fs.String("data-dir", defaultDataDir, "where dev keeps its private PostgreSQL and state")
		demoUsers = fs.Int("demo-users", 3000, "how many demo users to seed on a fresh database")
	})
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	logf := func(format string, a ...any) { logger.Info(fmt.Sprintf(format, a...)) }

	state, _ := loadDevState(*dataDir)
	if cfg.DatabaseURL == "" {
		if cfg.DatabaseURL, err = devDatabaseURL(ctx, *dataDir, logf); err != nil {
			return err
		}
	}
	if cfg.SessionSecret == "" {
		if state.SessionSecret == "" {
			state.SessionSecret = randomSecret()
		}
		cfg.SessionSecret = state.SessionSecret
	}
	state.DatabaseURL = cfg.DatabaseURL
	if err := saveDevState(*dataDir, state); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	baseURL := cfg.PublicURL
	if baseURL == "" {
		baseURL = "http://" + displayAddr(ln.Addr())
		cfg.PublicURL = baseURL
	}
	devMux := http.NewServeMux()
	mounts := map[string]http.Handler{"/dev/": devMux}
	var em *emulator.Emulator
	if cfg.WorkOSAPIKey == "" {
		em = emulator.New(emulator.Options{PathPrefix: emulatorPrefix, BaseURL: baseURL + emulatorPrefix})
		defer em.Close()
		if err := loadDevEmulator(em, *dataDir, logf); err != nil {
			return err
		}
		// The emulator's directories survive restarts: saved next to the dev
		// database while it changes and once more after the server stopped.
		saver := newEmulatorSaver(em, *dataDir, logger)
		saveCtx, stopSaving := context.WithCancel(context.WithoutCancel(ctx))
		saved := make(chan struct{})
		go func() {
			defer close(saved)
			saver.run(saveCtx, emulatorSaveInterval)
		}()
		defer func() {
			stopSaving()
			<-saved
		}()
		mounts[emulatorPrefix+"/"] = http.StripPrefix(emulatorPrefix, em)
		cfg.WorkOSAPIKey, cfg.WorkOSAPIURL = devAPIKey, baseURL+emulatorPrefix
		// The emulator's events reach this server's own webhook endpoint, signed with a
		// secret generated for this run (unless WORKOS_WEBHOOK_SECRET sets one).
		if cfg.WorkOSWebhookSecret == "" {
			cfg.WorkOSWebhookSecret = randomSecret()
		}
		em.SetWebhook(baseURL+"/webhooks/workos", cfg.WorkOSWebhookSecret)
	}

	mailPage, err := devMailSink(&cfg, devMux)
	if err != nil {
		return err
	}
	defer mailPage.close()

	a, err := newApp(ctx, cfg, logger, appOptions{mounts: mounts})
	if err != nil {
		return err
	}
	defer a.close()
	demo, err := ensureDemo(ctx, a.db, *demoUsers, logf)
	if err != nil {
		return err
	}
	if em != nil {
		people, err := demoPortalPeople(ctx, a.db, demo, devPortalPeople)
		if err != nil {
			return err
		}
		em.SetPortalPeople(people)
	}
	devMux.Handle("GET /dev/demo-users", demoUsersHandler(a.db, a.issuer, demo.CompanyID, []string{demo.AdminUserID, demo.MemberUserID}))
	if err := printDevBanner(stdout, a, baseURL, mailPage.describe(baseURL), demo); err != nil {
		return err
	}
	return a.serve(ctx, ln)
}

// devDatabaseURL finds a server and makes sure the dev database exists on it.
func devDatabaseURL(ctx context.Context, dataDir string, logf func(string, ...any)) (string, error) {
	serverURL, err := devpg.Find(ctx, dataDir, logf)
	if err != nil {
		return "", err
	}
	admin, err := db.Open(ctx, serverURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", devDatabase).Scan(&exists); err != nil {
		return "", fmt.Errorf("look up dev database: %w", err)
	}
	if !exists {
		logf("creating database %s", devDatabase)
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+devDatabase); err != nil {
			return "", fmt.Errorf("create dev database: %w", err)
		}
	}
	return devpg.WithDatabase(serverURL, devDatabase), nil
}

// ensureDemo seeds the demo company unless its admin exists, and returns it.
func ensureDemo(ctx context.Context, bdb *bun.DB, users int, logf func(string, ...any)) (*seed.DemoCompany, error) {
	admin, err := db.FindUserByEmail(ctx, bdb, "", seed.DemoAdminEmail)
	if err == nil {
		member, err := db.FindUserByEmail(ctx, bdb, admin.CompanyID, seed.DemoMemberEmail)
		if err != nil {
			return nil, fmt.Errorf("find demo member: %w", err)
		}
		return &seed.DemoCompany{CompanyID: admin.CompanyID, AdminUserID: admin.ID, MemberUserID: member.ID}, nil
	}
	if !errors.Is(err, db.ErrNotFound) {
		return nil, err
	}
	logf("seeding the demo company with %d users", users)
	start := time.Now()
	var demo *seed.DemoCompany
	err = bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		demo, err = seed.Demo(ctx, tx, seed.DemoOptions{Users: users, Seed: 1})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("seed demo data: %w", err)
	}
	logf("seeded in %s", time.Since(start).Round(time.Millisecond))
	return demo, nil
}

func printDevBanner(w io.Writer, a *app, baseURL, mail string, demo *seed.DemoCompany) error {
	adminToken, err := a.issuer.Issue(demo.AdminUserID, demo.CompanyID, 30*24*time.Hour)
	if err != nil {
		return err
	}
	memberToken, err := a.issuer.Issue(demo.MemberUserID, demo.CompanyID, 30*24*time.Hour)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, `
dirsync dev is running
  App:         %[1]s/
  Playground:  %[1]s/playground   (add the header {"Authorization": "Bearer <token>"})
  GraphQL:     %[1]s/graphql
  WorkOS:      %[2]s
  Database:    %[3]s
  Mail:        %[9]s

Demo company %[4]s
  admin  (%[5]s) token:
    %[6]s
  member (%[7]s) token:
    %[8]s

Try:
  curl -s %[1]s/graphql -H 'Authorization: Bearer %[6]s' \
    -H 'Content-Type: application/json' -d '{"query":"{ users(filter: {query: \"an\"}, first: 3) { totalCount edges { node { name email department } } } }"}'
`, baseURL, a.cfg.WorkOSAPIURL, db.RedactURL(a.cfg.DatabaseURL), demo.CompanyID,
		seed.DemoAdminEmail, adminToken, seed.DemoMemberEmail, memberToken, mail)
	return nil
}

// displayAddr turns a listener address into host:port a browser can open.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if host == "" || host == "::" || host == "0.0.0.0" || strings.HasPrefix(host, "[::") {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
