package db

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// ErrInvalidCursor is returned for a malformed directory-user or sync-run page cursor.
var ErrInvalidCursor = errors.New("db: invalid cursor")

// Sync run triggers, as stored in sync_runs.trigger.
const (
	TriggerSchedule = "SCHEDULE"
	TriggerManual   = "MANUAL"
	TriggerEvents   = "EVENTS"
	TriggerSetup    = "SETUP"
)

// Sync run statuses, as stored in sync_runs.status. QUEUED and RUNNING are active: a
// company has at most one active run (unique index sync_runs_one_active_key). A WAITING run
// is a Sync now asked during an active run; it becomes QUEUED when the company is free, and
// at most one waits per company (sync_runs_one_waiting_key). SUPERSEDED is a run held for
// review whose plan a newer plan replaced (a newer held run, or a later applied run): only
// the newest held run asks for review.
const (
	RunWaiting     = "WAITING"
	RunQueued      = "QUEUED"
	RunRunning     = "RUNNING"
	RunSucceeded   = "SUCCEEDED"
	RunFailed      = "FAILED"
	RunNeedsReview = "NEEDS_REVIEW"
	RunRejected    = "REJECTED"
	RunSuperseded  = "SUPERSEDED"
)

// Directory user states in the mirror (WorkOS's; "suspended" is stored as inactive).
const (
	DirectoryUserActive   = "active"
	DirectoryUserInactive = "inactive"
)

// Defaults of a sync configuration that was never saved (DESIGN.md §2).
const (
	DefaultTimeZone               = "UTC"
	DefaultMaxDeactivationPercent = 5.0
	DefaultMaxDeactivationCount   = 10
)

// MaxRunChanges is how many per-user changes a run row keeps in SyncRun.Changes.
const MaxRunChanges = 1000

// DirectoryConnection is a company's WorkOS organization and, once the Admin Portal
// setup is complete, its directory.
type DirectoryConnection struct {
	bun.BaseModel `bun:"table:directory_connections"`

	CompanyID      string `bun:"company_id,pk,type:uuid"`
	OrganizationID string `bun:"organization_id,notnull"`
	// DirectoryID is nil until completeDirectorySetup found the directory.
	DirectoryID *string `bun:"directory_id"`
	// Provider is the WorkOS directory type, e.g. "okta scim v2.0".
	Provider *string `bun:"provider"`
	Name     *string `bun:"name"`
	// State is the directory's current state, normalised by workos.NormalizeDirectoryState:
	// linked, validating, invalid_credentials, unlinked, deleting, or deleted (WorkOS sent
	// dsync.deleted or answers 404 for it).
	State *string `bun:"state"`
	// StateChangedAt is when State last changed; nil before the first change.
	StateChangedAt *time.Time `bun:"state_changed_at"`
	// OtherDirectories are the organization's other active directories, which are never
	// synced unless the admin connects one (or one replaces a deleted directory).
	OtherDirectories []OtherDirectory `bun:"other_directories,type:jsonb,notnull"`
	// MirrorPending means the directory replaced a deleted one and its first pull into the
	// mirror (which changes no user) has not succeeded yet: until it does, runs only pull.
	MirrorPending bool `bun:"mirror_pending,notnull"`
	// RequestedProvider is the directory type the admin picked when setup last started
	// (nil for "not sure"); the IT admin may choose another in the Admin Portal.
	RequestedProvider *string `bun:"requested_provider"`
	// UserCount is the number of directory users in the last successful pull.
	UserCount   int  `bun:"user_count,notnull"`
	Quarantined bool `bun:"quarantined,notnull"`
	// LastError is the client-safe error of the last run when it failed; nil after a success.
	LastError           *string    `bun:"last_error"`
	ConsecutiveFailures int        `bun:"consecutive_failures,notnull"`
	ConnectedAt         *time.Time `bun:"connected_at"`
	DisconnectedAt      *time.Time `bun:"disconnected_at"`
	CreatedAt           time.Time  `bun:"created_at,notnull,default:now()"`
	UpdatedAt           time.Time  `bun:"updated_at,notnull,default:now()"`
}

