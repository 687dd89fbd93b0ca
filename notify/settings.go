package notify

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// SettingsUpdate changes a company's notification settings; nil fields stay as they are.
type SettingsUpdate struct {
	NotifyAdmins *bool
	// NotificationEmails replaces the whole list when not nil.
	NotificationEmails []string
	WeeklyDigest       *bool
}

// Empty reports whether the update changes nothing.
func (u SettingsUpdate) Empty() bool {
	return u.NotifyAdmins == nil && u.NotificationEmails == nil && u.WeeklyDigest == nil
}

// MergeSettings validates u over the company's saved settings and returns the result to
// save as actor at now; an *InvalidEmailError names a bad address. Nothing is written.
func MergeSettings(ctx context.Context, idb bun.IDB, companyID, actor string, u SettingsUpdate, now time.Time) (*db.NotificationSettings, error) {
	s, err := db.GetNotificationSettings(ctx, idb, companyID)
	if err != nil {
		return nil, err
	}
	if u.NotificationEmails != nil {
		if s.NotificationEmails, err = NormalizeEmails(u.NotificationEmails); err != nil {
			return nil, err
		}
	}
	if u.NotifyAdmins != nil {
		s.NotifyAdmins = *u.NotifyAdmins
	}
	if u.WeeklyDigest != nil {
		s.WeeklyDigest = *u.WeeklyDigest
	}
	s.UpdatedAt, s.UpdatedBy = now, nil
	if actor != "" {
		s.UpdatedBy = &actor
	}
	return s, nil
}
