package notify

import (
	"encoding/json"
	"fmt"

	"github.com/officetogether/dirsync/db"
)

// Attention is what the app's banner says about one item and where it links.
type Attention struct {
	Message     string
	ActionLabel string
	// Path is the app path where to act.
	Path string
}

// DescribeAttention words an attention item for the banner; it names no person.
func DescribeAttention(it db.AttentionItem) Attention {
	switch it.Kind {
	case db.IncidentHeldRun:
		return Attention{
			Message:     fmt.Sprintf("A directory sync is held for review: it would inactivate %s. Later syncs wait until it is approved or rejected.", people(it.Deactivated)),
			ActionLabel: "Review the run", Path: pathHistory + "?review=" + it.RunID,
		}
	case db.IncidentQuarantined:
		return Attention{
			Message:     "Directory sync is paused after repeated failures: it tries once a day until a run succeeds.",
			ActionLabel: "Open Directory Sync", Path: pathDirectorySync,
		}
	}
	return Attention{
		Message:     fmt.Sprintf("The directory is %s in WorkOS: directory sync changes nobody until it is linked again.", stateWord(deref(it.State))),
		ActionLabel: "Open Directory Sync", Path: pathDirectorySync,
	}
}

// Subject is the subject of an incident's mail, for the app's list of sent alerts.
func Subject(kind string, details json.RawMessage, company string) string {
	c, err := contentOf(kind, details, company, "")
	if err != nil {
		return kind
	}
	return c.Subject
}