// Connected reports whether the setup completed and the directory is not disconnected.
func (c *DirectoryConnection) Connected() bool {
	return c.DirectoryID != nil && *c.DirectoryID != "" && c.DisconnectedAt == nil
}

// SyncConfiguration is a company's sync settings. A company that never saved one gets
// DefaultSyncConfiguration (UpdatedAt nil).
type SyncConfiguration struct {
	bun.BaseModel `bun:"table:sync_configurations"`

	CompanyID string `bun:"company_id,pk,type:uuid"`
	// Enabled turns the daily run on; default true.
	Enabled bool `bun:"enabled,notnull"`
	// DailyAt is the chosen "HH:MM" in TimeZone; "" (NULL) when the company never chose
	// one, and then EffectiveDailyAt is its default in the night window.
	DailyAt string `bun:"daily_at,nullzero"`
	// TimeZone is an IANA zone; default "UTC".
	TimeZone string `bun:"time_zone,notnull"`
	// Mapping is a mapping.Mapping as JSON; nil means the default mapping.
	Mapping json.RawMessage `bun:"mapping,type:jsonb,nullzero"`
	// AutoAssignNewUsers assigns directory users seen for the first time; default true.
	AutoAssignNewUsers bool `bun:"auto_assign_new_users,notnull"`
	// MaxDeactivationPercent and MaxDeactivationCount are the guard (default 5 and 10): a run
	// that would inactivate more than both stops as NEEDS_REVIEW.
	MaxDeactivationPercent float64 `bun:"max_deactivation_percent,notnull"`
	MaxDeactivationCount   int     `bun:"max_deactivation_count,notnull"`
	// UpdatedAt is when it was last saved; nil while on defaults.
	UpdatedAt *time.Time `bun:"updated_at"`
	// UpdatedBy is the user who saved it last.
	UpdatedBy *string `bun:"updated_by,type:uuid"`
}

// DefaultSyncConfiguration is the configuration of a company that never saved one.
func DefaultSyncConfiguration(companyID string) *SyncConfiguration {
	return &SyncConfiguration{
		CompanyID: companyID, Enabled: true, TimeZone: DefaultTimeZone,
		AutoAssignNewUsers: true, MaxDeactivationPercent: DefaultMaxDeactivationPercent,
		MaxDeactivationCount: DefaultMaxDeactivationCount,
	}
}

// DirectoryUser is one row of the mirror: the last full record WorkOS returned for a
// directory user, plus the admin's assignment toggle.
type DirectoryUser struct {
	bun.BaseModel `bun:"table:directory_users"`

	CompanyID string `bun:"company_id,pk,type:uuid"`
	// ID is the WorkOS directory user id (directory_user_...).
	ID          string  `bun:"id,pk"`
	DirectoryID string  `bun:"directory_id,notnull"`
	IdpID       *string `bun:"idp_id"`
	// Email is lower-cased; nil when WorkOS has none.
	Email     *string `bun:"email"`
	FirstName *string `bun:"first_name"`
	LastName  *string `bun:"last_name"`
	// State is DirectoryUserActive or DirectoryUserInactive.
	State string `bun:"state,notnull"`
	// Raw is the complete WorkOS directory user object.
	Raw json.RawMessage `bun:"raw,type:json,notnull"`
	// RawSHA256 is the SHA-256 of Raw exactly as WorkOS sent it; a pull skips users whose
	// digest is unchanged.
	RawSHA256 []byte `bun:"raw_sha256,notnull"`
	// Assigned is the admin's toggle: only assigned users are synced.
	Assigned        bool       `bun:"assigned,notnull"`
	WorkOSUpdatedAt *time.Time `bun:"workos_updated_at"`
	// LastChangedRun is the run whose pull last inserted or changed this row.
	LastChangedRun *string   `bun:"last_changed_run,type:uuid"`
	CreatedAt      time.Time `bun:"created_at,notnull,default:now()"`
	UpdatedAt      time.Time `bun:"updated_at,notnull,default:now()"`
}

