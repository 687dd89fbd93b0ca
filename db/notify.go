package db

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// GetNotificationSettings loads the company's notification settings, or the defaults.
func GetNotificationSettings(ctx context.Context, idb bun.IDB, companyID string) (*NotificationSettings, error) {
	s := new(NotificationSettings)
	err := idb.NewSelect().Model(s).Where("company_id = ?", companyID).Scan(ctx)
	if err != nil {
		if err = mapError(err); err == ErrNotFound {
			return DefaultNotificationSettings(companyID), nil
		}
		return nil, fmt.Errorf("get notification settings: %w", err)
	}
	return s, nil
}

// SaveNotificationSettings inserts or replaces the company's notification settings; the
// caller validates them.
func SaveNotificationSettings(ctx context.Context, idb bun.IDB, s *NotificationSettings) error {
	if s.NotificationEmails == nil {
		s.NotificationEmails = []string{}
	}
	_, err := idb.NewInsert().Model(s).On("CONFLICT (company_id) DO UPDATE").
		Set("notify_admins = EXCLUDED.notify_admins, notification_emails = EXCLUDED.notification_emails").
		Set("weekly_digest = EXCLUDED.weekly_digest, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by").
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("save notification settings: %w", mapError(err))
	}
	return nil
}

// AlertsEnabled reports whether the user gets directory sync alerts (true unless they
// turned them off).
func AlertsEnabled(ctx context.Context, idb bun.IDB, userID string) (bool, error) {
	off, err := idb.NewSelect().Table("notification_opt_outs").Where("user_id = ?", userID).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("read alert setting: %w", mapError(err))
	}
	return !off, nil
}

// SetAlertsEnabled turns directory sync alerts on or off for one user of the company.
func SetAlertsEnabled(ctx context.Context, idb bun.IDB, companyID, userID string, on bool) error {
	var err error
	if on {
		_, err = idb.ExecContext(ctx, "DELETE FROM notification_opt_outs WHERE user_id = ?", userID)
	} else {
		_, err = idb.ExecContext(ctx, `INSERT INTO notification_opt_outs (user_id, company_id) VALUES (?, ?)
ON CONFLICT (user_id) DO NOTHING`, userID, companyID)
	}
	if err != nil {
		return fmt.Errorf("save alert setting: %w", mapError(err))
	}
	return nil
}

// ClaimedMessage is a message a sender claimed, with what it needs to write the mail.
type ClaimedMessage struct {
	Message
	Kind        string          `bun:"kind"`
	Details     json.RawMessage `bun:"details"`
	OpenedAt    time.Time       `bun:"opened_at"`
	CompanyName string          `bun:"company_name"`
}

// ClaimMessages leases up to limit due PENDING messages to claimedBy until leaseUntil
// and counts the attempt; a message another sender holds (lease not passed) is not
// taken, so each is sent by one sender at a time across replicas. Messages whose
// open-until-cleared incident was resolved first become SKIPPED instead.
func ClaimMessages(ctx context.Context, idb bun.IDB, claimedBy string, now, leaseUntil time.Time, limit int) ([]ClaimedMessage, error) {
	_, err := idb.ExecContext(ctx, `
UPDATE notification_messages m SET status = 'SKIPPED', lease_until = NULL
FROM notification_incidents i
WHERE i.id = m.incident_id AND m.status = 'PENDING' AND i.resolved_at IS NOT NULL
  AND i.kind IN (?, ?, ?, ?) AND (m.lease_until IS NULL OR m.lease_until < ?)`,
		IncidentHeldRun, IncidentRunFailed, IncidentQuarantined, IncidentDirectoryBroken, now)
	if err != nil {
		return nil, fmt.Errorf("skip messages of resolved incidents: %w", mapError(err))
	}
	var out []ClaimedMessage
	err = idb.NewRaw(`
WITH due AS (
    SELECT id FROM notification_messages
    WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
      AND (lease_until IS NULL OR lease_until < ?)
    ORDER BY next_attempt_at NULLS FIRST, created_at
    LIMIT ? FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE notification_messages m SET claimed_by = ?, lease_until = ?, attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.*
)
SELECT claimed.*, i.kind, i.details, i.opened_at, c.name AS company_name
FROM claimed
JOIN notification_incidents i ON i.id = claimed.incident_id
JOIN companies c ON c.id = claimed.company_id
ORDER BY claimed.created_at, claimed.email`, now, now, limit, claimedBy, leaseUntil).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("claim messages: %w", mapError(err))
	}
	return out, nil
}

// MessageOutcome is how one attempt to send a message ended.
type MessageOutcome struct {
	// Sent is true when the SMTP server accepted the mail.
	Sent bool
	// Error is the failed attempt's SMTP answer.
	Error string
	// RetryAt is when to try again; nil with !Sent gives up (FAILED).
	RetryAt *time.Time
}

// FinishMessage records an attempt's outcome on a message claimedBy still holds;
// ErrConflict when its lease passed and another sender took it over.
func FinishMessage(ctx context.Context, idb bun.IDB, id, claimedBy string, now time.Time, o MessageOutcome) error {
	q := idb.NewUpdate().Model((*Message)(nil)).Where("id = ? AND status = ? AND claimed_by = ?", id, MessagePending, claimedBy).
		Set("lease_until = NULL")
	switch {
	case o.Sent:
		q = q.Set("status = ?, sent_at = ?, last_error = NULL", MessageSent, now)
	case o.RetryAt != nil:
		q = q.Set("next_attempt_at = ?, last_error = ?", *o.RetryAt, o.Error)
	default:
		q = q.Set("status = ?, last_error = ?", MessageFailed, o.Error)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("record message outcome: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("record message outcome: %w: the message was taken over", ErrConflict)
	}
	return nil
}

// ListMessages returns the company's most recent messages with their incident's kind,
// newest first (at most limit, 1..100).
func ListMessages(ctx context.Context, idb bun.IDB, companyID string, limit int) ([]ClaimedMessage, error) {
	var out []ClaimedMessage
	err := idb.NewRaw(`
SELECT m.*, i.kind, i.details, i.opened_at, c.name AS company_name
FROM notification_messages m
JOIN notification_incidents i ON i.id = m.incident_id
JOIN companies c ON c.id = m.company_id
WHERE m.company_id = ?
ORDER BY m.created_at DESC, m.email LIMIT ?`, companyID, min(max(limit, 1), 100)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", mapError(err))
	}
	return out, nil
}
