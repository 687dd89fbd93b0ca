package search_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/search"
)

// officeIDs turns office names of the fixture into their ids; other values stay.
func (s *bundle) officeIDs(names []string) []string {
	out := slices.Clone(names)
	for i, name := range out {
		if id, ok := s.offices[name]; ok {
			out[i] = id
		}
	}
	return out
}

func TestSearchFilters(t *testing.T) {
	t.Parallel()
	s := setup(t)
	everyoneActive := []string{"helpdesk@a.example", "anna.smith@a.example", "annabel.lee@a.example",
		"bob.builder@a.example", "jose.nunez@a.example", "mj.obrien@a.example", "x_y%z@a.example",
		"sam.lee1@a.example", "sam.lee2@a.example", "sam.lee3@a.example", "zoe.aberg@a.example"}
	tests := []struct {
		name string
		q    search.Query
		want []string // as a set; order is tested separately
	}{
		{"no filter is every active user", search.Query{}, everyoneActive},
		{"two prefixes find Anna Smith", search.Query{Text: "ann sm"}, []string{"anna.smith@a.example"}},
		{"case-insensitive prefix", search.Query{Text: "ANN"}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"prefix of a surname", search.Query{Text: "an"},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "bob.builder@a.example"}},
		{"terms in any order", search.Query{Text: "smith anna"}, []string{"anna.smith@a.example"}},
		{"a repeated term", search.Query{Text: "anna anna"}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"a word of the email", search.Query{Text: "build"}, []string{"bob.builder@a.example"}},
		{"the whole email", search.Query{Text: "bob.builder@a.example"}, []string{"bob.builder@a.example"}},
		{"a user without a name by email", search.Query{Text: "helpd"}, []string{"helpdesk@a.example"}},
		{"not a prefix", search.Query{Text: "nna"}, nil},
		{"a term nobody has", search.Query{Text: "anna qqq"}, nil},
		{"accented query", search.Query{Text: "núñ"}, []string{"jose.nunez@a.example"}},
		{"accented name, unaccented email", search.Query{Text: "josé nunez"}, []string{"jose.nunez@a.example"}},
		{"upper-case accents", search.Query{Text: "ÅBERG ZOË"}, []string{"zoe.aberg@a.example"}},
		{"apostrophe", search.Query{Text: "o'brien"}, []string{"mj.obrien@a.example"}},
		{"apostrophe dropped", search.Query{Text: "obri"}, []string{"mj.obrien@a.example"}},
		{"hyphen dropped", search.Query{Text: "maryjane"}, []string{"mj.obrien@a.example"}},
		{"hyphenated first name", search.Query{Text: "mary-jane"}, []string{"mj.obrien@a.example"}},
		{"SQL wildcards alone are no terms", search.Query{Text: `%_\`}, everyoneActive},
		{"SQL wildcards around a term", search.Query{Text: `%an_`}, []string{"anna.smith@a.example",
			"annabel.lee@a.example", "bob.builder@a.example"}},
		{"SQL injection is just words", search.Query{Text: `x'); DROP TABLE users; --`}, nil},
		{"tsquery syntax is just words", search.Query{Text: `ann:* | !(&`}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"one department", search.Query{Departments: []string{"Engineering"}},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "zoe.aberg@a.example"}},
		{"departments any-of", search.Query{Departments: []string{"Marketing", "Sales"}},
			[]string{"bob.builder@a.example", "jose.nunez@a.example", "mj.obrien@a.example"}},
		{"unknown department", search.Query{Departments: []string{"engineering"}}, nil},
		{"division", search.Query{Divisions: []string{"Platform"}}, []string{"anna.smith@a.example", "zoe.aberg@a.example"}},
		{"office", search.Query{OfficeIDs: []string{"Berlin"}}, []string{"anna.smith@a.example", "bob.builder@a.example"}},
		{"offices any-of", search.Query{OfficeIDs: []string{"Berlin", "Madrid"}},
			[]string{"anna.smith@a.example", "bob.builder@a.example", "jose.nunez@a.example"}},
		{"malformed office id matches nobody", search.Query{OfficeIDs: []string{"not-a-uuid"}}, nil},
		{"another company's office matches nobody", search.Query{OfficeIDs: []string{"Other"}}, nil},
		{"tag", search.Query{Tags: []string{"remote"}},
			[]string{"anna.smith@a.example", "bob.builder@a.example", "jose.nunez@a.example"}},
		{"tags any-of", search.Query{Tags: []string{"go", "swift"}},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "zoe.aberg@a.example"}},
		{"department and tag", search.Query{Departments: []string{"Engineering"}, Tags: []string{"remote"}},
			[]string{"anna.smith@a.example"}},
		{"text and department", search.Query{Text: "an", Departments: []string{"Sales"}}, []string{"bob.builder@a.example"}},
		{"every facet", search.Query{Departments: []string{"Engineering", "Sales"}, Divisions: []string{"Platform", "EMEA"},
			OfficeIDs: []string{"Berlin"}, Tags: []string{"remote"}}, []string{"anna.smith@a.example", "bob.builder@a.example"}},
		{"inactive", search.Query{Status: search.StatusInactive}, []string{"ivan.gone@a.example", "sam.lee4@a.example"}},
		{"inactive with a filter", search.Query{Status: search.StatusInactive, Tags: []string{"go"}}, []string{"ivan.gone@a.example"}},
		{"all statuses", search.Query{Status: search.StatusAll}, append([]string{"ivan.gone@a.example", "sam.lee4@a.example"}, everyoneActive...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			q.OfficeIDs = s.officeIDs(q.OfficeIDs)
			q.First, q.WithTotal = 100, true
			res := s.search(t, q)
			require.ElementsMatch(t, tc.want, emails(res))
			require.Equal(t, len(tc.want), res.TotalCount)
			require.False(t, res.HasNextPage)
		})
	}
}

