package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
)

// connectionData is DirectoryConnection as the admin's status page reads it.
type connectionData struct {
	DirectoryID, Provider, State, StateLabel, StateExplanation string
	Healthy                                                    bool
	StateChangedAt                                             *string
	OtherDirectories                                           []struct{ ID, Provider, ProviderName, Name, State string }
}

const connectionFields = `directoryId provider state stateLabel stateExplanation healthy stateChangedAt
	otherDirectories { id provider providerName name state }`

func (b *testBundle) connection(t *testing.T, token string) connectionData {
	t.Helper()
	return decode[struct {
		DirectorySync struct{ Connection connectionData }
	}](t,
		b.gql(t, token, `{ directorySync { connection { `+connectionFields+` } } }`, nil)).DirectorySync.Connection
}

// TestDirectoryLifecycleThroughGraphQL: the admin sees a deleted directory in words (and
// that nothing changed), the organization's other active directory, and connects it.
func TestDirectoryLifecycleThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	dirID := b.connect(t, admin, "okta scim v2.0")
	run := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", run.Status, run.Error)
	created := run.Created
	require.Positive(t, created)
	conn := b.connection(t, admin)
	require.Equal(t, "linked", conn.State)
	require.True(t, conn.Healthy)
	require.Empty(t, conn.OtherDirectories)

	d, err := b.emulator.Directory(dirID)
	require.NoError(t, err)
	other, err := b.emulator.CreateDirectory(emulator.Directory{OrganizationID: d.OrganizationID, Type: "generic scim v2.0", Name: "New SCIM"})
	require.NoError(t, err)
	require.NoError(t, b.emulator.DeleteDirectory(dirID))
	run = b.startRun(t, admin, false)
	require.Equal(t, "FAILED", run.Status)
	require.Contains(t, run.Error, "deleted")
	require.Zero(t, run.Deactivated+run.Updated+run.Created)
	conn = b.connection(t, admin)
	require.Equal(t, "deleted", conn.State)
	require.Equal(t, "Deleted", conn.StateLabel)
	require.Contains(t, conn.StateExplanation, "no user was changed")
	require.False(t, conn.Healthy)
	require.NotNil(t, conn.StateChangedAt)
	require.Len(t, conn.OtherDirectories, 1)
	require.Equal(t, other.ID, conn.OtherDirectories[0].ID)
	require.Equal(t, "New SCIM", conn.OtherDirectories[0].Name)
	require.Equal(t, "linked", conn.OtherDirectories[0].State)

	for _, bad := range []string{"dir\u0000ectory", "directory_unknown", ""} {
		resp := b.gql(t, admin, `mutation($d: ID) { completeDirectorySetup(directoryId: $d) { id } }`, map[string]any{"d": bad})
		require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
		require.Equal(t, "directoryId", resp.Errors[0].Extensions["field"], resp.Raw)
	}
	require.Equal(t, "deleted", b.connection(t, admin).State, "refused input changes nothing")

	done := decode[struct{ CompleteDirectorySetup connectionData }](t, b.gql(t, admin,
		`mutation($d: ID) { completeDirectorySetup(directoryId: $d) { `+connectionFields+` } }`, map[string]any{"d": other.ID}))
	require.Equal(t, other.ID, done.CompleteDirectorySetup.DirectoryID)
	require.Equal(t, "linked", done.CompleteDirectorySetup.State)
	require.Empty(t, done.CompleteDirectorySetup.OtherDirectories)
	run = b.startRun(t, admin, false)
	require.Equal(t, "NEEDS_REVIEW", run.Status, "the empty new directory would inactivate everyone: an admin decides")
	require.Equal(t, created, run.Deactivated)
}
