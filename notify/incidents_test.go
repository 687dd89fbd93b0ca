package notify_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

// openIncidents returns the company's incidents as "kind resolved?" in order.
func (b *bundle) incidents(t *testing.T) []string {
	t.Helper()
	var out []string
	require.NoError(t, b.db.NewRaw(`SELECT kind || CASE WHEN resolved_at IS NULL THEN ' open' ELSE ' closed' END
FROM notification_incidents WHERE company_id = ? ORDER BY opened_at, kind`, b.company).Scan(context.Background(), &out))
	return out
}

func (b *bundle) setState(t *testing.T, state string) {
	t.Helper()
	_, err := b.db.NewUpdate().Model((*db.DirectoryConnection)(nil)).Where("company_id = ?", b.company).
		Set("state = ?", state).Exec(context.Background())
	require.NoError(t, err)
}

// TestDirectoryStateIncidents: a directory leaving linked is told once (moving between
// broken states is not news), shows in attention, and coming back is told once.
func TestDirectoryStateIncidents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 3)
	s := b.sender(t, b.db, "replica-a")
	b.setState(t, "validating")
	b.setState(t, "linked")
	require.Empty(t, b.incidents(t))

	b.setState(t, "invalid_credentials")
	b.setState(t, "deleted")
	items, err := db.Attention(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Len(t, items, 1)
	require.Equal(t, db.IncidentDirectoryBroken, items[0].Kind)
	require.Equal(t, "deleted", *items[0].State)
	sent, err := s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, sent)
	got := b.received(t)
	require.Equal(t, "Acme Corp: the directory connection needs attention (invalid credentials)", got["ann@acme.test"].Subject)
	require.Contains(t, got["ann@acme.test"].Text, "Open Directory Sync: "+publicURL+"/settings/directory-sync\r\n")

	b.setState(t, "active")
	require.Equal(t, []string{"directory_broken closed", "directory_restored closed"}, b.incidents(t))
	sent, err = s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, sent)
	items, err = db.Attention(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Empty(t, items)

	// An admin's own disconnect is no alert.
	b.setState(t, "invalid_credentials")
	require.NoError(t, db.DisconnectDirectoryConnection(ctx, b.db, b.company, b.clock.Now()))
	sent, err = s.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, sent, "the open incident was resolved before it was sent")
	require.Len(t, b.sink.Mails(), 6)
}

// TestFailureAndQuarantineIncidents: the first failed scheduled run after a success is
// told, the next failures are not, quarantine is, and a success closes both.
func TestFailureAndQuarantineIncidents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 3)
	fail := func(trigger string) {
		t.Helper()
		run, _, err := db.InsertQueuedRun(ctx, b.db, &db.SyncRun{CompanyID: b.company, Trigger: trigger})
		require.NoError(t, err)
		_, err = db.SetRunStatus(ctx, b.db, b.company, run.ID, db.RunQueued, db.RunFailed, b.clock.Now())
		require.NoError(t, err)
		msg := "WorkOS is unavailable"
		require.NoError(t, db.RecordConnectionResult(ctx, b.db, b.company, 0, &msg, b.clock.Now()))
	}
	fail(db.TriggerSchedule)
	require.Empty(t, b.incidents(t), "no success yet: nothing worked before")

	b.sync(t, db.RunSucceeded)
	fail(db.TriggerManual)
	require.Empty(t, b.incidents(t), "the admin who ran it saw it fail")
	fail(db.TriggerSchedule)
	require.Equal(t, []string{"run_failed open"}, b.incidents(t))
	fail(db.TriggerEvents)
	require.Equal(t, []string{"run_failed open", "quarantined open"}, b.incidents(t))
	items, err := db.Attention(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Len(t, items, 1)
	require.Equal(t, db.IncidentQuarantined, items[0].Kind)

	s := b.sender(t, b.db, "replica-a")
	sent, err := s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 6, sent)
	var subjects []string
	for _, m := range b.sink.Mails()[:] {
		if m.To[0] == "root@acme.test" {
			subjects = append(subjects, parse(t, m.Raw).Subject)
		}
	}
	require.ElementsMatch(t, []string{"Acme Corp: directory sync failed", "Acme Corp: directory sync is paused after repeated failures"}, subjects)

	b.sync(t, db.RunSucceeded)
	require.Equal(t, []string{"run_failed closed", "quarantined closed"}, b.incidents(t))
}