// SyncIssue is a problem with one directory record found by a run.
type SyncIssue struct {
	DirectoryUserID string `json:"directoryUserId,omitempty"`
	Email           string `json:"email,omitempty"`
	// Kind is missing_email, duplicate_email, unmatched_office, wrong_type,
	// too_many_values, last_admin, deactivation_guard, field_guard or admin_guard.
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Value is the directory value the issue is about, where one is (the office value of
	// unmatched_office), so that issues group by it.
	Value string `json:"value,omitempty"`
}

// SyncChange is one planned or applied change to a user.
type SyncChange struct {
	// Action is CREATE, UPDATE, DEACTIVATE or REACTIVATE.
	Action          string        `json:"action"`
	UserID          string        `json:"userId,omitempty"`
	DirectoryUserID string        `json:"directoryUserId,omitempty"`
	Email           string        `json:"email"`
	Name            string        `json:"name"`
	Fields          []FieldChange `json:"fields"`
}

// FieldChange is one field's old and new value; nil means no value.
type FieldChange struct {
	Field string  `json:"field"`
	From  *string `json:"from"`
	To    *string `json:"to"`
}

// SyncRun is one run of the sync engine. Plan is only loaded by LoadSyncRunPlan.
type SyncRun struct {
	bun.BaseModel `bun:"table:sync_runs"`

	ID        string `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	CompanyID string `bun:"company_id,type:uuid,notnull"`
	// Trigger is one of the Trigger* constants.
	Trigger string `bun:"trigger,notnull"`
	// Status is one of the Run* constants.
	Status string `bun:"status,notnull"`
	// DryRun runs only report what they would change.
	DryRun bool `bun:"dry_run,notnull"`
	// StartedBy is the admin who started a manual run.
	StartedBy   *string    `bun:"started_by,type:uuid"`
	QueuedAt    time.Time  `bun:"queued_at,notnull"`
	StartedAt   *time.Time `bun:"started_at"`
	FinishedAt  *time.Time `bun:"finished_at"`
	Fetched     int        `bun:"fetched,notnull"`
	Created     int        `bun:"created,notnull"`
	Updated     int        `bun:"updated,notnull"`
	Deactivated int        `bun:"deactivated,notnull"`
	Reactivated int        `bun:"reactivated,notnull"`
	Unchanged   int        `bun:"unchanged,notnull"`
	Skipped     int        `bun:"skipped,notnull"`
	// Progress is 0..1.
	Progress float64      `bun:"progress,notnull"`
	Issues   []SyncIssue  `bun:"issues,type:jsonb,notnull"`
	Changes  []SyncChange `bun:"changes,type:jsonb,notnull"`
	// Error is the client-safe reason a run failed.
	Error        *string    `bun:"error"`
	ScheduledFor *time.Time `bun:"scheduled_for"`
	LeaseUntil   *time.Time `bun:"lease_until"`
	ClaimedBy    *string    `bun:"claimed_by"`
	// ApprovedBy and ApprovedAt say who applied a held run and when; nil for a run applied
	// without review.
	ApprovedBy *string    `bun:"approved_by,type:uuid"`
	ApprovedAt *time.Time `bun:"approved_at"`
	// IssueCount and ChangeCount are set by ListSyncRunSummaries, which leaves Issues and
	// Changes empty.
	IssueCount  int `bun:"issue_count,scanonly"`
	ChangeCount int `bun:"change_count,scanonly"`
}

// Active reports whether the run is QUEUED or RUNNING.
func (r *SyncRun) Active() bool { return r.Status == RunQueued || r.Status == RunRunning }

// Duration is how long the run took; zero until it finished.
func (r *SyncRun) Duration() time.Duration {
	if r.StartedAt == nil || r.FinishedAt == nil {
		return 0
	}
	return r.FinishedAt.Sub(*r.StartedAt)
}
