package search_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/search"
)

// tagFieldPeople are a company's people with values in the tag fields cost (cost
// center), type (employment type) and teams; "engineering" is both a cost center and a
// team, which the fields keep apart.
var tagFieldPeople = []struct {
	email, dept string
	tags        []string
	fields      []string
}{
	{"a@t.example", "Eng", []string{"engineering", "Full Time", "platform"}, []string{"cost", "type", "teams"}},
	{"b@t.example", "Eng", []string{"engineering", "Contractor", "engineering"}, []string{"cost", "type", "teams"}},
	{"c@t.example", "Sales", []string{"sales", "Full Time"}, []string{"cost", "type"}},
	{"d@t.example", "Sales", []string{"Full Time", "platform", "mobile"}, []string{"type", "teams", "teams"}},
	// tags without fields (manual, or written before tag fields): only in the flat tags
	{"e@t.example", "Eng", []string{"legacy"}, nil},
}

func setupTagFields(t *testing.T) (*bundle, string) {
	t.Helper()
	s := setup(t)
	c, err := db.CreateCompany(s.ctx, s.db, "Tags Corp")
	require.NoError(t, err)
	for _, p := range tagFieldPeople {
		dept := p.dept
		u := db.User{CompanyID: c.ID, Email: p.email, Role: db.RoleMember, Status: db.StatusActive,
			Source: db.SourceDirectory, Department: &dept, Tags: p.tags, TagFields: p.fields}
		_, err := s.db.NewInsert().Model(&u).Exec(s.ctx)
		require.NoError(t, err)
	}
	return s, c.ID
}

func TestSearchTagFields(t *testing.T) {
	t.Parallel()
	s, company := setupTagFields(t)
	fc := func(v string, n int) search.FacetCount { return search.FacetCount{Value: v, Label: v, Count: n} }
	tf := func(field string, values ...search.FacetCount) search.TagFieldFacet {
		if values == nil {
			values = []search.FacetCount{}
		}
		return search.TagFieldFacet{Field: field, Values: values}
	}
	tests := []struct {
		name   string
		q      search.Query
		emails []string
		want   []search.TagFieldFacet
	}{
		{"no filter: one facet per field", search.Query{}, []string{"a@t.example", "b@t.example", "c@t.example", "d@t.example", "e@t.example"},
			[]search.TagFieldFacet{
				tf("cost", fc("engineering", 2), fc("sales", 1)),
				tf("type", fc("Full Time", 3), fc("Contractor", 1)),
				tf("teams", fc("platform", 2), fc("engineering", 1), fc("mobile", 1)),
			}},
		{"any-of within a field; its own facet ignores it", search.Query{TagFields: []search.TagFieldFilter{{Field: "teams", Values: []string{"mobile", "engineering"}}}},
			[]string{"b@t.example", "d@t.example"},
			[]search.TagFieldFacet{
				tf("cost", fc("engineering", 1)),
				tf("type", fc("Contractor", 1), fc("Full Time", 1)),
				tf("teams", fc("platform", 2), fc("engineering", 1), fc("mobile", 1)),
			}},
		{"the same value in another field does not match", search.Query{TagFields: []search.TagFieldFilter{{Field: "teams", Values: []string{"engineering"}}}},
			[]string{"b@t.example"}, nil},
		{"all-of across fields, counts disjunctive", search.Query{TagFields: []search.TagFieldFilter{
			{Field: "type", Values: []string{"Full Time"}}, {Field: "teams", Values: []string{"platform"}}}},
			[]string{"a@t.example", "d@t.example"},
			[]search.TagFieldFacet{
				tf("cost", fc("engineering", 1)),
				tf("type", fc("Full Time", 2)),
				tf("teams", fc("platform", 2), fc("mobile", 1)),
			}},
		{"filters on one field merge", search.Query{TagFields: []search.TagFieldFilter{
			{Field: "cost", Values: []string{"sales"}}, {Field: "cost", Values: []string{"engineering"}}}},
			[]string{"a@t.example", "b@t.example", "c@t.example"}, nil},
		{"with the other facets", search.Query{Departments: []string{"Sales"}, TagFields: []search.TagFieldFilter{{Field: "type", Values: []string{"Full Time"}}}},
			[]string{"c@t.example", "d@t.example"}, nil},
		{"an unknown field matches nobody and shows its selection", search.Query{TagFields: []search.TagFieldFilter{{Field: "nope", Values: []string{"x"}}}},
			[]string{}, []search.TagFieldFacet{tf("cost"), tf("type"), tf("teams"), tf("nope", fc("x", 0))}},
		{"an empty filter does not filter", search.Query{TagFields: []search.TagFieldFilter{{Field: "cost"}}},
			[]string{"a@t.example", "b@t.example", "c@t.example", "d@t.example", "e@t.example"}, nil},
		{"flat tags still hold every value", search.Query{Tags: []string{"legacy", "mobile"}}, []string{"d@t.example", "e@t.example"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := tt.q
			q.CompanyID, q.WithFacets, q.WithTotal, q.Order = company, true, true, search.OrderEmailAsc
			res := s.search(t, q)
			require.Equal(t, tt.emails, emails(res))
			require.Equal(t, len(tt.emails), res.TotalCount)
			if tt.want != nil {
				require.Equal(t, tt.want, res.Facets.TagFields)
			}
		})
	}
}

func TestSearchTagFieldsLimit(t *testing.T) {
	t.Parallel()
	s, company := setupTagFields(t)
	var filters []search.TagFieldFilter
	for i := range search.MaxTagFieldFilters + 1 {
		filters = append(filters, search.TagFieldFilter{Field: string(rune('a' + i)), Values: []string{"x"}})
	}
	_, err := s.svc.Search(s.ctx, search.Query{CompanyID: company, TagFields: filters})
	require.ErrorIs(t, err, search.ErrBadSearch)
	res := s.search(t, search.Query{CompanyID: company, TagFields: filters[:search.MaxTagFieldFilters]})
	require.Empty(t, res.Users)
}

func TestSearchTagFieldsFresh(t *testing.T) {
	t.Parallel()
	s, company := setupTagFields(t)
	q := search.Query{CompanyID: company, TagFields: []search.TagFieldFilter{{Field: "teams", Values: []string{"sales"}}}}
	require.Empty(t, s.search(t, q).Users)
	// Moving a value to another field alone (tags unchanged) bumps people_version.
	s.exec(t, `UPDATE users SET tag_fields = '{teams,type}' WHERE company_id = ? AND email = 'c@t.example'`, company)
	require.Equal(t, []string{"c@t.example"}, emails(s.search(t, q)))
}
