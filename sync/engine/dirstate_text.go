package engine

import "github.com/officetogether/dirsync/sync/workos"

// DirectoryStateText is a directory state (either WorkOS vocabulary) in words for the
// admin: a short label and what it means for syncing.
func DirectoryStateText(state string) (label, explanation string) {
	switch s := workos.NormalizeDirectoryState(state); s {
	case workos.DirectoryLinked:
		return "Linked", "The directory is linked in WorkOS and syncs normally."
	case workos.DirectoryValidating:
		return "Validating", "WorkOS is still validating the directory's connection. Nothing is synced until it is linked; no user was changed."
	case workos.DirectoryInvalidCredentials:
		return "Invalid credentials", "WorkOS cannot read the directory because its credentials are invalid. Nothing is synced and no user was changed; the IT admin must renew the credentials in the identity provider."
	case workos.DirectoryUnlinked:
		return "Inactive", "The directory is inactive (unlinked) in WorkOS. Nothing is synced and no user was changed."
	case workos.DirectoryDeleting:
		return "Being deleted", "The directory is being deleted in WorkOS. Nothing is synced and no user was changed."
	case workos.DirectoryDeleted:
		return "Deleted", "The directory was deleted in WorkOS. Nothing is synced and no user was changed; everyone keeps their account. Connect a new directory to sync again."
	case "":
		return "Unknown", "The directory's state is not known yet."
	default:
		return s, "WorkOS reports the directory as " + s + ", which is not linked. Nothing is synced and no user was changed."
	}
}
