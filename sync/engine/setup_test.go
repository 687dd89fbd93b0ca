package engine_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

var _ engine.Directory = (*workos.Client)(nil)

// opts tunes setup.
type opts struct {
	provider string           // directory type, default okta
	raw      emulator.RawMode // raw_attributes mode
	flow     emulator.InactiveFlow
	groups   emulator.GroupsMode // users[].groups filled (default) or []
	users    int                 // generated users
	client   func(*workos.Config)
}

// bundle is one test's database, emulator (over real HTTP), WorkOS client and service,
// with a company whose directory is connected.
type bundle struct {
	db      *bun.DB
	emu     *emulator.Emulator
	dir     emulator.Directory
	svc     *engine.Service
	client  *workos.Client
	company string
	admin   string
	sleeps  atomic.Int64
}

func setup(t testing.TB, o opts) *bundle {
	t.Helper()
	ctx := context.Background()
	b := &bundle{db: dbtest.NewDB(t)}
	b.emu = emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit})
	t.Cleanup(func() { _ = b.emu.Close() })
	srv := httptest.NewServer(b.emu)
	t.Cleanup(srv.Close)
	if o.provider == "" {
		o.provider = "okta scim v2.0"
	}
	org, err := b.emu.CreateOrganization(emulator.Organization{Name: "Acme", Domains: []string{"acme.test"}})
	require.NoError(t, err)
	b.dir, err = b.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: o.provider, RawAttributes: o.raw, InactiveUsers: o.flow, UserGroups: o.groups})
	require.NoError(t, err)
	if o.users > 0 {
		require.NoError(t, b.emu.GenerateUsers(b.dir.ID, o.users, 7))
	}
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	cfg := workos.Config{
		APIKey: "sk_test_engine", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: tr},
		RequestTimeout: 5 * time.Second, RateLimit: -1, MaxRetries: 3,
		BaseBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, MaxRetryAfter: 10 * time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error { b.sleeps.Add(1); return ctx.Err() },
	}
	if o.client != nil {
		o.client(&cfg)
	}
	client, err := workos.New(cfg)
	require.NoError(t, err)
	b.client = client
	b.svc, err = engine.New(engine.Config{DB: b.db, Directory: client})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, b.svc.Close(context.Background())) })

	c, err := db.CreateCompany(ctx, b.db, "Acme")
	require.NoError(t, err)
	b.company = c.ID
	admin, err := db.CreateUser(ctx, b.db, db.NewUser{CompanyID: c.ID, Email: "root@acme.test", Role: db.RoleCompanyAdmin})
	require.NoError(t, err)
	b.admin = admin.ID
	_, err = db.StartDirectoryConnection(ctx, b.db, c.ID, org.ID)
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, b.db, c.ID, db.DirectoryDetails{DirectoryID: b.dir.ID, Provider: o.provider, Name: "Acme", State: "linked"}, time.Now())
	require.NoError(t, err)
	return b
}

// sync runs one sync now and requires it to reach status.
func (b *bundle) sync(t testing.TB, ro engine.RunOptions, status string) *db.SyncRun {
	t.Helper()
	run, err := b.svc.RunNow(context.Background(), b.company, ro)
	require.NoError(t, err)
	require.Equal(t, status, run.Status, "run error: %v, issues: %v", run.Error, run.Issues)
	return run
}

// put creates or replaces a directory user.
func (b *bundle) put(t testing.TB, u emulator.User) emulator.User {
	t.Helper()
	out, err := b.emu.PutUser(b.dir.ID, u)
	require.NoError(t, err)
	return out
}

// users returns the company's users keyed by email.
func (b *bundle) users(t testing.TB) map[string]db.User {
	t.Helper()
	var us []db.User
	require.NoError(t, b.db.NewSelect().Model(&us).Where("company_id = ?", b.company).Scan(context.Background()))
	out := map[string]db.User{}
	for _, u := range us {
		out[u.Email] = u
	}
	return out
}

// snapshot is every users row of the database as text, for before/after comparisons.
func snapshot(t testing.TB, bdb *bun.DB) []string {
	t.Helper()
	var rows []string
	require.NoError(t, bdb.NewRaw("SELECT u::text FROM users u").Scan(context.Background(), &rows))
	sort.Strings(rows)
	return rows
}

func ptr[T any](v T) *T { return &v }
