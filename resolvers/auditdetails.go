package resolvers

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
)

// auditField is one saved setting as the audit log shows it; a nil value is "not set".
type auditField struct {
	name  string
	value *string
}

// auditChange is one setting an admin changed, stored in configuration.updated details.
type auditChange struct {
	Field string  `json:"field"`
	From  *string `json:"from"`
	To    *string `json:"to"`
}

// maxAuditNames is how many people an assignment.changed entry names.
const maxAuditNames = 10

// settingsSnapshot is the company's saved sync settings field by field (no secrets: the
// settings hold none), for comparing before and after a save.
func (r *Resolver) settingsSnapshot(ctx context.Context, companyID string) ([]auditField, error) {
	c, err := r.configuration(ctx, companyID)
	if err != nil {
		return nil, err
	}
	g, err := r.groupRules(ctx, companyID)
	if err != nil {
		return nil, err
	}
	daily := c.DailyAt
	if c.DailyAtDefault {
		daily += " (default)"
	}
	fs := []auditField{
		{"enabled", onOff(c.Enabled)}, {"dailyAt", &daily}, {"timeZone", &c.TimeZone},
		{"autoAssignNewUsers", onOff(c.AutoAssignNewUsers)},
		{"maxDeactivationPercent", text(strconv.FormatFloat(c.MaxDeactivationPercent, 'f', -1, 64))},
		{"maxDeactivationCount", text(strconv.Itoa(c.MaxDeactivationCount))},
		{"notifyAdmins", onOff(c.NotifyAdmins)}, {"notificationEmails", joined(c.NotificationEmails)},
		{"weeklyDigest", onOff(c.WeeklyDigest)},
	}
	m := c.Mapping
	fs = append(fs,
		auditField{"mapping.firstName", m.FirstName}, auditField{"mapping.lastName", m.LastName},
		auditField{"mapping.email", &m.Email}, auditField{"mapping.jobTitle", m.JobTitle},
		auditField{"mapping.department", m.Department}, auditField{"mapping.division", m.Division},
		auditField{"mapping.office", m.Office})
	for _, tf := range m.TagFields {
		fs = append(fs, auditField{"mapping.tagFields." + tf.Key, text(tagFieldText(tf))})
	}
	aliases := make([]string, len(m.ValueAliases))
	for i, a := range m.ValueAliases {
		aliases[i] = fmt.Sprintf("%s: %s → %s", a.Field, a.From, a.To)
	}
	sort.Strings(aliases)
	fs = append(fs, auditField{"mapping.valueAliases", joined(aliases)},
		auditField{"groupRules.allGroupsAsTags", onOff(g.AllGroupsAsTags)},
		auditField{"groupRules.tagGroups", joined(groupNames(g.TagGroups))},
		auditField{"groupRules.syncOnlyGroups", joined(groupNames(g.SyncOnlyGroups))},
		auditField{"groupRules.adminGroups", joined(groupNames(g.AdminGroups))},
		auditField{"groupRules.adminRoleSlugs", joined(g.AdminRoleSlugs)})
	return fs, nil
}

// settingsChanges lists the fields whose value differs, in before's order and then the
// fields only after has (a tag field added).
func settingsChanges(before, after []auditField) []auditChange {
	old := make(map[string]*string, len(before))
	for _, f := range before {
		old[f.name] = f.value
	}
	changes := []auditChange{}
	seen := map[string]bool{}
	newer := make(map[string]*string, len(after))
	for _, f := range after {
		newer[f.name] = f.value
	}
	for _, f := range before {
		seen[f.name] = true
		if to := newer[f.name]; !sameText(f.value, to) {
			changes = append(changes, auditChange{Field: f.name, From: f.value, To: to})
		}
	}
	for _, f := range after {
		if !seen[f.name] && !sameText(nil, f.value) {
			changes = append(changes, auditChange{Field: f.name, From: old[f.name], To: f.value})
		}
	}
	return changes
}

// assignmentDetails names the people an assignment change was about: at most
// maxAuditNames names and how many more.
func assignmentDetails(users []db.DirectoryUser, assigned bool) map[string]any {
	names := make([]string, 0, min(len(users), maxAuditNames))
	for _, u := range users[:min(len(users), maxAuditNames)] {
		names = append(names, personName(u))
	}
	return map[string]any{"assigned": assigned, "count": len(users), "names": names, "more": len(users) - len(names)}
}

// personName is a directory user's name, else email, else id.
func personName(u db.DirectoryUser) string {
	name := strings.TrimSpace(deref(u.FirstName) + " " + deref(u.LastName))
	switch {
	case name != "":
		return name
	case deref(u.Email) != "":
		return *u.Email
	}
	return u.ID
}

func tagFieldText(tf *model.TagField) string {
	label := tf.Label
	if label == "" {
		label = tf.Key
	}
	if tf.FromGroups {
		return label + ": directory groups"
	}
	return label + ": " + deref(tf.Pointer)
}

func groupNames(gs []*model.DirectoryGroup) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	sort.Strings(out)
	return out
}

func onOff(b bool) *string {
	if b {
		return text("on")
	}
	return text("off")
}

func joined(xs []string) *string {
	if len(xs) == 0 {
		return nil
	}
	return text(strings.Join(xs, ", "))
}

func text(s string) *string { return &s }

func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
