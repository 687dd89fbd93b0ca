package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

type mappingWarning struct{ Field, Pointer, Message string }

// TestMappingWarningsThroughGraphQL: against a directory under WorkOS's raw_attributes
// deprecation (the emulator's default: raw_attributes {}, job_title and username null,
// emails []), a mapping that reads those sources saves with a warning naming each field, on
// the saved configuration and for a draft; discovery offers none of them.
func TestMappingWarningsThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	b.connect(t, admin, "okta scim v2.0")

	attrs := decode[struct {
		DirectorySync struct{ Attributes []struct{ Path string } }
	}](t, b.gql(t, admin, `{ directorySync { attributes { path } } }`, nil))
	paths := map[string]bool{}
	for _, a := range attrs.DirectorySync.Attributes {
		paths[a.Path] = true
		require.NotContains(t, a.Path, "/raw_attributes", "raw_attributes is {} for everyone")
	}
	require.True(t, paths["/custom_attributes/job_title"], "%v", paths)
	require.False(t, paths["/job_title"], "null for everyone: not offered")
	require.False(t, paths["/username"], "null for everyone: not offered")

	saved := decode[struct {
		UpdateSyncConfiguration struct{ Warnings []mappingWarning }
	}](t, b.gql(t, admin, `mutation { updateSyncConfiguration(input: {mapping: {email: "/email", jobTitle: "/job_title",
		department: "/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department"}}) { warnings { field pointer message } } }`, nil))
	require.Len(t, saved.UpdateSyncConfiguration.Warnings, 2)
	require.Equal(t, "mapping.jobTitle", saved.UpdateSyncConfiguration.Warnings[0].Field)
	w := saved.UpdateSyncConfiguration.Warnings[1]
	require.Equal(t, "mapping.department", w.Field)
	require.Equal(t, "/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", w.Pointer)
	require.Contains(t, w.Message, "none of the 25 active directory users has a value")

	again := decode[struct {
		DirectorySync struct {
			Configuration struct{ Warnings []mappingWarning }
		}
	}](t, b.gql(t, admin, `{ directorySync { configuration { warnings { field } } } }`, nil))
	require.Equal(t, []mappingWarning{{Field: "mapping.jobTitle"}, {Field: "mapping.department"}}, again.DirectorySync.Configuration.Warnings)

	draft := decode[struct {
		DirectorySync struct{ MappingWarnings []mappingWarning }
	}](t, b.gql(t, admin, `query($m: FieldMappingInput!) { directorySync { mappingWarnings(mapping: $m) { field pointer } } }`,
		map[string]any{"m": map[string]any{"email": "/email", "tags": []string{"/custom_attributes/job_title", "/username"}}}))
	require.Equal(t, []mappingWarning{{Field: "mapping.tags[1]", Pointer: "/username"}}, draft.DirectorySync.MappingWarnings)

	resp := b.gql(t, admin, `query { directorySync { mappingWarnings(mapping: {email: "email"}) { field } } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "mapping.email", resp.Errors[0].Extensions["field"])
	member := b.token(t, acme.id, acme.memberID)
	require.Equal(t, "FORBIDDEN", b.gql(t, member, `query { directorySync { mappingWarnings(mapping: {email: "/email"}) { field } } }`, nil).code())
}

// TestSupersededRunThroughGraphQL: of two held runs only the newest asks for review; the
// older is SUPERSEDED and approving it answers CONFLICT saying so.
func TestSupersededRunThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	dirID := b.connect(t, admin, "okta scim v2.0")
	require.Equal(t, "SUCCEEDED", b.startRun(t, admin, false).Status)
	users, err := b.emulator.Users(dirID)
	require.NoError(t, err)
	for _, u := range users[:13] {
		require.NoError(t, b.emulator.RemoveUser(u.ID))
	}
	older := b.startRun(t, admin, false)
	require.Equal(t, "NEEDS_REVIEW", older.Status)
	newer := b.startRun(t, admin, false)
	require.Equal(t, "NEEDS_REVIEW", newer.Status)
	require.Equal(t, "SUPERSEDED", b.waitRun(t, admin, older.ID).Status)

	resp := b.gql(t, admin, `mutation($id: ID!) { approveSyncRun(id: $id) { id } }`, map[string]any{"id": older.ID})
	require.Equal(t, "CONFLICT", resp.code(), resp.Raw)
	require.Equal(t, "the run is not awaiting review: a newer plan superseded it; review the newest held run instead", resp.Errors[0].Message)
	approved := decode[struct{ ApproveSyncRun runData }](t,
		b.gql(t, admin, `mutation($id: ID!) { approveSyncRun(id: $id) { `+runFields+` } }`, map[string]any{"id": newer.ID}))
	require.Equal(t, "SUCCEEDED", approved.ApproveSyncRun.Status)
	require.Equal(t, 13, approved.ApproveSyncRun.Deactivated)
}
