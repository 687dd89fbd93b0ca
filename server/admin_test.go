package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

type auditNode struct {
	Action  string
	Details json.RawMessage
}

// audit returns the company's audit entries, newest first.
func (b *testBundle) audit(t *testing.T, token string) []auditNode {
	t.Helper()
	out := decode[struct {
		DirectorySync struct {
			AuditEvents struct{ Edges []struct{ Node auditNode } }
		}
	}](t, b.gql(t, token, `{ directorySync { auditEvents(first: 50) { edges { node { action details } } } } }`, nil))
	nodes := make([]auditNode, len(out.DirectorySync.AuditEvents.Edges))
	for i, e := range out.DirectorySync.AuditEvents.Edges {
		nodes[i] = e.Node
	}
	return nodes
}

// TestAuditLogSaysWhatChanged: settings changes list the fields with old and new
// values, assignment changes name the people (ten at most) with the count, and a dry
// run says it was one.
func TestAuditLogSaysWhatChanged(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	b.connect(t, admin, "okta scim v2.0")

	before := decode[struct {
		DirectorySync struct {
			Configuration struct {
				DailyAt string
				Mapping struct{ Email string }
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { configuration { dailyAt mapping { email } } } }`, nil)).DirectorySync.Configuration
	resp := b.gql(t, admin, `mutation { updateSyncConfiguration(input: {dailyAt: "05:30",
		mapping: {email: "/email", department: "/custom_attributes/cost_center"}}) { dailyAt } }`, nil)
	require.Empty(t, resp.Errors, resp.Raw)

	var settings struct {
		Changes []struct {
			Field    string
			From, To *string
		}
	}
	entries := b.audit(t, admin)
	require.Equal(t, "configuration.updated", entries[0].Action)
	require.NoError(t, json.Unmarshal(entries[0].Details, &settings))
	got := map[string][2]*string{}
	for _, c := range settings.Changes {
		got[c.Field] = [2]*string{c.From, c.To}
	}
	require.Equal(t, before.DailyAt+" (default)", *got["dailyAt"][0])
	require.Equal(t, "05:30", *got["dailyAt"][1])
	require.Contains(t, got, "mapping.department")
	require.Equal(t, "/custom_attributes/cost_center", *got["mapping.department"][1])
	if before.Mapping.Email == "/email" {
		require.NotContains(t, got, "mapping.email", "unchanged fields are not listed")
	}
	require.NotContains(t, got, "timeZone")

	// Un-assign twelve people: ten names and "2 more".
	users := decode[struct {
		DirectorySync struct {
			DirectoryUsers struct {
				Edges []struct {
					Node struct{ ID, FirstName, LastName string }
				}
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { directoryUsers(first: 12) { edges { node { id firstName lastName } } } } }`, nil))
	ids := []string{}
	names := map[string]bool{}
	for _, e := range users.DirectorySync.DirectoryUsers.Edges {
		ids = append(ids, e.Node.ID)
		names[strings.TrimSpace(e.Node.FirstName+" "+e.Node.LastName)] = true
	}
	require.Len(t, ids, 12)
	resp = b.gql(t, admin, `mutation($ids: [ID!]!) { setDirectoryUserAssignment(ids: $ids, assigned: false) { id } }`, map[string]any{"ids": ids})
	require.Empty(t, resp.Errors, resp.Raw)
	var assignment struct {
		Assigned    bool
		Count, More int
		Names       []string
	}
	entries = b.audit(t, admin)
	require.Equal(t, "assignment.changed", entries[0].Action)
	require.NoError(t, json.Unmarshal(entries[0].Details, &assignment))
	require.False(t, assignment.Assigned)
	require.Equal(t, 12, assignment.Count)
	require.Equal(t, 2, assignment.More)
	require.Len(t, assignment.Names, 10)
	for _, n := range assignment.Names {
		require.True(t, names[n], "%q is one of the un-assigned people", n)
	}

	// A single person by name.
	resp = b.gql(t, admin, `mutation($ids: [ID!]!) { setDirectoryUserAssignment(ids: $ids, assigned: true) { id } }`, map[string]any{"ids": ids[:1]})
	require.Empty(t, resp.Errors, resp.Raw)
	entries = b.audit(t, admin)
	require.NoError(t, json.Unmarshal(entries[0].Details, &assignment))
	require.True(t, assignment.Assigned)
	require.Equal(t, 1, assignment.Count)
	require.Zero(t, assignment.More)
	require.Len(t, assignment.Names, 1)

	// Dry run.
	run := b.startRun(t, admin, true)
	require.True(t, run.DryRun)
	var started struct {
		RunID  string
		DryRun bool
	}
	entries = b.audit(t, admin)
	require.Equal(t, "run.started", entries[0].Action)
	require.NoError(t, json.Unmarshal(entries[0].Details, &started))
	require.True(t, started.DryRun)
	require.Equal(t, run.ID, started.RunID)
}

// TestDisconnectAndReconnect: disconnecting stops syncing without inactivating anyone,
// is audit-logged, and the status says so; the same directory can be reconnected.
func TestDisconnectAndReconnect(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin, member := b.token(t, acme.id, acme.adminID), b.token(t, acme.id, acme.memberID)
	ctx := context.Background()
	dirID := b.connect(t, admin, "okta scim v2.0")
	require.Equal(t, "SUCCEEDED", b.startRun(t, admin, false).Status)
	var active int
	require.NoError(t, b.db.NewSelect().ColumnExpr("count(*)").TableExpr("users").Where("company_id = ? AND status = 'ACTIVE'", acme.id).Scan(ctx, &active))

	require.Equal(t, "FORBIDDEN", b.gql(t, member, `mutation { disconnectDirectory }`, nil).code())
	resp := b.gql(t, admin, `mutation { disconnectDirectory }`, nil)
	require.Empty(t, resp.Errors, resp.Raw)

	type status struct {
		DirectorySync struct {
			Connection   *struct{ DirectoryID string }
			Disconnected *struct {
				DirectoryID, Name, ProviderName string
				DisconnectedAt                  time.Time
			}
		}
	}
	const statusQuery = `{ directorySync { connection { directoryId } disconnected { directoryId name providerName disconnectedAt } } }`
	s := decode[status](t, b.gql(t, admin, statusQuery, nil))
	require.Nil(t, s.DirectorySync.Connection)
	require.NotNil(t, s.DirectorySync.Disconnected)
	require.Equal(t, dirID, s.DirectorySync.Disconnected.DirectoryID)
	require.Equal(t, "Okta", s.DirectorySync.Disconnected.ProviderName)
	require.Equal(t, "BAD_USER_INPUT", b.gql(t, admin, `mutation { runDirectorySync { id } }`, nil).code())
	var after int
	require.NoError(t, b.db.NewSelect().ColumnExpr("count(*)").TableExpr("users").Where("company_id = ? AND status = 'ACTIVE'", acme.id).Scan(ctx, &after))
	require.Equal(t, active, after, "nobody was inactivated")

	entries := b.audit(t, admin)
	require.Equal(t, "directory.disconnected", entries[0].Action)
	var d struct{ DirectoryID, Provider string }
	require.NoError(t, json.Unmarshal(entries[0].Details, &d))
	require.Equal(t, dirID, d.DirectoryID)
	require.Equal(t, "okta scim v2.0", d.Provider)

	// Reconnect the same directory.
	resp = b.gql(t, admin, `mutation($id: ID) { completeDirectorySetup(directoryId: $id) { directoryId } }`, map[string]any{"id": dirID})
	require.Empty(t, resp.Errors, resp.Raw)
	s = decode[status](t, b.gql(t, admin, statusQuery, nil))
	require.NotNil(t, s.DirectorySync.Connection)
	require.Equal(t, dirID, s.DirectorySync.Connection.DirectoryID)
	require.Nil(t, s.DirectorySync.Disconnected)
	require.Equal(t, "SUCCEEDED", b.startRun(t, admin, false).Status)
}

// portalComplete completes an Admin Portal link in the emulator, picking provider there.
func portalComplete(t *testing.T, link, provider string) {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(u.Scheme+"://"+u.Host+"/portal/setup", url.Values{"token": {u.Query().Get("token")}, "provider": {provider}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
}

// TestSetupHandoff: the link says when it expires and which provider to pick; WorkOS's
// generate_link gets only the fields WorkOS knows; a different provider picked in the
// portal is reported on the connection; an unknown provider is BAD_USER_INPUT.
func TestSetupHandoff(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)

	resp := b.gql(t, admin, `mutation { startDirectorySetup(input: {provider: "carrier pigeon"}) { url } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "provider", resp.Errors[0].Extensions["field"])

	type link struct {
		StartDirectorySetup struct {
			URL                    string
			ExpiresAt              time.Time
			Provider, ProviderName *string
		}
	}
	const start = `mutation($p: String) { startDirectorySetup(input: {provider: $p}) { url expiresAt provider providerName } }`
	asked := time.Now()
	l := decode[link](t, b.gql(t, admin, start, map[string]any{"p": "okta scim v2.0"})).StartDirectorySetup
	answered := time.Now()
	require.False(t, l.ExpiresAt.Before(asked.Add(5*time.Minute).Truncate(time.Second)), "expires five minutes after it was generated")
	require.False(t, l.ExpiresAt.After(answered.Add(5*time.Minute)))
	require.Equal(t, "okta scim v2.0", *l.Provider)
	require.Equal(t, "Okta", *l.ProviderName)

	reqs := b.emulator.PortalLinkRequests()
	require.Len(t, reqs, 1)
	require.Equal(t, "dsync", reqs[0].Intent)
	require.Equal(t, []string{"intent", "organization", "return_url", "success_url"}, reqs[0].Fields,
		"only GenerateLinkDto's fields: WorkOS takes no provider")
	conn, err := db.GetDirectoryConnection(context.Background(), b.db, acme.id)
	require.NoError(t, err)
	require.Equal(t, conn.OrganizationID, reqs[0].Organization)
	require.Equal(t, "okta scim v2.0", *conn.RequestedProvider, "the pick is remembered for the comparison")

	// The IT admin picks another provider in the portal.
	portalComplete(t, l.URL, "generic scim v2.0")
	type completed struct {
		CompleteDirectorySetup struct {
			Provider                                 string
			RequestedProvider, RequestedProviderName *string
		}
	}
	const complete = `mutation { completeDirectorySetup { provider requestedProvider requestedProviderName } }`
	c := decode[completed](t, b.gql(t, admin, complete, nil)).CompleteDirectorySetup
	require.Equal(t, "generic scim v2.0", c.Provider)
	require.Equal(t, "okta scim v2.0", *c.RequestedProvider)
	require.Equal(t, "Okta", *c.RequestedProviderName)

	// Set up again with the provider the IT admin then picks: no difference to report.
	l = decode[link](t, b.gql(t, admin, start, map[string]any{"p": "okta scim v2.0"})).StartDirectorySetup
	portalComplete(t, l.URL, "okta scim v2.0")
	c = decode[completed](t, b.gql(t, admin, complete, nil)).CompleteDirectorySetup
	require.Equal(t, "okta scim v2.0", c.Provider)
	require.Nil(t, c.RequestedProvider)

	// "Not sure": nothing is compared.
	l = decode[link](t, b.gql(t, admin, start, map[string]any{"p": nil})).StartDirectorySetup
	require.Nil(t, l.Provider)
	conn, err = db.GetDirectoryConnection(context.Background(), b.db, acme.id)
	require.NoError(t, err)
	require.Nil(t, conn.RequestedProvider)
}

// TestUpstreamErrorIsHuman: a 404 from the emulator (the organization is gone from
// WorkOS) reaches the admin as what happened and what to do; the raw answer is only
// in the server log.
func TestUpstreamErrorIsHuman(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	resp := b.gql(t, admin, `mutation { startDirectorySetup(input: {}) { url } }`, nil)
	require.Empty(t, resp.Errors, resp.Raw)
	conn, err := db.GetDirectoryConnection(context.Background(), b.db, acme.id)
	require.NoError(t, err)
	require.NoError(t, b.emulator.DeleteOrganization(conn.OrganizationID))

	resp = b.gql(t, admin, `mutation { startDirectorySetup(input: {}) { url } }`, nil)
	require.Equal(t, "UPSTREAM_UNAVAILABLE", resp.code(), resp.Raw)
	msg := resp.Errors[0].Message
	require.Contains(t, msg, "WorkOS does not know the connected directory or organization. Nothing was changed.")
	require.Contains(t, msg, "reconnect the directory")
	for _, raw := range []string{"HTTP 404", "Organization not found", "entity_not_found", "request id \""} {
		require.NotContains(t, resp.Raw, raw)
	}
	require.Contains(t, b.logs.String(), "Organization not found", "the raw answer is logged")
}
