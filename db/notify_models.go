package db

import (
	"encoding/json"
	"time"

	"github.com/uptrace/bun"
)

// Incident kinds, as stored in notification_incidents.kind. Triggers open and resolve
// all but IncidentWeeklyDigest (migration 20261201070100).
const (
	// IncidentHeldRun is open while runs are held for review (NEEDS_REVIEW); its details
	// name the newest.
	IncidentHeldRun = "held_run"
	// IncidentRunFailed is the first failed SCHEDULE or EVENTS run after a success.
	IncidentRunFailed = "run_failed"
	// IncidentQuarantined is a connection quarantined after repeated failures.
	IncidentQuarantined = "quarantined"
	// IncidentDirectoryBroken is a directory whose WorkOS state left linked/active.
	IncidentDirectoryBroken = "directory_broken"
	// IncidentDirectoryRestored is a broken directory linked again (told once).
	IncidentDirectoryRestored = "directory_restored"
	// IncidentWeeklyDigest is one week's people changes; subject is the week's Monday.
	IncidentWeeklyDigest = "weekly_digest"
)

// Message statuses, as stored in notification_messages.status.
const (
	MessagePending = "PENDING"
	MessageSent    = "SENT"
	MessageFailed  = "FAILED"
	MessageSkipped = "SKIPPED"
)

// NotificationSettings is who a company's alerts go to. A company that never saved
// them gets DefaultNotificationSettings.
type NotificationSettings struct {
	bun.BaseModel `bun:"table:notification_settings"`

	CompanyID string `bun:"company_id,pk,type:uuid"`
	// NotifyAdmins sends alerts to every active company admin who did not opt out; default true.
	NotifyAdmins bool `bun:"notify_admins,notnull"`
	// NotificationEmails are further addresses that get every alert (lower-cased).
	NotificationEmails []string `bun:"notification_emails,array,notnull"`
	// WeeklyDigest sends the week's people changes every Monday; default false.
	WeeklyDigest bool      `bun:"weekly_digest,notnull"`
	UpdatedAt    time.Time `bun:"updated_at,notnull"`
	UpdatedBy    *string   `bun:"updated_by,type:uuid"`
}

// DefaultNotificationSettings are the settings of a company that never saved any.
func DefaultNotificationSettings(companyID string) *NotificationSettings {
	return &NotificationSettings{CompanyID: companyID, NotifyAdmins: true, NotificationEmails: []string{}}
}

// Incident is something that needs a person, with the messages it caused.
type Incident struct {
	bun.BaseModel `bun:"table:notification_incidents"`

	ID        string `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	CompanyID string `bun:"company_id,type:uuid,notnull"`
	// Kind is one of the Incident* constants.
	Kind    string `bun:"kind,notnull"`
	Subject string `bun:"subject,notnull"`
	// Details are the kind's facts (run id, directory state, error, digest), as JSON.
	Details    json.RawMessage `bun:"details,type:jsonb,notnull"`
	OpenedAt   time.Time       `bun:"opened_at,notnull,default:now()"`
	ResolvedAt *time.Time      `bun:"resolved_at"`
}

// Message is one mail of the outbox: an incident told to one recipient.
type Message struct {
	bun.BaseModel `bun:"table:notification_messages"`

	ID         string `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	IncidentID string `bun:"incident_id,type:uuid,notnull"`
	CompanyID  string `bun:"company_id,type:uuid,notnull"`
	Email      string `bun:"email,notnull"`
	// UserID is the admin it goes to; nil for a configured notification address.
	UserID *string `bun:"user_id,type:uuid"`
	// Status is one of the Message* constants.
	Status        string     `bun:"status,notnull"`
	Attempts      int        `bun:"attempts,notnull"`
	NextAttemptAt *time.Time `bun:"next_attempt_at"`
	LeaseUntil    *time.Time `bun:"lease_until"`
	ClaimedBy     *string    `bun:"claimed_by"`
	// LastError is the last failed attempt's SMTP answer.
	LastError *string    `bun:"last_error"`
	SentAt    *time.Time `bun:"sent_at"`
	CreatedAt time.Time  `bun:"created_at,notnull,default:now()"`
}
