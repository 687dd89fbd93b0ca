package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
)

// queuedRun is what runDirectorySync answers, with the run it waits for.
type queuedRun struct {
	ID, Status, Trigger string
	WaitingFor          *struct{ ID, Trigger string }
}

const queuedRunFields = `id status trigger waitingFor { id trigger }`

// TestSyncNowQueuesBehindActiveRun: Sync now while a dry run is active is not handed the
// dry run: it waits (waitingFor names the dry run), asking again returns it, a second dry
// run is refused; it starts when the dry run ends and becomes the last run. Before it,
// pendingDeactivations tells whom it would inactivate without recording a run.
func TestSyncNowQueuesBehindActiveRun(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	ctx := context.Background()
	dirID := b.connect(t, admin, "okta scim v2.0")
	first := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", first.Status)

	type pending struct {
		DirectorySync struct {
			PendingDeactivations struct {
				Count  int
				Sample []string
			}
		}
	}
	const pendingQuery = `{ directorySync { pendingDeactivations { count sample } } }`
	require.Zero(t, decode[pending](t, b.gql(t, admin, pendingQuery, nil)).DirectorySync.PendingDeactivations.Count)
	users := decode[struct {
		DirectorySync struct {
			DirectoryUsers struct {
				Edges []struct {
					Node struct {
						ID                  string
						FirstName, LastName *string
					}
				}
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { directoryUsers(first: 2) { edges { node { id firstName lastName } } } } }`, nil))
	edges := users.DirectorySync.DirectoryUsers.Edges
	require.Len(t, edges, 2)
	ids := []string{edges[0].Node.ID, edges[1].Node.ID}
	decode[map[string]any](t, b.gql(t, admin, `mutation($ids: [ID!]!) { setDirectoryUserAssignment(ids: $ids, assigned: false) { id } }`,
		map[string]any{"ids": ids}))
	var runsBefore int
	require.NoError(t, b.db.NewSelect().Model((*db.SyncRun)(nil)).Where("company_id = ?", acme.id).ColumnExpr("count(*)").Scan(ctx, &runsBefore))
	p := decode[pending](t, b.gql(t, admin, pendingQuery, nil)).DirectorySync.PendingDeactivations
	require.Equal(t, 2, p.Count)
	require.ElementsMatch(t, []string{*edges[0].Node.FirstName + " " + *edges[0].Node.LastName,
		*edges[1].Node.FirstName + " " + *edges[1].Node.LastName}, p.Sample)
	var runsAfter int
	require.NoError(t, b.db.NewSelect().Model((*db.SyncRun)(nil)).Where("company_id = ?", acme.id).ColumnExpr("count(*)").Scan(ctx, &runsAfter))
	require.Equal(t, runsBefore, runsAfter, "the quick plan records no run")

	require.NoError(t, b.emulator.SetFaults(dirID, emulator.Faults{Latency: emulator.Duration(500 * time.Millisecond)}))
	const start = `mutation($d: Boolean) { runDirectorySync(input: {dryRun: $d}) { ` + queuedRunFields + ` } }`
	dry := decode[struct{ RunDirectorySync queuedRun }](t, b.gql(t, admin, start, map[string]any{"d": true})).RunDirectorySync
	require.Equal(t, "DRY_RUN", dry.Trigger)
	require.Contains(t, []string{"QUEUED", "RUNNING"}, dry.Status)
	now := decode[struct{ RunDirectorySync queuedRun }](t, b.gql(t, admin, start, map[string]any{"d": false})).RunDirectorySync
	require.NotEqual(t, dry.ID, now.ID, "the active run is not handed back as the admin's sync")
	require.Equal(t, "WAITING", now.Status)
	require.Equal(t, "MANUAL", now.Trigger)
	require.NotNil(t, now.WaitingFor)
	require.Equal(t, dry.ID, now.WaitingFor.ID)
	again := decode[struct{ RunDirectorySync queuedRun }](t, b.gql(t, admin, start, map[string]any{"d": false})).RunDirectorySync
	require.Equal(t, now.ID, again.ID, "asking again returns the queued run")
	require.Equal(t, "CONFLICT", b.gql(t, admin, start, map[string]any{"d": true}).code())
	last := decode[struct {
		DirectorySync struct{ LastRun struct{ ID string } }
	}](t,
		b.gql(t, admin, `{ directorySync { lastRun { id } } }`, nil))
	require.Equal(t, first.ID, last.DirectorySync.LastRun.ID, "neither the dry run nor the waiting run is the last sync")

	require.Equal(t, "SUCCEEDED", b.waitRun(t, admin, dry.ID).Status)
	require.NoError(t, b.emulator.SetFaults(dirID, emulator.Faults{}))
	done := b.waitRun(t, admin, now.ID)
	require.Equal(t, "SUCCEEDED", done.Status, done.Error)
	require.False(t, done.DryRun)
	require.Equal(t, 2, done.Deactivated)
	last = decode[struct {
		DirectorySync struct{ LastRun struct{ ID string } }
	}](t,
		b.gql(t, admin, `{ directorySync { lastRun { id } } }`, nil))
	require.Equal(t, now.ID, last.DirectorySync.LastRun.ID)
}
