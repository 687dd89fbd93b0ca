package search_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/search"
)

func TestSearchFacets(t *testing.T) {
	t.Parallel()
	s := setup(t)
	fc := func(v string, n int) search.FacetCount { return search.FacetCount{Value: v, Label: v, Count: n} }
	office := func(name string, n int) search.FacetCount {
		return search.FacetCount{Value: s.offices[name], Label: name, Count: n}
	}
	tests := []struct {
		name  string
		q     search.Query
		total int
		want  search.Facets
	}{
		{"no filter counts every active user of the company", search.Query{}, 11, search.Facets{
			Departments: []search.FacetCount{fc("Engineering", 3), fc("Support", 3), fc("Sales", 2), fc("Marketing", 1)},
			Divisions:   []search.FacetCount{fc("Platform", 2), fc("EMEA", 1), fc("LATAM", 1), fc("Mobile", 1)},
			Offices:     []search.FacetCount{office("Berlin", 2), office("London", 2), office("Madrid", 1)},
			Tags:        []search.FacetCount{fc("remote", 3), fc("go", 2), fc("spanish", 1), fc("swift", 1)},
		}},
		{"a department keeps the other departments", search.Query{Departments: []string{"Engineering"}}, 3, search.Facets{
			Departments: []search.FacetCount{fc("Engineering", 3), fc("Support", 3), fc("Sales", 2), fc("Marketing", 1)},
			Divisions:   []search.FacetCount{fc("Platform", 2), fc("Mobile", 1)},
			Offices:     []search.FacetCount{office("London", 2), office("Berlin", 1)},
			Tags:        []search.FacetCount{fc("go", 2), fc("remote", 1), fc("swift", 1)},
		}},
		{"each facet ignores only its own filter", search.Query{Departments: []string{"Engineering"}, Tags: []string{"remote"}}, 1, search.Facets{
			Departments: []search.FacetCount{fc("Sales", 2), fc("Engineering", 1)},
			Divisions:   []search.FacetCount{fc("Platform", 1)},
			Offices:     []search.FacetCount{office("Berlin", 1)},
			Tags:        []search.FacetCount{fc("go", 2), fc("remote", 1), fc("swift", 1)},
		}},
		{"text narrows every facet", search.Query{Text: "an"}, 3, search.Facets{
			Departments: []search.FacetCount{fc("Engineering", 2), fc("Sales", 1)},
			Divisions:   []search.FacetCount{fc("EMEA", 1), fc("Mobile", 1), fc("Platform", 1)},
			Offices:     []search.FacetCount{office("Berlin", 2), office("London", 1)},
			Tags:        []search.FacetCount{fc("remote", 2), fc("go", 1), fc("swift", 1)},
		}},
		{"selected values stay with a zero count", search.Query{Departments: []string{"Marketing"},
			Tags: []string{"swift"}, OfficeIDs: []string{"Madrid"}}, 0, search.Facets{
			Departments: []search.FacetCount{fc("Marketing", 0)},
			Divisions:   []search.FacetCount{},
			Offices:     []search.FacetCount{office("Madrid", 0)},
			Tags:        []search.FacetCount{fc("swift", 0)},
		}},
		{"a selected value nobody has shows once", search.Query{Departments: []string{"Legal", "Legal"}}, 0, search.Facets{
			Departments: []search.FacetCount{fc("Engineering", 3), fc("Support", 3), fc("Sales", 2), fc("Marketing", 1), fc("Legal", 0)},
			Divisions:   []search.FacetCount{},
			Offices:     []search.FacetCount{},
			Tags:        []search.FacetCount{},
		}},
		{"offices the company does not have are not listed", search.Query{OfficeIDs: []string{"Other", "not-a-uuid"}}, 0, search.Facets{
			Departments: []search.FacetCount{},
			Divisions:   []search.FacetCount{},
			Offices:     []search.FacetCount{office("Berlin", 2), office("London", 2), office("Madrid", 1)},
			Tags:        []search.FacetCount{},
		}},
		{"inactive users", search.Query{Status: search.StatusInactive}, 2, search.Facets{
			Departments: []search.FacetCount{fc("Engineering", 1), fc("Support", 1)},
			Divisions:   []search.FacetCount{fc("Platform", 1)},
			Offices:     []search.FacetCount{office("Berlin", 1)},
			Tags:        []search.FacetCount{fc("go", 1)},
		}},
		{"a text nobody matches", search.Query{Text: "qqq"}, 0, search.Facets{
			Departments: []search.FacetCount{}, Divisions: []search.FacetCount{},
			Offices: []search.FacetCount{}, Tags: []search.FacetCount{},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			q.OfficeIDs = s.officeIDs(q.OfficeIDs)
			q.WithTotal, q.WithFacets = true, true
			res := s.search(t, q)
			require.Equal(t, tc.total, res.TotalCount)
			require.Equal(t, tc.want, res.Facets)
		})
	}
}

// TestSearchLimits checks that a facet keeps its FacetLimit biggest values plus
// the selected ones beyond the limit, and the page size's default and cap.
func TestSearchLimits(t *testing.T) {
	t.Parallel()
	s := setup(t)
	c, err := db.CreateCompany(s.ctx, s.db, "Many Tags")
	require.NoError(t, err)
	// User i has tags t000..t<i>: t000 is on every user, each next tag on one user fewer.
	users := make([]fixtureUser, search.FacetLimit+20)
	for i := range users {
		var tags []string
		for k := 0; k <= i; k++ {
			tags = append(tags, fmt.Sprintf("t%03d", k))
		}
		users[i] = fixtureUser{email: fmt.Sprintf("u%03d@many.example", i), first: "U", last: "Ser", tags: tags}
	}
	s.insert(t, c.ID, users)
	last := fmt.Sprintf("t%03d", len(users)-1)
	res := s.search(t, search.Query{CompanyID: c.ID, WithFacets: true, Tags: []string{last}})
	require.Len(t, res.Facets.Tags, search.FacetLimit+1)
	for i, f := range res.Facets.Tags[:search.FacetLimit] {
		require.Equal(t, fmt.Sprintf("t%03d", i), f.Value)
		require.Equal(t, len(users)-i, f.Count)
	}
	require.Equal(t, search.FacetCount{Value: last, Label: last, Count: 1}, res.Facets.Tags[search.FacetLimit])

	require.Len(t, s.search(t, search.Query{CompanyID: c.ID}).Users, search.DefaultFirst)
	require.Len(t, s.search(t, search.Query{CompanyID: c.ID, First: 1000}).Users, search.MaxFirst)
}
