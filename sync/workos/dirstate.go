package workos

import "strings"

// Directory states in the one vocabulary dirsync stores and shows. WorkOS's REST API
// answers linked, validating, invalid_credentials, unlinked or deleting; its event
// payloads (and newer SDKs) say active and inactive for linked and unlinked.
const (
	DirectoryLinked             = "linked"
	DirectoryValidating         = "validating"
	DirectoryInvalidCredentials = "invalid_credentials"
	DirectoryUnlinked           = "unlinked"
	DirectoryDeleting           = "deleting"
	// DirectoryDeleted is not a WorkOS state: dirsync's own for a directory WorkOS sent
	// dsync.deleted for or answers 404 to.
	DirectoryDeleted = "deleted"
)

// NormalizeDirectoryState maps either WorkOS vocabulary to dirsync's: "active" becomes
// "linked", "inactive" becomes "unlinked", the rest is lower-cased and trimmed as is
// (an unknown state stays what WorkOS said and counts as not linked).
func NormalizeDirectoryState(s string) string {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "active":
		return DirectoryLinked
	case "inactive":
		return DirectoryUnlinked
	}
	return s
}

// DirectoryUsable reports whether a directory in state s (either vocabulary) may be synced.
func DirectoryUsable(s string) bool { return NormalizeDirectoryState(s) == DirectoryLinked }
