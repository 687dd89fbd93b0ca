package resolvers

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
	"github.com/officetogether/dirsync/sync/schedule"
	"github.com/officetogether/dirsync/sync/setup"
	"github.com/officetogether/dirsync/sync/workos"
)

func toConnection(c *db.DirectoryConnection, providers []workos.Provider) *model.DirectoryConnection {
	out := &model.DirectoryConnection{
		ID:             c.CompanyID,
		OrganizationID: c.OrganizationID,
		DirectoryID:    deref(c.DirectoryID),
		Provider:       deref(c.Provider),
		Name:           deref(c.Name),
		State:          workos.NormalizeDirectoryState(deref(c.State)),
		UserCount:      c.UserCount,
		Quarantined:    c.Quarantined,
		LastError:      storedError(c.LastError),
		StateChangedAt: c.StateChangedAt,
	}
	out.StateLabel, out.StateExplanation = engine.DirectoryStateText(out.State)
	out.Healthy = workos.DirectoryUsable(out.State)
	out.ProviderName = providerName(out.Provider, providers)
	if req := deref(c.RequestedProvider); req != "" && req != out.Provider {
		name := providerName(req, providers)
		out.RequestedProvider, out.RequestedProviderName = &req, &name
	}
	out.OtherDirectories = make([]*model.OtherDirectory, 0, len(c.OtherDirectories))
	for _, o := range c.OtherDirectories {
		out.OtherDirectories = append(out.OtherDirectories, &model.OtherDirectory{
			ID: o.ID, Provider: o.Provider, ProviderName: providerName(o.Provider, providers), Name: o.Name, State: o.State})
	}
	if c.ConnectedAt != nil {
		out.ConnectedAt = *c.ConnectedAt
	}
	return out
}

// providerName is the display name of a WorkOS directory type, or the type itself.
// toDisconnected is the directory an admin disconnected; nil when c is not disconnected
// (connected, or reopened by a new setup).
func toDisconnected(c *db.DirectoryConnection, providers []workos.Provider) *model.DisconnectedDirectory {
	if c.DisconnectedAt == nil || deref(c.DirectoryID) == "" {
		return nil
	}
	return &model.DisconnectedDirectory{
		DirectoryID: *c.DirectoryID, Provider: deref(c.Provider), ProviderName: providerName(deref(c.Provider), providers),
		Name: deref(c.Name), DisconnectedAt: *c.DisconnectedAt,
	}
}

// toSetupLink is an Admin Portal link with the provider the admin picked.
func toSetupLink(l setup.Link, providers []workos.Provider) *model.DirectorySetupLink {
	out := &model.DirectorySetupLink{URL: l.URL, ExpiresAt: l.ExpiresAt}
	if l.Provider != "" {
		name := providerName(l.Provider, providers)
		out.Provider, out.ProviderName = &l.Provider, &name
	}
	return out
}

func providerName(typ string, providers []workos.Provider) string {
	for _, p := range providers {
		if p.Type == typ {
			return p.Name
		}
	}
	return typ
}

// directoryIDArg checks completeDirectorySetup's optional directoryId (TextGuard has
// refused NUL and invalid UTF-8 already).
func directoryIDArg(id *string) (string, error) {
	if id == nil {
		return "", nil
	}
	v := strings.TrimSpace(*id)
	if v == "" || len(v) > 100 {
		return "", inputErr("directoryId", "not a WorkOS directory id")
	}
	return v, nil
}

func toConfiguration(c *db.SyncConfiguration, connected bool, now time.Time) (*model.SyncConfiguration, error) {
	m, err := engine.MappingOf(c)
	if err != nil {
		return nil, err
	}
	out := &model.SyncConfiguration{
		Enabled:                c.Enabled,
		DailyAt:                c.EffectiveDailyAt(),
		DailyAtDefault:         c.DailyAt == "",
		TimeZone:               c.TimeZone,
		Mapping:                toFieldMapping(m),
		AutoAssignNewUsers:     c.AutoAssignNewUsers,
		MaxDeactivationPercent: c.MaxDeactivationPercent,
		MaxDeactivationCount:   c.MaxDeactivationCount,
		UpdatedAt:              c.UpdatedAt,
	}
	if c.Enabled && connected {
		if next, err := schedule.NextRun(c.EffectiveDailyAt(), c.TimeZone, now); err == nil {
			out.NextRunAt = &next
		}
	}
	return out, nil
}