func TestSearchLoadsRows(t *testing.T) {
	t.Parallel()
	s := setup(t)
	s.exec(t, "UPDATE users SET job_title = 'Staff Engineer', last_synced_at = now() WHERE email = 'anna.smith@a.example'")
	res := s.search(t, search.Query{Text: "anna smith"})
	require.Len(t, res.Users, 1)
	row := res.Users[0]
	require.Equal(t, s.ids["anna.smith@a.example"], row.User.ID)
	require.Equal(t, s.a, row.User.CompanyID)
	require.Equal(t, "Anna", *row.User.FirstName)
	require.Equal(t, "Smith", *row.User.LastName)
	require.Equal(t, "Staff Engineer", *row.User.JobTitle)
	require.NotNil(t, row.User.LastSyncedAt)
	require.Equal(t, "Engineering", *row.User.Department)
	require.Equal(t, "Platform", *row.User.Division)
	require.Equal(t, db.StatusActive, row.User.Status)
	require.Equal(t, db.RoleMember, row.User.Role)
	require.Equal(t, db.SourceManual, row.User.Source)
	require.False(t, row.User.CreatedAt.IsZero())
	require.Equal(t, []string{"go", "remote"}, row.User.Tags)
	require.NotNil(t, row.Office)
	require.Equal(t, s.offices["Berlin"], row.Office.ID)
	require.Equal(t, s.a, row.Office.CompanyID)
	require.Equal(t, "Berlin", row.Office.Name)
	require.Equal(t, []string{"BER", "Berlin HQ"}, row.Office.Aliases)
	require.False(t, row.Office.UpdatedAt.IsZero())

	res = s.search(t, search.Query{Text: "mary jane"})
	require.Len(t, res.Users, 1)
	require.Nil(t, res.Users[0].Office)
	require.Empty(t, res.Users[0].User.Tags)
	require.NotNil(t, res.Users[0].User.Tags)
}

func TestSearchSkipsWhatWasNotAsked(t *testing.T) {
	t.Parallel()
	s := setup(t)
	res := s.search(t, search.Query{First: 2})
	require.Len(t, res.Users, 2)
	require.True(t, res.HasNextPage)
	require.Zero(t, res.TotalCount)
	require.Equal(t, search.Facets{}, res.Facets)

	res = s.search(t, search.Query{First: 2, WithTotal: true})
	require.Equal(t, 11, res.TotalCount)
	require.Equal(t, search.Facets{}, res.Facets)
}

func TestSearchOtherCompany(t *testing.T) {
	t.Parallel()
	s := setup(t)
	res := s.search(t, search.Query{CompanyID: s.b, Text: "anna", WithTotal: true, WithFacets: true,
		OfficeIDs: []string{s.offices["Other"], s.offices["Berlin"]}})
	require.ElementsMatch(t, []string{"anna.smith@b.example", "anna.other@b.example"}, emails(res))
	require.Equal(t, 2, res.TotalCount)
	require.Equal(t, []search.FacetCount{{Value: s.offices["Other"], Label: "Other", Count: 2}}, res.Facets.Offices)
	require.Equal(t, []search.FacetCount{{Value: "Engineering", Label: "Engineering", Count: 1},
		{Value: "Sales", Label: "Sales", Count: 1}}, res.Facets.Departments)
	for _, r := range res.Users {
		require.Equal(t, s.b, r.User.CompanyID)
	}

	for _, id := range []string{"not-a-uuid", "00000000-0000-0000-0000-000000000000"} {
		res, err := s.svc.Search(s.ctx, search.Query{CompanyID: id})
		require.ErrorIs(t, err, db.ErrNotFound, id)
		require.Nil(t, res)
	}
}
