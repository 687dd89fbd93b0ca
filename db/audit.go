package db

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Audit actions recorded by directory sync.
const (
	AuditSetupStarted         = "setup.started"
	AuditSetupCompleted       = "setup.completed"
	AuditDirectoryDisconnect  = "directory.disconnected"
	AuditConfigurationUpdated = "configuration.updated"
	AuditAssignmentChanged    = "assignment.changed"
	AuditRunStarted           = "run.started"
	AuditRunApproved          = "run.approved"
	AuditRunRejected          = "run.rejected"
	// AuditRoleChanged is a user's role changed by a sync run (details: runId, userId,
	// email, from, to).
	AuditRoleChanged = "user.role_changed"
)

// AuditEvent records who changed what in directory sync, and when.
type AuditEvent struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID          string          `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	CompanyID   string          `bun:"company_id,type:uuid,notnull"`
	ActorUserID *string         `bun:"actor_user_id,type:uuid"`
	Action      string          `bun:"action,notnull"`
	Details     json.RawMessage `bun:"details,type:jsonb,notnull"`
	CreatedAt   time.Time       `bun:"created_at,notnull,default:now()"`
}

// RecordAudit stores an audit event; actorUserID is empty for the system.
func RecordAudit(ctx context.Context, idb bun.IDB, companyID, actorUserID, action string, details any) error {
	raw, err := json.Marshal(details)
	if err != nil {
		return fmt.Errorf("encode audit details: %w", err)
	}
	if details == nil {
		raw = []byte("{}")
	}
	ev := &AuditEvent{CompanyID: companyID, ActorUserID: optional(actorUserID), Action: action, Details: raw}
	if _, err := idb.NewInsert().Model(ev).Exec(ctx); err != nil {
		return fmt.Errorf("record audit %s: %w", action, mapError(err))
	}
	return nil
}

// ListAudit returns the company's audit events newest first, after the cursor,
// with one extra row when a page follows.
func ListAudit(ctx context.Context, idb bun.IDB, companyID string, first int, after string) ([]AuditEvent, bool, error) {
	var events []AuditEvent
	q := idb.NewSelect().Model(&events).Where("company_id = ?", companyID).
		OrderExpr("created_at DESC, id DESC").Limit(int64(first + 1))
	if after != "" {
		at, id, err := decodeTimeCursor(after)
		if err != nil {
			return nil, false, err
		}
		q = q.Where("(created_at, id) < (?, ?::uuid)", at, id)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list audit events: %w", mapError(err))
	}
	more := len(events) > first
	if more {
		events = events[:first]
	}
	return events, more, nil
}

// TimeCursor encodes a (time, id) keyset position as an opaque cursor.
func TimeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodeTimeCursor(s string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", ErrInvalidCursor
	}
	ts, id, ok := strings.Cut(string(b), "|")
	at, perr := time.Parse(time.RFC3339Nano, ts)
	if !ok || perr != nil || len(id) != 36 {
		return time.Time{}, "", ErrInvalidCursor
	}
	return at, id, nil
}
