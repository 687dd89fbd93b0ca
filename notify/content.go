package notify

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/officetogether/dirsync/db"
)

// Paths of the app's pages that mails link to (frontend/src/features/directory-sync).
const (
	pathDirectorySync = "/settings/directory-sync"
	pathHistory       = "/settings/directory-sync/history"
	pathNotifications = "/settings/directory-sync/notifications"
)

// content is what one mail says, before it is rendered as text and HTML.
type content struct {
	Subject string
	Company string
	// Paragraphs say what happened and what to do.
	Paragraphs []string
	// Lists are titled lists of short lines (the digest).
	Lists []titledList
	// After are paragraphs after the lists.
	After []string
	// ActionLabel and ActionURL are the one link to where to act.
	ActionLabel string
	ActionURL   string
	// SettingsURL is where an admin turns their alerts off.
	SettingsURL string
	// Listed is true for a configured notification address (not an admin's own).
	Listed bool
}

type titledList struct {
	Title string
	Items []string
}

// incidentDetails are the facts triggers store with an incident (all kinds share it).
type incidentDetails struct {
	RunID       string  `json:"runId"`
	Trigger     string  `json:"trigger"`
	Deactivated int     `json:"deactivated"`
	Error       *string `json:"error"`
	State       *string `json:"state"`
	Name        *string `json:"name"`
}

// contentOf writes the mail of an incident for the company; publicURL is the app's URL
// (links are left out without one).
func contentOf(kind string, details json.RawMessage, company, publicURL string) (content, error) {
	link := func(path string) string {
		if publicURL == "" {
			return ""
		}
		return strings.TrimRight(publicURL, "/") + path
	}
	c := content{Company: company, SettingsURL: link(pathNotifications)}
	if kind == db.IncidentWeeklyDigest {
		var d Digest
		if err := json.Unmarshal(details, &d); err != nil {
			return c, fmt.Errorf("decode digest: %w", err)
		}
		return digestContent(c, d, link), nil
	}
	var d incidentDetails
	if len(details) > 0 {
		if err := json.Unmarshal(details, &d); err != nil {
			return c, fmt.Errorf("decode %s details: %w", kind, err)
		}
	}
	switch kind {
	case db.IncidentHeldRun:
		c.Subject = fmt.Sprintf("%s: a directory sync is waiting for your review", company)
		c.Paragraphs = []string{
			fmt.Sprintf("A %s directory sync for %s would inactivate %s, more than the safety limit allows, so it stopped before changing anyone.",
				triggerWord(d.Trigger), company, people(d.Deactivated)),
			"Until an administrator approves or rejects it, later syncs are held as well and new hires do not arrive.",
			"Open the run, check who would be inactivated, then approve or reject it.",
		}
		c.ActionLabel, c.ActionURL = "Review the held run", link(pathHistory+"?review="+d.RunID)
	case db.IncidentRunFailed:
		c.Subject = fmt.Sprintf("%s: directory sync failed", company)
		c.Paragraphs = []string{
			fmt.Sprintf("The %s directory sync for %s failed after earlier syncs had worked; nobody was changed.", triggerWord(d.Trigger), company),
		}
		if d.Error != nil && *d.Error != "" {
			c.Paragraphs = append(c.Paragraphs, "The error: "+*d.Error)
		}
		c.Paragraphs = append(c.Paragraphs, "dirsync keeps trying on its schedule. If the error is about the identity provider or its credentials, ask your IT team to check the connection; then run a sync from the history page.")
		c.ActionLabel, c.ActionURL = "Open the sync history", link(pathHistory)
	case db.IncidentQuarantined:
		c.Subject = fmt.Sprintf("%s: directory sync is paused after repeated failures", company)
		c.Paragraphs = []string{
			fmt.Sprintf("Directory sync for %s failed several times in a row, so it now tries only once a day and no longer follows changes as they happen.", company),
		}
		if d.Error != nil && *d.Error != "" {
			c.Paragraphs = append(c.Paragraphs, "The last error: "+*d.Error)
		}
		c.Paragraphs = append(c.Paragraphs, "Fix the cause with your IT team, then run a sync by hand: a successful run ends the pause.")
		c.ActionLabel, c.ActionURL = "Open Directory Sync", link(pathDirectorySync)
	case db.IncidentDirectoryBroken:
		state := deref(d.State)
		c.Subject = fmt.Sprintf("%s: the directory connection needs attention (%s)", company, stateWord(state))
		c.Paragraphs = []string{
			fmt.Sprintf("The directory %sthat %s syncs from is now %s in WorkOS. Until it is linked again, directory sync changes nobody.", quoted(d.Name), company, stateWord(state)),
			stateAdvice(state),
		}
		c.ActionLabel, c.ActionURL = "Open Directory Sync", link(pathDirectorySync)
	case db.IncidentDirectoryRestored:
		c.Subject = fmt.Sprintf("%s: the directory connection works again", company)
		c.Paragraphs = []string{
			fmt.Sprintf("The directory %sthat %s syncs from is linked again; directory sync resumes on its schedule. Nothing else to do.", quoted(d.Name), company),
		}
		c.ActionLabel, c.ActionURL = "Open Directory Sync", link(pathDirectorySync)
	default:
		return c, fmt.Errorf("no mail for incident kind %q", kind)
	}
	return c, nil
}

func triggerWord(trigger string) string {
	switch trigger {
	case db.TriggerSchedule:
		return "scheduled"
	case db.TriggerEvents:
		return "change-following"
	case db.TriggerManual:
		return "manual"
	}
	return "new"
}

func people(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}

func stateWord(state string) string {
	if state == "" {
		return "unknown"
	}
	return strings.ReplaceAll(state, "_", " ")
}

func stateAdvice(state string) string {
	switch state {
	case "invalid_credentials":
		return "Ask your IT team to renew the credentials that connect your identity provider to WorkOS."
	case "deleted", "deleting":
		return "The directory was removed. If that was not intended, connect the identity provider again from Directory Sync; people keep their accounts meanwhile."
	case "unlinked", "inactive":
		return "Ask your IT team to link the directory to WorkOS again."
	}
	return "Ask your IT team to check the directory's connection to WorkOS."
}

func quoted(name *string) string {
	if name == nil || *name == "" {
		return ""
	}
	return fmt.Sprintf("%q ", *name)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
