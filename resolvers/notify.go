package resolvers

import (
	"context"
	"errors"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/notify"
)

// notificationSettings validates the notification fields of a configuration input and
// returns the settings to save, or nil when the input has none.
func (r *Resolver) notificationSettings(ctx context.Context, v auth.Viewer, in model.SyncConfigurationInput) (*db.NotificationSettings, error) {
	u := notify.SettingsUpdate{NotifyAdmins: in.NotifyAdmins, NotificationEmails: in.NotificationEmails, WeeklyDigest: in.WeeklyDigest}
	if u.Empty() {
		return nil, nil
	}
	s, err := notify.MergeSettings(ctx, r.DB, v.CompanyID, v.UserID, u, r.now())
	var bad *notify.InvalidEmailError
	if errors.As(err, &bad) {
		return nil, inputErr("notificationEmails", "%s", bad.Error())
	}
	return s, err
}

// withNotificationSettings fills the notification fields of a configuration.
func (r *Resolver) withNotificationSettings(ctx context.Context, companyID string, c *model.SyncConfiguration) (*model.SyncConfiguration, error) {
	s, err := db.GetNotificationSettings(ctx, r.DB, companyID)
	if err != nil {
		return nil, err
	}
	c.NotifyAdmins, c.NotificationEmails, c.WeeklyDigest = s.NotifyAdmins, s.NotificationEmails, s.WeeklyDigest
	return c, nil
}

var attentionKinds = map[string]model.AttentionKind{
	db.IncidentHeldRun:         model.AttentionKindHeldRun,
	db.IncidentDirectoryBroken: model.AttentionKindDirectoryBroken,
	db.IncidentQuarantined:     model.AttentionKindQuarantined,
}

func toAttentionItem(it db.AttentionItem) *model.AttentionItem {
	d := notify.DescribeAttention(it)
	out := &model.AttentionItem{Kind: attentionKinds[it.Kind], Message: d.Message, ActionLabel: d.ActionLabel, Path: d.Path, Since: it.Since}
	if it.RunID != "" {
		out.RunID = &it.RunID
	}
	return out
}

func toNotification(m db.ClaimedMessage) *model.Notification {
	return &model.Notification{
		ID: m.ID, Kind: m.Kind, Subject: notify.Subject(m.Kind, m.Details, m.CompanyName), Email: m.Email,
		Status: model.NotificationStatus(m.Status), Attempts: m.Attempts, LastError: m.LastError,
		CreatedAt: m.CreatedAt, SentAt: m.SentAt,
	}
}
