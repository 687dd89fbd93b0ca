package notify_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/notify"
)

// TestHeldRunMailsEachAdminOnce: a run the guard holds mails every admin who wants
// alerts and the configured address, once, with the link to that run; nobody else.
func TestHeldRunMailsEachAdminOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 30)
	held := b.holdRun(t)
	s := b.sender(t, b.db, "replica-a")

	sent, err := s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, sent)
	got := b.received(t)
	require.ElementsMatch(t, []string{"root@acme.test", "ann@acme.test", "it@acme.test"}, keys(got))
	link := publicURL + "/settings/directory-sync/history?review=" + held.ID
	for to, m := range got {
		require.Equal(t, "Acme Corp: a directory sync is waiting for your review", m.Subject, to)
		require.Equal(t, to, m.Header.Get("To"))
		require.Contains(t, m.Text, "would inactivate 12 people", to)
		require.Contains(t, m.Text, "Review the held run: "+link, to)
		require.Contains(t, m.HTML, `href="`+link+`"`, to)
		require.NotContains(t, m.Text+m.HTML, "sk_test_notify")
		require.Equal(t, to == "it@acme.test", strings.Contains(m.Text, "This address is in the company's notification settings."), to)
	}
	if path := os.Getenv("NOTIFY_SAMPLE_MAIL"); path != "" {
		require.NoError(t, os.WriteFile(path, b.sink.Mails()[0].Raw, 0o644))
	}

	again, err := s.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, again)
	require.Len(t, b.sink.Mails(), 3)
	for _, m := range b.messages(t) {
		require.Equal(t, db.MessageSent, m.Status, m.Email)
		require.Equal(t, 1, m.Attempts)
	}

	// The next run is held too: the same incident, not told again.
	b.clock.Advance(time.Hour)
	newer := b.sync(t, db.RunNeedsReview)
	again, err = s.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, again)
	require.Equal(t, []string{"held_run open"}, b.incidents(t))

	// The newer plan superseded the older held run: only the current one asks for review.
	items, err := db.Attention(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Len(t, items, 1)
	require.Equal(t, newer.ID, items[0].RunID)
	stored, err := db.GetSyncRun(ctx, b.db, b.company, held.ID)
	require.NoError(t, err)
	require.Equal(t, db.RunSuperseded, stored.Status)
	require.Equal(t, []string{"held_run open"}, b.incidents(t))
	// Once an admin decided the held run, nobody is needed: the banner's items are gone.
	_, err = b.engine.Reject(ctx, b.company, newer.ID, b.admin)
	require.NoError(t, err)
	require.Equal(t, []string{"held_run closed"}, b.incidents(t))
	items, err = db.Attention(ctx, b.db, b.company)
	require.NoError(t, err)
	require.Empty(t, items)
}

// TestOneMessagePerIncidentAcrossReplicas: two senders on their own connection pools to
// one database deliver each message once.
func TestOneMessagePerIncidentAcrossReplicas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 30)
	b.holdRun(t)
	senders := []*notify.Sender{b.sender(t, b.open(t), "replica-a"), b.sender(t, b.open(t), "replica-b")}

	var wg sync.WaitGroup
	counts := make([]int, len(senders))
	for i, s := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := s.RunOnce(ctx)
			require.NoError(t, err)
			counts[i] = n
		}()
	}
	wg.Wait()
	require.Equal(t, 3, counts[0]+counts[1])
	require.Len(t, b.received(t), 3)
	for _, s := range senders {
		n, err := s.RunOnce(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
	}
	require.Len(t, b.sink.Mails(), 3)
}

// TestRetryAfterRefusal: a message the SMTP server refuses for now is tried again after
// the backoff, not before, and then sent.
func TestRetryAfterRefusal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, 30)
	b.holdRun(t)
	s := b.sender(t, b.db, "replica-a")
	b.sink.RefuseNext(1)

	sent, err := s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, sent)
	var refused db.ClaimedMessage
	for _, m := range b.messages(t) {
		if m.Status == db.MessagePending {
			refused = m
		}
	}
	require.Equal(t, 1, refused.Attempts)
	require.Contains(t, *refused.LastError, "451")
	require.Equal(t, b.clock.Now().Add(time.Minute), refused.NextAttemptAt.UTC())

	b.clock.Advance(59 * time.Second)
	sent, err = s.RunOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, sent)
	b.clock.Advance(time.Second)
	sent, err = s.RunOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, sent)
	got := b.received(t)
	require.Len(t, got, 3)
	require.Contains(t, got, refused.Email)
	for _, m := range b.messages(t) {
		require.Equal(t, db.MessageSent, m.Status, m.Email)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
