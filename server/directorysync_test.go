package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

// directorySyncOperations is every directory sync operation, for the role checks.
var directorySyncOperations = map[string]string{
	"directorySync":              `{ directorySync { connection { id } } }`,
	"configuration":              `{ directorySync { configuration { dailyAt } } }`,
	"runs":                       `{ directorySync { runs { edges { cursor } } } }`,
	"directoryUsers":             `{ directorySync { directoryUsers { totalCount } } }`,
	"attributes":                 `{ directorySync { attributes { path } } }`,
	"groups":                     `{ directorySync { groups { totalCount } } }`,
	"providers":                  `{ directorySync { providers { type } } }`,
	"auditEvents":                `{ directorySync { auditEvents { edges { cursor } } } }`,
	"startDirectorySetup":        `mutation { startDirectorySetup(input: {}) { url } }`,
	"completeDirectorySetup":     `mutation { completeDirectorySetup { id } }`,
	"disconnectDirectory":        `mutation { disconnectDirectory }`,
	"updateSyncConfiguration":    `mutation { updateSyncConfiguration(input: {dailyAt: "04:00"}) { dailyAt } }`,
	"setDirectoryUserAssignment": `mutation { setDirectoryUserAssignment(ids: ["directory_user_x"], assigned: false) { id } }`,
	"runDirectorySync":           `mutation { runDirectorySync(input: {dryRun: true}) { id } }`,
	"approveSyncRun":             `mutation { approveSyncRun(id: "00000000-0000-0000-0000-000000000000") { id } }`,
	"rejectSyncRun":              `mutation { rejectSyncRun(id: "00000000-0000-0000-0000-000000000000") { id } }`,
}

func TestDirectorySyncIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	member := b.token(t, acme.id, acme.memberID)
	for name, doc := range directorySyncOperations {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, "FORBIDDEN", b.gql(t, member, doc, nil).code())
			require.Equal(t, "UNAUTHENTICATED", b.gql(t, "", doc, nil).code())
		})
	}
	before, _, err := db.ListAudit(context.Background(), b.db, acme.id, 10, "")
	require.NoError(t, err)
	require.Empty(t, before, "refused operations change nothing")
}

