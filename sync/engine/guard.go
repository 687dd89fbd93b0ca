package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// guardWindow is how far back the guard counts inactivations applied without review.
const guardWindow = 24 * time.Hour

// minClearedForAll is the fewest users a field must be cleared for before "cleared for
// everyone who has it" holds a run: in a company where one person has a department,
// removing it is an ordinary edit, not a directory source going blank.
const minClearedForAll = 2

// guardInput is what the guard judges.
type guardInput struct {
	cfg  *db.SyncConfiguration
	plan *plan
	// recent is how many users runs inactivated without review since the last approval
	// within guardWindow (db.UnreviewedDeactivations): a removal arriving in pieces is
	// judged as a whole.
	recent int
}

// guardRule is one reason to hold a run for review: it returns the guard issue saying
// why, or nil when the plan passes it.
type guardRule func(in *guardInput) *db.SyncIssue

// guardRules are the guard's rules (DESIGN.md §4.3), checked in order.
func guardRules() []guardRule {
	return []guardRule{inactivationRule, clearingRule, demotionRule}
}

// guardIssues returns the issue of every rule the plan trips; a run with any stops as
// NEEDS_REVIEW.
func guardIssues(in *guardInput) []db.SyncIssue {
	var out []db.SyncIssue
	for _, rule := range guardRules() {
		if is := rule(in); is != nil {
			out = append(out, *is)
		}
	}
	return out
}

// inactivationRule holds a run whose inactivations D, counted with the recent ones
// applied without review (R) against the active synced users before them (A+R), take
// everyone, more than half, or more than both the configured share and count. The first
// two hold whatever the configuration says, so that no company, however small, loses
// everybody to an upstream accident. A run that inactivates nobody itself never holds.
func inactivationRule(in *guardInput) *db.SyncIssue {
	own := len(in.plan.Deactivate)
	if own == 0 {
		return nil
	}
	d, base := own+in.recent, in.plan.ActiveSynced+in.recent
	var why string
	switch {
	case d >= base:
		why = "all of them"
	case 2*d > base:
		why = "more than half of them"
	case float64(d) > in.cfg.MaxDeactivationPercent/100*float64(base) && d > in.cfg.MaxDeactivationCount:
		why = fmt.Sprintf("more than %g%% and more than %d", in.cfg.MaxDeactivationPercent, in.cfg.MaxDeactivationCount)
	default:
		return nil
	}
	msg := fmt.Sprintf("the run would inactivate %d of %d active synced users", own, in.plan.ActiveSynced)
	if in.recent > 0 {
		msg += fmt.Sprintf("; with the %d inactivated without review in the last 24 hours that is %d of %d", in.recent, d, base)
	}
	return &db.SyncIssue{Kind: IssueGuard, Message: msg + ", " + why + "; an admin must approve or reject it"}
}

// maxDemotions is the most company administrators a run may make members without review
// (unless that is more than half of them).
const maxDemotions = 3

// demotionRule holds a run whose role rules make members of more than half of the
// company's active administrators, or of more than maxDemotions: an admin group emptied
// or a role renamed upstream would otherwise take the company's administrators away.
func demotionRule(in *guardInput) *db.SyncIssue {
	d, admins := in.plan.Demoted, in.plan.Admins
	if d == 0 || (2*d <= admins && d <= maxDemotions) {
		return nil
	}
	why := "more than half of them"
	if 2*d <= admins {
		why = fmt.Sprintf("more than %d", maxDemotions)
	}
	return &db.SyncIssue{Kind: IssueAdminGuard, Message: fmt.Sprintf(
		"the run would demote %d of %d company administrators to member (admin demotions), %s; check the admin groups and role slugs, then approve or reject it",
		d, admins, why)}
}

// clearableFields are the mapped fields the field guard watches, in display order.
func clearableFields() [5]string {
	return [...]string{mapping.FieldJobTitle, mapping.FieldDepartment, mapping.FieldDivision, mapping.FieldOffice, mapping.FieldTags}
}

// filledFields reports, in clearableFields order, which of v's fields hold a value.
func filledFields(v fieldValues) [5]bool {
	return [...]bool{v.title != "", v.dept != "", v.div != "", v.officeID != "", len(v.tags) > 0}
}

// countFilled adds one to counts for each clearable field v holds a value in.
func countFilled(counts map[string]int, v fieldValues) {
	names := clearableFields()
	for i, ok := range filledFields(v) {
		if ok {
			counts[names[i]]++
		}
	}
}

// countCleared adds one to counts for each clearable field that has a value in from and
// none in to.
func countCleared(counts map[string]int, from, to fieldValues) {
	names, had, has := clearableFields(), filledFields(from), filledFields(to)
	for i := range had {
		if had[i] && !has[i] {
			counts[names[i]]++
		}
	}
}

// clearingRule holds a run that empties a mapped field (job title, department, division,
// office, tags) for more than the configured share and count of the active synced users,
// or for everyone who has a value in it today (at least minClearedForAll users): a mapping
// that points at a source WorkOS stopped filling blanks that field for everybody.
func clearingRule(in *guardInput) *db.SyncIssue {
	share := in.cfg.MaxDeactivationPercent / 100 * float64(in.plan.ActiveSynced)
	var parts []string
	for _, f := range clearableFields() {
		c, h := in.plan.Cleared[f], in.plan.Holders[f]
		switch {
		case c == 0:
		case c >= h && c >= minClearedForAll:
			parts = append(parts, fmt.Sprintf("%s for all %d users who have one", fieldLabel(f), c))
		case float64(c) > share && c > in.cfg.MaxDeactivationCount:
			parts = append(parts, fmt.Sprintf("%s for %d of %d active synced users (more than %g%% and more than %d)",
				fieldLabel(f), c, in.plan.ActiveSynced, in.cfg.MaxDeactivationPercent, in.cfg.MaxDeactivationCount))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return &db.SyncIssue{Kind: IssueFieldGuard, Message: "the run would clear " + strings.Join(parts, "; ") +
		"; check that the mapped directory attributes still hold values, then approve or reject it"}
}

// fieldLabel names a target field for people.
func fieldLabel(field string) string {
	switch field {
	case mapping.FieldJobTitle:
		return "job title"
	case mapping.FieldFirstName:
		return "first name"
	case mapping.FieldLastName:
		return "last name"
	}
	return field
}
