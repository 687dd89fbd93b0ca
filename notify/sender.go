package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// Defaults of Config.
const (
	DefaultInterval    = 15 * time.Second
	DefaultLease       = 5 * time.Minute
	DefaultMaxAttempts = 8
	// claimBatch is how many messages one claim takes: with the SMTP client's 30-second
	// bound per mail, a batch is sent well within DefaultLease, so no other sender can
	// take a message over while it waits its turn.
	claimBatch = 5
)

// Config wires a Sender.
type Config struct {
	// DB holds the outbox.
	DB *bun.DB
	// Mailer delivers mail; nil means mail is off: messages stay PENDING (visible in the
	// app) and New logs that once.
	Mailer Mailer
	// From is the sender address (DIRSYNC_MAIL_FROM); required with a Mailer.
	From string
	// PublicURL is the app's URL for links (DIRSYNC_PUBLIC_URL); without it mails carry none.
	PublicURL string
	// Clock drives the loop, leases and retries; default the real clock.
	Clock clockwork.Clock
	// Interval is how often the loop looks for due messages and digests; default 15s.
	Interval time.Duration
	// Lease is how long a claimed message is this sender's; default 5 minutes.
	Lease time.Duration
	// MaxAttempts is how many tries a message gets before it is FAILED; default 8.
	MaxAttempts int
	// Backoff is the wait before attempt n+1 after n failed; default 1m·4^(n-1), at most 6h.
	Backoff func(attempt int) time.Duration
	// ID names this sender in claims; default host name, process id and a random suffix.
	ID string
	// Logger receives outcomes; default slog.Default().
	Logger *slog.Logger
}

// Sender delivers the outbox: every replica runs one, and the claims in PostgreSQL give
// each message to one sender at a time.
type Sender struct {
	cfg    Config
	stop   context.CancelFunc
	done   chan struct{}
	once   sync.Once
	poke   chan struct{}
	logger *slog.Logger
}

// New checks cfg and fills its defaults.
func New(cfg Config) (*Sender, error) {
	if cfg.DB == nil {
		return nil, errors.New("notify: DB is required")
	}
	if cfg.Mailer != nil && cfg.From == "" {
		return nil, errors.New("notify: DIRSYNC_MAIL_FROM is required when DIRSYNC_SMTP_URL is set")
	}
	if cfg.Clock == nil {
		cfg.Clock = clockwork.NewRealClock()
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.Backoff == nil {
		cfg.Backoff = defaultBackoff
	}
	if cfg.ID == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		cfg.ID = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Sender{cfg: cfg, poke: make(chan struct{}, 1), logger: cfg.Logger.With("component", "notify")}
	if cfg.Mailer == nil {
		s.logger.Warn("DIRSYNC_SMTP_URL is not set: alert mail is off; alerts stay visible in the app (Settings > Directory Sync > Notifications)")
	}
	return s, nil
}

func defaultBackoff(attempt int) time.Duration {
	d := time.Minute
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 4
	}
	return min(d, 6*time.Hour)
}

// MailOn reports whether mail is configured.
func (s *Sender) MailOn() bool { return s.cfg.Mailer != nil }

// Start runs the loop until Stop: every Interval it queues due digests and sends due messages.
func (s *Sender) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stop, s.done = cancel, make(chan struct{})
	go func() {
		defer close(s.done)
		t := s.cfg.Clock.NewTicker(s.cfg.Interval)
		defer t.Stop()
		for {
			if _, err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
				s.logger.Error("delivering notifications", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.Chan():
			case <-s.poke:
			}
		}
	}()
}

// Poke makes a started loop look for due messages now.
func (s *Sender) Poke() {
	select {
	case s.poke <- struct{}{}:
	default:
	}
}

// Stop ends the loop and waits for the delivery in progress.
func (s *Sender) Stop() {
	s.once.Do(func() {
		if s.stop != nil {
			s.stop()
			<-s.done
		}
	})
}

// RunOnce queues the digests that are due and, with mail on, sends every due message
// (claiming batches until none is left). It returns how many mails the server accepted.
func (s *Sender) RunOnce(ctx context.Context) (int, error) {
	if _, err := QueueDigests(ctx, s.cfg.DB, s.cfg.Clock.Now()); err != nil {
		return 0, err
	}
	if s.cfg.Mailer == nil {
		return 0, nil
	}
	sent := 0
	for {
		now := s.cfg.Clock.Now()
		batch, err := db.ClaimMessages(ctx, s.cfg.DB, s.cfg.ID, now, now.Add(s.cfg.Lease), claimBatch)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for i := range batch {
			ok, err := s.deliver(ctx, &batch[i])
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
}

// deliver sends one claimed message and records the outcome.
func (s *Sender) deliver(ctx context.Context, m *db.ClaimedMessage) (bool, error) {
	log := s.logger.With("message", m.ID, "kind", m.Kind, "company", m.CompanyID, "attempt", m.Attempts)
	var outcome db.MessageOutcome
	c, err := contentOf(m.Kind, m.Details, m.CompanyName, s.cfg.PublicURL)
	c.Listed = m.UserID == nil
	var mail Mail
	if err == nil {
		mail, err = render(c, s.cfg.From, m.Email, s.cfg.Clock.Now())
	}
	if err != nil {
		outcome.Error = err.Error()
		log.Error("cannot write the mail", "err", err)
	} else if err = s.cfg.Mailer.Send(ctx, mail); err == nil {
		outcome.Sent = true
		log.Info("alert mail sent")
	} else {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		outcome.Error = err.Error()
		if !Permanent(err) && m.Attempts < s.cfg.MaxAttempts {
			at := s.cfg.Clock.Now().Add(s.cfg.Backoff(m.Attempts))
			outcome.RetryAt = &at
		}
		log.Warn("alert mail not sent", "err", err, "retry", outcome.RetryAt != nil)
	}
	if err := db.FinishMessage(ctx, s.cfg.DB, m.ID, s.cfg.ID, s.cfg.Clock.Now(), outcome); err != nil {
		if errors.Is(err, db.ErrConflict) {
			log.Warn("message was taken over by another sender after its lease passed")
			return outcome.Sent, nil
		}
		return outcome.Sent, err
	}
	return outcome.Sent, nil
}
