package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTagFieldsThroughGraphQL saves named tag fields, syncs, and finds people by them:
// User.tagValues, UserFacets.tagFields and UserFilter.tagFields, plus the preview.
func TestTagFieldsThroughGraphQL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	acme := b.company(t, "acme")
	admin := b.token(t, acme.id, acme.adminID)
	b.connect(t, admin, "okta scim v2.0")

	bad := b.gql(t, admin, `mutation { updateSyncConfiguration(input: {mapping: {email: "/email",
		tagFields: [{key: "cost", label: "Cost center", pointer: "/custom_attributes/cost_center_name"}, {key: "COST", label: "Again", pointer: "/x"}]}}) { dailyAt } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", bad.code(), bad.Raw)
	require.Equal(t, "mapping.tagFields[1].key", bad.Errors[0].Extensions["field"])
	bad = b.gql(t, admin, `mutation { updateSyncConfiguration(input: {mapping: {email: "/email", tags: ["/a"],
		tagFields: [{key: "cost", label: "Cost center", pointer: "/b"}]}}) { dailyAt } }`, nil)
	require.Equal(t, "BAD_USER_INPUT", bad.code(), bad.Raw)

	type tagField struct {
		Key, Label string
		Pointer    *string
		FromGroups bool
	}
	saved := decode[struct {
		UpdateSyncConfiguration struct {
			Mapping struct {
				Tags      []string
				TagFields []tagField
			}
		}
	}](t, b.gql(t, admin, `mutation { updateSyncConfiguration(input: {mapping: {email: "/email", firstName: "/first_name",
		tagFields: [{key: "cost", label: "Cost center", pointer: "/custom_attributes/cost_center_name"},
		            {key: "type", label: "", pointer: "/custom_attributes/employee_type"}]}})
		{ mapping { tags tagFields { key label pointer fromGroups } } } }`, nil))
	m := saved.UpdateSyncConfiguration.Mapping
	require.Equal(t, []string{"/custom_attributes/cost_center_name", "/custom_attributes/employee_type"}, m.Tags)
	require.Len(t, m.TagFields, 2)
	require.Equal(t, "Cost center", m.TagFields[0].Label)
	require.Equal(t, "", m.TagFields[1].Label, "an unnamed field stays unnamed")

	preview := decode[struct {
		DirectorySync struct {
			DirectoryUsers struct {
				Edges []struct {
					Node struct {
						Preview struct {
							TagValues []struct{ Field, Label, Value string }
						}
					}
				}
			}
		}
	}](t, b.gql(t, admin, `{ directorySync { directoryUsers(first: 20) { edges { node { preview { tagValues { field label value } } } } } } }`, nil))
	var previewed int
	for _, e := range preview.DirectorySync.DirectoryUsers.Edges {
		for _, tv := range e.Node.Preview.TagValues {
			previewed++
			require.Contains(t, []string{"cost/Cost center", "type/Tag 2"}, tv.Field+"/"+tv.Label)
		}
	}
	require.Positive(t, previewed, "the preview shows tag values with their fields")

	run := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", run.Status, run.Error)
	require.Positive(t, run.Created)

	type facet struct {
		Field, Label string
		Values       []struct {
			Value string
			Count int
		}
	}
	type page struct {
		Users struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Email     string
					Tags      []string
					TagValues []struct{ Field, Label, Value string }
				}
			}
			Facets struct{ TagFields []facet }
		}
	}
	const doc = `query($f: UserFilter) { users(filter: $f, first: 100) { totalCount
		edges { node { email tags tagValues { field label value } } }
		facets { tagFields { field label values { value count } } } } }`
	all := decode[page](t, b.gql(t, admin, doc, nil))
	require.LessOrEqual(t, all.Users.TotalCount, 100, "one page holds everyone, so the test can count by hand")
	facets := all.Users.Facets.TagFields
	require.Len(t, facets, 2)
	require.Equal(t, "cost", facets[0].Field)
	require.Equal(t, "Cost center", facets[0].Label)
	require.Equal(t, "type", facets[1].Field)
	require.Equal(t, "Tag 2", facets[1].Label)
	require.NotEmpty(t, facets[0].Values)
	require.NotEmpty(t, facets[1].Values)

	cost, kind := facets[0].Values[0], facets[1].Values[0]
	want := 0
	for _, e := range all.Users.Edges {
		hasCost, hasKind := false, false
		for _, tv := range e.Node.TagValues {
			hasCost = hasCost || (tv.Field == "cost" && tv.Value == cost.Value)
			hasKind = hasKind || (tv.Field == "type" && tv.Value == kind.Value)
		}
		if hasCost && hasKind {
			want++
		}
	}
	require.Positive(t, want, "some users have the top cost center and the top type")
	both := decode[page](t, b.gql(t, admin, doc, map[string]any{"f": map[string]any{"tagFields": []map[string]any{
		{"field": "cost", "values": []string{cost.Value}}, {"field": "type", "values": []string{kind.Value}}}}}))
	require.Equal(t, want, both.Users.TotalCount, "all-of across tag fields")
	one := decode[page](t, b.gql(t, admin, doc, map[string]any{"f": map[string]any{"tagFields": []map[string]any{
		{"field": "cost", "values": []string{cost.Value}}}}}))
	require.Equal(t, cost.Count, one.Users.TotalCount, "the facet count is what the filter finds")

	tooMany := make([]map[string]any, 29)
	for i := range tooMany {
		tooMany[i] = map[string]any{"field": string(rune('a' + i)), "values": []string{"x"}}
	}
	resp := b.gql(t, admin, doc, map[string]any{"f": map[string]any{"tagFields": tooMany}})
	require.Equal(t, "BAD_USER_INPUT", resp.code(), resp.Raw)
	require.Equal(t, "filter.tagFields", resp.Errors[0].Extensions["field"])

	// A re-sync with nothing changed writes no user row.
	var before int64
	require.NoError(t, b.db.NewRaw("SELECT people_version FROM companies WHERE id = ?", acme.id).Scan(context.Background(), &before))
	again := b.startRun(t, admin, false)
	require.Equal(t, "SUCCEEDED", again.Status, again.Error)
	require.Zero(t, again.Created+again.Updated)
	var after int64
	require.NoError(t, b.db.NewRaw("SELECT people_version FROM companies WHERE id = ?", acme.id).Scan(context.Background(), &after))
	require.Equal(t, before, after)
}
