package notify_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/notify"
	"github.com/officetogether/dirsync/notify/mailsink"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

const publicURL = "https://app.officetogether.test"

// bundle is one test's database, WorkOS emulator (over HTTP, through our client), sync
// engine, SMTP server and fake clock, with the company Acme Corp: two admins who get
// alerts (root, ann), one who turned them off (bob), a member (mia) and the configured
// address it@acme.test.
type bundle struct {
	dbURL   string
	db      *bun.DB
	emu     *emulator.Emulator
	dir     emulator.Directory
	engine  *engine.Service
	sink    *mailsink.Sink
	clock   *clockwork.FakeClock
	company string
	admin   string
}

func setup(t *testing.T, users int) *bundle {
	t.Helper()
	ctx := context.Background()
	b := &bundle{dbURL: dbtest.NewDatabaseURL(t), clock: clockwork.NewFakeClockAt(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))}
	b.db = b.open(t)
	b.emu = emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit})
	t.Cleanup(func() { _ = b.emu.Close() })
	srv := httptest.NewServer(b.emu)
	t.Cleanup(srv.Close)
	org, err := b.emu.CreateOrganization(emulator.Organization{Name: "Acme Corp", Domains: []string{"acme.test"}})
	require.NoError(t, err)
	b.dir, err = b.emu.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
	require.NoError(t, err)
	require.NoError(t, b.emu.GenerateUsers(b.dir.ID, users, 7))
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	client, err := workos.New(workos.Config{APIKey: "sk_test_notify", Endpoint: srv.URL, HTTPClient: &http.Client{Transport: tr},
		RequestTimeout: 5 * time.Second, RateLimit: -1})
	require.NoError(t, err)
	b.engine, err = engine.New(engine.Config{DB: b.db, Directory: client, Now: b.clock.Now})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, b.engine.Close(context.Background())) })

	c, err := db.CreateCompany(ctx, b.db, "Acme Corp")
	require.NoError(t, err)
	b.company = c.ID
	for _, u := range []db.NewUser{
		{Email: "root@acme.test", FirstName: "Rita", Role: db.RoleCompanyAdmin},
		{Email: "ann@acme.test", FirstName: "Ann", Role: db.RoleCompanyAdmin},
		{Email: "bob@acme.test", FirstName: "Bob", Role: db.RoleCompanyAdmin},
		{Email: "mia@acme.test", FirstName: "Mia", Role: db.RoleMember},
	} {
		u.CompanyID = c.ID
		made, err := db.CreateUser(ctx, b.db, u)
		require.NoError(t, err)
		switch u.Email {
		case "root@acme.test":
			b.admin = made.ID
		case "bob@acme.test":
			require.NoError(t, db.SetAlertsEnabled(ctx, b.db, c.ID, made.ID, false))
		}
	}
	require.NoError(t, db.SaveNotificationSettings(ctx, b.db, &db.NotificationSettings{CompanyID: c.ID, NotifyAdmins: true,
		NotificationEmails: []string{"it@acme.test"}, UpdatedAt: b.clock.Now()}))
	_, err = db.StartDirectoryConnection(ctx, b.db, c.ID, org.ID)
	require.NoError(t, err)
	_, err = db.CompleteDirectoryConnection(ctx, b.db, c.ID, db.DirectoryDetails{DirectoryID: b.dir.ID, Provider: "okta scim v2.0", Name: "Acme Okta", State: "linked"}, b.clock.Now())
	require.NoError(t, err)

	b.sink, err = mailsink.Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.sink.Close() })
	return b
}

// open opens another connection pool on the test's database, as another replica would.
func (b *bundle) open(t *testing.T) *bun.DB {
	t.Helper()
	bdb, err := db.Open(context.Background(), b.dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bdb.Close() })
	return bdb
}

// sender is one replica's sender, named id, delivering to the test's SMTP server.
func (b *bundle) sender(t *testing.T, bdb *bun.DB, id string) *notify.Sender {
	t.Helper()
	mailer, err := notify.NewSMTP(notify.SMTPConfig{URL: b.sink.URL(), Timeout: 5 * time.Second})
	require.NoError(t, err)
	s, err := notify.New(notify.Config{DB: bdb, Mailer: mailer, From: "dirsync@officetogether.test", PublicURL: publicURL,
		Clock: b.clock, ID: id, Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	require.NoError(t, err)
	return s
}

// sync runs one manual sync now and requires it to reach status.
func (b *bundle) sync(t *testing.T, status string) *db.SyncRun {
	t.Helper()
	run, err := b.engine.RunNow(context.Background(), b.company, engine.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, status, run.Status, "run error: %v", run.Error)
	return run
}

// holdRun syncs the directory, removes 12 of its 30 people and syncs again: the guard
// holds that run for review.
func (b *bundle) holdRun(t *testing.T) *db.SyncRun {
	t.Helper()
	b.sync(t, db.RunSucceeded)
	all, err := b.emu.Users(b.dir.ID)
	require.NoError(t, err)
	for _, u := range all[:12] {
		require.NoError(t, b.emu.RemoveUser(u.ID))
	}
	return b.sync(t, db.RunNeedsReview)
}

// received is the parsed mail the SMTP server got, keyed by recipient.
func (b *bundle) received(t *testing.T) map[string]mailsink.Parsed {
	t.Helper()
	out := map[string]mailsink.Parsed{}
	for _, m := range b.sink.Mails() {
		require.Len(t, m.To, 1)
		p, err := mailsink.Parse(m.Raw)
		require.NoError(t, err)
		_, dup := out[m.To[0]]
		require.False(t, dup, "a second mail to %s", m.To[0])
		out[m.To[0]] = p
	}
	return out
}

// messages returns the company's outbox as "email kind status attempts".
func (b *bundle) messages(t *testing.T) []db.ClaimedMessage {
	t.Helper()
	ms, err := db.ListMessages(context.Background(), b.db, b.company, 100)
	require.NoError(t, err)
	return ms
}

func parse(t *testing.T, raw []byte) mailsink.Parsed {
	t.Helper()
	p, err := mailsink.Parse(raw)
	require.NoError(t, err)
	return p
}
