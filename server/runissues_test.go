package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
)

// TestRunIssuesGroupAndPage: a run whose office values match no office reports its issues
// grouped by office value with counts; a group pages on demand; the history list carries
// counts without loading every issue.
func TestRunIssuesGroupAndPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	ctx := context.Background()
	b.connect(t, admin, "okta scim v2.0")

	attrs := decode[struct {
		DirectorySync struct {
			Attributes []struct {
				Path      string
				UserCount int
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { attributes { path userCount } } }`, nil))
	office := ""
	for _, a := range attrs.DirectorySync.Attributes {
		if a.Path == "/custom_attributes/office_name" && a.UserCount > 0 {
			office = a.Path
			break
		}
	}
	require.NotEmpty(t, office, "the Okta shape has office names")
	resp := b.gql(t, admin, `mutation($o: String) { updateSyncConfiguration(input: {mapping: {email: "/email", office: $o}}) { dailyAt } }`,
		map[string]any{"o": office})
	require.Empty(t, resp.Errors, resp.Raw)
	run := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", run.Status, run.Error)

	type group struct {
		Key, Kind, Message string
		Value              *string
		Count              int
	}
	full := decode[struct {
		DirectorySync struct {
			Run struct {
				IssueCount  int
				Issues      []struct{ Kind string }
				IssueGroups []group
			}
		}
	}](t, b.gql(t, admin, `query($id: ID!) { directorySync { run(id: $id) { issueCount issues { kind } issueGroups { key kind value message count } } } }`,
		map[string]any{"id": run.ID})).DirectorySync.Run
	require.Equal(t, len(full.Issues), full.IssueCount)
	var unmatched []group
	total := 0
	for _, g := range full.IssueGroups {
		total += g.Count
		if g.Kind == "unmatched_office" {
			unmatched = append(unmatched, g)
		}
	}
	require.Equal(t, full.IssueCount, total, "every issue is in one group")
	require.NotEmpty(t, unmatched)
	for i, g := range unmatched {
		require.NotNil(t, g.Value)
		require.Contains(t, g.Message, *g.Value)
		if i > 0 {
			require.LessOrEqual(t, g.Count, unmatched[i-1].Count, "largest group first")
		}
	}
	biggest := unmatched[0]

	type page struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct{ Node struct{ Kind, Value string } }
	}
	seen := 0
	after := ""
	for {
		p := decode[struct {
			DirectorySync struct{ Run struct{ GroupIssues page } }
		}](t, b.gql(t, admin, `query($id: ID!, $g: String!, $a: String) { directorySync { run(id: $id) {
			groupIssues(group: $g, first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { kind value } } } } } }`,
			map[string]any{"id": run.ID, "g": biggest.Key, "a": after})).DirectorySync.Run.GroupIssues
		require.Equal(t, biggest.Count, p.TotalCount)
		for _, e := range p.Edges {
			require.Equal(t, "unmatched_office", e.Node.Kind)
			require.Equal(t, *biggest.Value, e.Node.Value)
		}
		seen += len(p.Edges)
		if !p.PageInfo.HasNextPage {
			break
		}
		after = p.PageInfo.EndCursor
	}
	require.Equal(t, biggest.Count, seen, "the pages hold the whole group once")

	// summaryRead reports whether a statement since the last Reset read the runs' counts
	// instead of their issues.
	summaryRead := func() bool {
		return slices.ContainsFunc(b.queries.Statements(), func(q string) bool {
			return strings.Contains(q, "jsonb_array_length(sync_run.issues)")
		})
	}
	b.queries.Reset()
	list := decode[struct {
		DirectorySync struct {
			Runs struct {
				Edges []struct {
					Node struct {
						ID         string
						IssueCount int
					}
				}
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { runs(first: 5) { edges { node { id issueCount } } } } }`, nil))
	require.Equal(t, run.ID, list.DirectorySync.Runs.Edges[0].Node.ID)
	require.Equal(t, full.IssueCount, list.DirectorySync.Runs.Edges[0].Node.IssueCount)
	require.True(t, summaryRead(), "a list asking for counts does not load the issues")

	// A list that asks for the issues (here through a fragment) gets them whole.
	b.queries.Reset()
	detailed := decode[struct {
		DirectorySync struct {
			Runs struct {
				Edges []struct {
					Node struct {
						Issues      []struct{ Kind string }
						IssueGroups []group
					}
				}
			}
		}
	}](t, b.gql(t, admin, `fragment Detail on SyncRun { issues { kind } issueGroups { key kind value message count } }
		{ directorySync { runs(first: 5) { edges { node { ...Detail } } } } }`, nil))
	require.Len(t, detailed.DirectorySync.Runs.Edges[0].Node.Issues, full.IssueCount)
	require.Equal(t, full.IssueGroups, detailed.DirectorySync.Runs.Edges[0].Node.IssueGroups)
	require.False(t, summaryRead())

	summaries, err := db.ListSyncRunSummaries(ctx, b.db, acme.id, 5, "")
	require.NoError(t, err)
	require.Nil(t, summaries.Runs[0].Issues, "a history list does not load the issues")
	require.Equal(t, full.IssueCount, summaries.Runs[0].IssueCount)

	resp = b.gql(t, admin, `query($id: ID!) { directorySync { run(id: $id) { groupIssues(group: "x", after: "garbage") { totalCount } } } }`, map[string]any{"id": run.ID})
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
}