func toFieldMapping(m mapping.Mapping) *model.FieldMapping {
	out := &model.FieldMapping{
		FirstName: optional(m.FirstName), LastName: optional(m.LastName), Email: m.Email,
		JobTitle: optional(m.JobTitle), Department: optional(m.Department), Division: optional(m.Division),
		Office: optional(m.Office), Tags: m.TagPointers(), TagFields: toTagFields(m.TagFields),
		ValueAliases: make([]*model.ValueAlias, len(m.ValueAliases)),
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	for i, a := range m.ValueAliases {
		out.ValueAliases[i] = &model.ValueAlias{Field: a.Field, From: a.From, To: a.To}
	}
	return out
}

func fromFieldMappingInput(in *model.FieldMappingInput) *mapping.Mapping {
	if in == nil {
		return nil
	}
	m := &mapping.Mapping{
		FirstName: deref(in.FirstName), LastName: deref(in.LastName), Email: in.Email,
		JobTitle: deref(in.JobTitle), Department: deref(in.Department), Division: deref(in.Division),
		Office: deref(in.Office), Tags: in.Tags, TagFields: fromTagFieldInputs(in.TagFields),
	}
	for _, a := range in.ValueAliases {
		m.ValueAliases = append(m.ValueAliases, mapping.ValueAlias{Field: a.Field, From: a.From, To: a.To})
	}
	return m
}

func toSyncRun(r *db.SyncRun) *model.SyncRun {
	out := &model.SyncRun{
		ID: r.ID, Trigger: model.SyncTrigger(r.Trigger), Status: model.SyncRunStatus(r.Status), DryRun: r.DryRun,
		QueuedAt: r.QueuedAt, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
		Fetched: r.Fetched, Created: r.Created, Updated: r.Updated, Deactivated: r.Deactivated,
		Reactivated: r.Reactivated, Unchanged: r.Unchanged, Skipped: r.Skipped, Progress: r.Progress,
		Issues: toSyncIssues(r.Issues), Changes: make([]*model.SyncChange, len(r.Changes)), Error: storedError(r.Error),
		IssueCount: max(r.IssueCount, len(r.Issues)), ChangeCount: max(r.ChangeCount, len(r.Changes)),
	}
	if r.DryRun {
		out.Trigger = model.SyncTriggerDryRun
	}
	if r.StartedBy != nil {
		out.StartedBy = &model.User{ID: *r.StartedBy} // loaded in full by the startedBy resolver
	}
	for i, c := range r.Changes {
		ch := &model.SyncChange{Action: c.Action, UserID: optional(c.UserID), DirectoryUserID: optional(c.DirectoryUserID),
			Email: c.Email, Name: c.Name, Fields: make([]*model.FieldChange, len(c.Fields))}
		for j, f := range c.Fields {
			ch.Fields[j] = &model.FieldChange{Field: f.Field, From: f.From, To: f.To}
		}
		out.Changes[i] = ch
	}
	return out
}

func toSyncIssues(issues []db.SyncIssue) []*model.SyncIssue {
	out := make([]*model.SyncIssue, len(issues))
	for i, is := range issues {
		out[i] = &model.SyncIssue{DirectoryUserID: optional(is.DirectoryUserID), Email: optional(is.Email), Kind: is.Kind,
			Message: is.Message, Value: optional(is.Value)}
	}
	return out
}

func toDirectoryUser(u *db.DirectoryUser) *model.DirectoryUser {
	return &model.DirectoryUser{
		ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		State: u.State, Assigned: u.Assigned, Attributes: json.RawMessage(u.Raw),
	}
}

func toMappedUser(p engine.Preview, labels tagLabels) *model.MappedUser {
	r := p.Mapped
	tags := r.Tags
	if tags == nil {
		tags = []string{}
	}
	return &model.MappedUser{
		FirstName: optional(r.FirstName), LastName: optional(r.LastName), Email: optional(r.Email),
		JobTitle: optional(r.JobTitle), Department: optional(r.Department), Division: optional(r.Division),
		OfficeValue: optional(r.Office), Office: toOffice(p.Office), Tags: distinctTags(tags),
		TagValues: toTagValues(r.Tags, r.TagFields, labels), Issues: toSyncIssues(p.Issues), Role: toRole(p.Role),
	}
}

// toRole is a stored role for GraphQL, nil for "".
func toRole(role string) *model.UserRole {
	if role == "" {
		return nil
	}
	r := model.UserRole(role)
	return &r
}

func toAuditEvent(e *db.AuditEvent) *model.AuditEvent {
	out := &model.AuditEvent{ID: e.ID, Action: e.Action, Details: json.RawMessage(e.Details), CreatedAt: e.CreatedAt}
	if e.ActorUserID != nil {
		out.Actor = &model.User{ID: *e.ActorUserID} // loaded in full by the actor resolver
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// toMappingWarnings converts the engine's mapping warnings.
func toMappingWarnings(ws []mapping.Warning, err error) ([]*model.MappingWarning, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*model.MappingWarning, len(ws))
	for i, w := range ws {
		out[i] = &model.MappingWarning{Field: w.Field, Pointer: w.Pointer, Message: w.Message}
	}
	return out, nil
}

// storedError is a stored run or connection error as the API shows it (see engine.StoredErrorText).
func storedError(s *string) *string {
	if s == nil {
		return nil
	}
	text := engine.StoredErrorText(*s)
	return &text
}