// connect runs the setup wizard for the company through the emulator's Admin Portal
// page and returns the directory id.
func (b *testBundle) connect(t *testing.T, token, provider string) string {
	t.Helper()
	link := decode[struct{ StartDirectorySetup struct{ URL string } }](t,
		b.gql(t, token, `mutation($p: String) { startDirectorySetup(input: {provider: $p}) { url } }`, map[string]any{"p": provider}))
	u, err := url.Parse(link.StartDirectorySetup.URL)
	require.NoError(t, err)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(u.Scheme+"://"+u.Host+"/portal/setup", url.Values{"token": {u.Query().Get("token")}, "provider": {provider}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Location"), "/settings/directory-sync?setup=complete")

	conn := decode[struct {
		CompleteDirectorySetup struct {
			DirectoryID, Provider, ProviderName, State string
			UserCount                                  int
		}
	}](t, b.gql(t, token, `mutation { completeDirectorySetup { directoryId provider providerName state userCount } }`, nil))
	require.Equal(t, "linked", conn.CompleteDirectorySetup.State)
	require.Positive(t, conn.CompleteDirectorySetup.UserCount)
	return conn.CompleteDirectorySetup.DirectoryID
}

type runData struct {
	ID, Status, Error                               string
	DryRun                                          bool
	Fetched, Created, Updated, Deactivated, Skipped int
	Changes                                         []struct{ Action, Email string }
	Issues                                          []struct{ Kind string }
}

const runFields = `id status error dryRun fetched created updated deactivated skipped changes { action email } issues { kind }`

// waitRun polls the run until it leaves WAITING, QUEUED and RUNNING.
func (b *testBundle) waitRun(t *testing.T, token, id string) runData {
	t.Helper()
	for range 300 {
		out := decode[struct{ DirectorySync struct{ Run runData } }](t,
			b.gql(t, token, `query($id: ID!) { directorySync { run(id: $id) { `+runFields+` } } }`, map[string]any{"id": id}))
		if s := out.DirectorySync.Run.Status; s != "WAITING" && s != "QUEUED" && s != "RUNNING" {
			return out.DirectorySync.Run
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("run %s did not finish", id)
	return runData{}
}

func (b *testBundle) startRun(t *testing.T, token string, dryRun bool) runData {
	t.Helper()
	out := decode[struct{ RunDirectorySync runData }](t,
		b.gql(t, token, `mutation($d: Boolean) { runDirectorySync(input: {dryRun: $d}) { `+runFields+` } }`, map[string]any{"d": dryRun}))
	return b.waitRun(t, token, out.RunDirectorySync.ID)
}

func TestDirectorySyncThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme, globex := b.company(t, "acme"), b.company(t, "globex")
	admin, globexAdmin := b.token(t, acme.id, acme.adminID), b.token(t, globex.id, globex.adminID)
	ctx := context.Background()

	providers := decode[struct {
		DirectorySync struct{ Providers []struct{ Type, Name string } }
	}](t,
		b.gql(t, admin, `{ directorySync { providers { type name } connection { id } } }`, nil))
	require.NotEmpty(t, providers.DirectorySync.Providers)

	resp := b.gql(t, admin, `mutation { completeDirectorySetup { id } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), "completing before starting is a clear error")
	resp = b.gql(t, admin, `mutation { runDirectorySync { id } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), "no directory yet")

	dirID := b.connect(t, admin, "okta scim v2.0")
	var linked int
	require.NoError(t, b.db.NewSelect().ColumnExpr("count(*)").TableExpr("users").Where("company_id = ? AND source = 'DIRECTORY'", acme.id).Scan(ctx, &linked))
	require.Zero(t, linked, "setup pulls the mirror without changing users")

	attrs := decode[struct {
		DirectorySync struct {
			Attributes []struct {
				Path      string
				UserCount int
				Samples   []string
			}
		}
	}](t,
		b.gql(t, admin, `{ directorySync { attributes { path userCount samples } } }`, nil))
	paths := map[string]int{}
	for _, a := range attrs.DirectorySync.Attributes {
		paths[a.Path] = a.UserCount
	}
	require.Positive(t, paths["/custom_attributes/department_name"], "discovered paths: %v", paths)

	resp = b.gql(t, admin, `mutation { updateSyncConfiguration(input: {mapping: {email: "nope"}}) { dailyAt } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "mapping.email", resp.Errors[0].Extensions["field"])
	resp = b.gql(t, admin, `mutation { updateSyncConfiguration(input: {timeZone: "Mars/Olympus"}) { dailyAt } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)

	def := decode[struct {
		DirectorySync struct {
			Configuration struct {
				DailyAt        string
				DailyAtDefault bool
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { configuration { dailyAt dailyAtDefault } } }`, nil))
	require.True(t, def.DirectorySync.Configuration.DailyAtDefault, "never chosen")
	require.Regexp(t, `^0[1-4]:[0-5][0-9]$`, def.DirectorySync.Configuration.DailyAt, "a default in the night window")

	cfg := decode[struct {
		UpdateSyncConfiguration struct {
			DailyAtDefault    bool
			DailyAt, TimeZone string
			NextRunAt         *time.Time
			Mapping           struct {
				Department string
				Tags       []string
			}
		}
	}](t, b.gql(t, admin, `mutation { updateSyncConfiguration(input: {dailyAt: "05:30", timeZone: "Europe/Berlin",
		mapping: {email: "/email", firstName: "/first_name", lastName: "/last_name", department: "/custom_attributes/department_name",
		          tags: ["/custom_attributes/employee_type"], valueAliases: [{field: "department", from: "Eng", to: "Engineering"}]}})
		{ dailyAt dailyAtDefault timeZone nextRunAt mapping { department tags } } }`, nil))
	require.Equal(t, "05:30", cfg.UpdateSyncConfiguration.DailyAt)
	require.False(t, cfg.UpdateSyncConfiguration.DailyAtDefault, "chosen")
	require.NotNil(t, cfg.UpdateSyncConfiguration.NextRunAt)
	require.Equal(t, []string{"/custom_attributes/employee_type"}, cfg.UpdateSyncConfiguration.Mapping.Tags)

	type dirUsers struct {
		DirectorySync struct {
			DirectoryUsers struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct {
						ID, State string
						Email     *string
						Assigned  bool
						Preview   struct {
							Email      *string
							Department *string
							Tags       []string
						}
						User *struct{ ID string }
					}
				}
			}
		}
	}
	b.queries.Reset()
	list := decode[dirUsers](t, b.gql(t, admin, `{ directorySync { directoryUsers(first: 10) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { id email state assigned preview { email department tags } user { id } } } } } }`, nil))
	// Batched: ~7 statements (viewer, count, page, configuration, offices, linked users); a loaded
	// machine may split a batch in two. Per-row loading would cost 2-3 statements per row (20+).
	require.LessOrEqual(t, b.queries.Count(), 12, "previews and linked users load in batches, not per row")
	users := list.DirectorySync.DirectoryUsers
	require.Len(t, users.Edges, 10)
	require.True(t, users.PageInfo.HasNextPage)
	first := users.Edges[0].Node
	require.True(t, first.Assigned)
	require.Nil(t, first.User)
	require.NotNil(t, first.Preview.Department)

	// Un-assign one user, dry-run, then sync for real.
	unassigned := first.ID
	assign := decode[struct {
		SetDirectoryUserAssignment []struct {
			ID       string
			Assigned bool
		}
	}](t,
		b.gql(t, admin, `mutation($ids: [ID!]!) { setDirectoryUserAssignment(ids: $ids, assigned: false) { id assigned } }`, map[string]any{"ids": []string{unassigned}}))
	require.False(t, assign.SetDirectoryUserAssignment[0].Assigned)
	resp = b.gql(t, admin, `mutation { setDirectoryUserAssignment(ids: ["directory_user_unknown"], assigned: false) { id } }`, nil)
	require.Equal(t, "NOT_FOUND", resp.code(), resp.Raw)

	dry := b.startRun(t, admin, true)
	require.Equal(t, "SUCCEEDED", dry.Status, dry.Error)
	require.True(t, dry.DryRun)
	require.Positive(t, dry.Created)
	require.NoError(t, b.db.NewSelect().ColumnExpr("count(*)").TableExpr("users").Where("company_id = ? AND source = 'DIRECTORY'", acme.id).Scan(ctx, &linked))
	require.Zero(t, linked, "a dry run changes nothing")

	run := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", run.Status, run.Error)
	require.Equal(t, dry.Created, run.Created)
	people := decode[struct{ Users struct{ TotalCount int } }](t, b.gql(t, admin, `{ users { totalCount } }`, nil))
	require.Equal(t, 2+run.Created, people.Users.TotalCount)

	// The globex admin sees none of it.
	resp = b.gql(t, globexAdmin, `query($id: ID!) { directorySync { run(id: $id) { id } } }`, map[string]any{"id": run.ID})
	require.Equal(t, "NOT_FOUND", resp.code())
	other := decode[struct {
		DirectorySync struct {
			Connection     *struct{ ID string }
			DirectoryUsers struct{ TotalCount int }
			Runs           struct{ Edges []struct{ Cursor string } }
		}
	}](t, b.gql(t, globexAdmin, `{ directorySync { connection { id } directoryUsers { totalCount } runs { edges { cursor } } } }`, nil))
	require.Nil(t, other.DirectorySync.Connection)
	require.Zero(t, other.DirectorySync.DirectoryUsers.TotalCount)
	require.Empty(t, other.DirectorySync.Runs.Edges)

	status := decode[struct {
		DirectorySync struct {
			Connection struct {
				DirectoryID string
				UserCount   int
			}
			LastRun struct {
				ID        string
				StartedBy struct{ Email string }
			}
			Runs struct {
				Edges []struct{ Node struct{ ID string } }
			}
			AuditEvents struct {
				Edges []struct {
					Node struct {
						Action string
						Actor  *struct{ Email string }
					}
				}
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { connection { directoryId userCount } lastRun { id startedBy { email } }
		runs(first: 5) { edges { node { id } } } auditEvents(first: 20) { edges { node { action actor { email } } } } } }`, nil))
	require.Equal(t, dirID, status.DirectorySync.Connection.DirectoryID)
	require.Equal(t, run.ID, status.DirectorySync.LastRun.ID)
	require.Equal(t, "admin@acme.example", status.DirectorySync.LastRun.StartedBy.Email)
	var actions []string
	for _, e := range status.DirectorySync.AuditEvents.Edges {
		actions = append(actions, e.Node.Action)
		require.Equal(t, "admin@acme.example", e.Node.Actor.Email)
	}
	require.Subset(t, actions, []string{"setup.started", "setup.completed", "configuration.updated", "assignment.changed", "run.started"})

	// A directory change shows up after the next sync.
	resp = b.gql(t, admin, `mutation { disconnectDirectory }`, nil)
	require.Empty(t, resp.Errors, resp.Raw)
	gone := decode[struct {
		DirectorySync struct{ Connection *struct{ ID string } }
	}](t, b.gql(t, admin, `{ directorySync { connection { id } } }`, nil))
	require.Nil(t, gone.DirectorySync.Connection)
	require.Equal(t, "BAD_USER_INPUT", b.gql(t, admin, `mutation { runDirectorySync { id } }`, nil).code())
}
