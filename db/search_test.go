package db_test

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
)

func TestSearchUsersFilters(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	everyoneActive := []string{"helpdesk@a.example", "anna.smith@a.example", "annabel.lee@a.example",
		"bob.builder@a.example", "jose.nunez@a.example", "mj.obrien@a.example", "x_y%z@a.example",
		"sam.lee1@a.example", "sam.lee2@a.example", "sam.lee3@a.example", "zoe.aberg@a.example"}
	tests := []struct {
		name string
		q    db.SearchQuery
		want []string // as a set; order is tested separately
	}{
		{"no filter is every active user", db.SearchQuery{}, everyoneActive},
		{"two prefixes find Anna Smith", db.SearchQuery{Text: "ann sm"}, []string{"anna.smith@a.example"}},
		{"case-insensitive prefix", db.SearchQuery{Text: "ANN"}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"prefix of a surname", db.SearchQuery{Text: "an"},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "bob.builder@a.example"}},
		{"terms in any order", db.SearchQuery{Text: "smith anna"}, []string{"anna.smith@a.example"}},
		{"a word of the email", db.SearchQuery{Text: "build"}, []string{"bob.builder@a.example"}},
		{"the whole email", db.SearchQuery{Text: "bob.builder@a.example"}, []string{"bob.builder@a.example"}},
		{"a user without a name by email", db.SearchQuery{Text: "helpd"}, []string{"helpdesk@a.example"}},
		{"not a prefix", db.SearchQuery{Text: "nna"}, nil},
		{"accented query", db.SearchQuery{Text: "núñ"}, []string{"jose.nunez@a.example"}},
		{"accented name, unaccented email", db.SearchQuery{Text: "josé nunez"}, []string{"jose.nunez@a.example"}},
		{"upper-case accents", db.SearchQuery{Text: "ÅBERG ZOË"}, []string{"zoe.aberg@a.example"}},
		{"apostrophe", db.SearchQuery{Text: "o'brien"}, []string{"mj.obrien@a.example"}},
		{"apostrophe dropped", db.SearchQuery{Text: "obri"}, []string{"mj.obrien@a.example"}},
		{"hyphenated first name", db.SearchQuery{Text: "mary-jane"}, []string{"mj.obrien@a.example"}},
		{"SQL wildcards alone are no terms", db.SearchQuery{Text: `%_\`}, everyoneActive},
		{"SQL wildcards around a term", db.SearchQuery{Text: `%an_`}, []string{"anna.smith@a.example",
			"annabel.lee@a.example", "bob.builder@a.example"}},
		{"SQL injection is just words", db.SearchQuery{Text: `x'); DROP TABLE users; --`}, nil},
		{"tsquery syntax is just words", db.SearchQuery{Text: `ann:* | !(&`}, []string{"anna.smith@a.example", "annabel.lee@a.example"}},
		{"one department", db.SearchQuery{Departments: []string{"Engineering"}},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "zoe.aberg@a.example"}},
		{"departments any-of", db.SearchQuery{Departments: []string{"Marketing", "Sales"}},
			[]string{"bob.builder@a.example", "jose.nunez@a.example", "mj.obrien@a.example"}},
		{"unknown department", db.SearchQuery{Departments: []string{"engineering"}}, nil},
		{"division", db.SearchQuery{Divisions: []string{"Platform"}}, []string{"anna.smith@a.example", "zoe.aberg@a.example"}},
		{"office", db.SearchQuery{OfficeIDs: []string{"Berlin"}}, []string{"anna.smith@a.example", "bob.builder@a.example"}},
		{"offices any-of", db.SearchQuery{OfficeIDs: []string{"Berlin", "Madrid"}},
			[]string{"anna.smith@a.example", "bob.builder@a.example", "jose.nunez@a.example"}},
		{"malformed office id matches nobody", db.SearchQuery{OfficeIDs: []string{"not-a-uuid"}}, nil},
		{"another company's office matches nobody", db.SearchQuery{OfficeIDs: []string{"Other"}}, nil},
		{"tag", db.SearchQuery{Tags: []string{"remote"}},
			[]string{"anna.smith@a.example", "bob.builder@a.example", "jose.nunez@a.example"}},
		{"tags any-of", db.SearchQuery{Tags: []string{"go", "swift"}},
			[]string{"anna.smith@a.example", "annabel.lee@a.example", "zoe.aberg@a.example"}},
		{"department and tag", db.SearchQuery{Departments: []string{"Engineering"}, Tags: []string{"remote"}},
			[]string{"anna.smith@a.example"}},
		{"text and department", db.SearchQuery{Text: "an", Departments: []string{"Sales"}}, []string{"bob.builder@a.example"}},
		{"every facet", db.SearchQuery{Departments: []string{"Engineering", "Sales"}, Divisions: []string{"Platform", "EMEA"},
			OfficeIDs: []string{"Berlin"}, Tags: []string{"remote"}}, []string{"anna.smith@a.example", "bob.builder@a.example"}},
		{"inactive", db.SearchQuery{Status: db.SearchStatusInactive}, []string{"ivan.gone@a.example", "sam.lee4@a.example"}},
		{"inactive with a filter", db.SearchQuery{Status: db.SearchStatusInactive, Tags: []string{"go"}}, []string{"ivan.gone@a.example"}},
		{"all statuses", db.SearchQuery{Status: db.SearchStatusAll}, append([]string{"ivan.gone@a.example", "sam.lee4@a.example"}, everyoneActive...)},
	}
	t.Run("cases", func(t *testing.T) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				q := tc.q
				for i, name := range q.OfficeIDs {
					if id, ok := s.offices[name]; ok {
						q.OfficeIDs[i] = id
					}
				}
				q.First, q.WithTotal = 100, true
				res := s.search(t, q)
				require.ElementsMatch(t, tc.want, emails(res))
				require.Equal(t, len(tc.want), res.TotalCount)
				require.False(t, res.HasNextPage)
			})
		}
	})
	t.Run("the users table survives", func(t *testing.T) {
		require.Len(t, s.search(t, db.SearchQuery{First: 100}).Users, len(everyoneActive))
	})
}

func TestSearchUsersLoadsOffices(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	res := s.search(t, db.SearchQuery{Text: "anna smith"})
	require.Len(t, res.Users, 1)
	row := res.Users[0]
	require.Equal(t, "Anna", *row.User.FirstName)
	require.Equal(t, []string{"go", "remote"}, row.User.Tags)
	require.NotNil(t, row.Office)
	require.Equal(t, s.offices["Berlin"], row.Office.ID)
	require.Equal(t, "Berlin", row.Office.Name)
	require.Equal(t, []string{"BER", "Berlin HQ"}, row.Office.Aliases)

	res = s.search(t, db.SearchQuery{Text: "mary jane"})
	require.Len(t, res.Users, 1)
	require.Nil(t, res.Users[0].Office)
	require.Empty(t, res.Users[0].User.Tags)
}

func TestSearchUsersFacets(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	fc := func(v string, n int) db.FacetCount { return db.FacetCount{Value: v, Label: v, Count: n} }
	office := func(name string, n int) db.FacetCount {
		return db.FacetCount{Value: s.offices[name], Label: name, Count: n}
	}
	tests := []struct {
		name  string
		q     db.SearchQuery
		total int
		want  db.Facets
	}{
		{"no filter counts every active user of the company", db.SearchQuery{}, 11, db.Facets{
			Departments: []db.FacetCount{fc("Engineering", 3), fc("Support", 3), fc("Sales", 2), fc("Marketing", 1)},
			Divisions:   []db.FacetCount{fc("Platform", 2), fc("EMEA", 1), fc("LATAM", 1), fc("Mobile", 1)},
			Offices:     []db.FacetCount{office("Berlin", 2), office("London", 2), office("Madrid", 1)},
			Tags:        []db.FacetCount{fc("remote", 3), fc("go", 2), fc("spanish", 1), fc("swift", 1)},
		}},
		{"a department keeps the other departments", db.SearchQuery{Departments: []string{"Engineering"}}, 3, db.Facets{
			Departments: []db.FacetCount{fc("Engineering", 3), fc("Support", 3), fc("Sales", 2), fc("Marketing", 1)},
			Divisions:   []db.FacetCount{fc("Platform", 2), fc("Mobile", 1)},
			Offices:     []db.FacetCount{office("London", 2), office("Berlin", 1)},
			Tags:        []db.FacetCount{fc("go", 2), fc("remote", 1), fc("swift", 1)},
		}},
		{"each facet ignores only its own filter", db.SearchQuery{Departments: []string{"Engineering"}, Tags: []string{"remote"}}, 1, db.Facets{
			Departments: []db.FacetCount{fc("Sales", 2), fc("Engineering", 1)},
			Divisions:   []db.FacetCount{fc("Platform", 1)},
			Offices:     []db.FacetCount{office("Berlin", 1)},
			Tags:        []db.FacetCount{fc("go", 2), fc("remote", 1), fc("swift", 1)},
		}},
		{"text narrows every facet", db.SearchQuery{Text: "an"}, 3, db.Facets{
			Departments: []db.FacetCount{fc("Engineering", 2), fc("Sales", 1)},
			Divisions:   []db.FacetCount{fc("EMEA", 1), fc("Mobile", 1), fc("Platform", 1)},
			Offices:     []db.FacetCount{office("Berlin", 2), office("London", 1)},
			Tags:        []db.FacetCount{fc("remote", 2), fc("go", 1), fc("swift", 1)},
		}},
		{"selected values stay with a zero count", db.SearchQuery{Departments: []string{"Marketing"},
			Tags: []string{"swift"}, OfficeIDs: []string{"Madrid"}}, 0, db.Facets{
			Departments: []db.FacetCount{fc("Marketing", 0)},
			Divisions:   []db.FacetCount{},
			Offices:     []db.FacetCount{office("Madrid", 0)},
			Tags:        []db.FacetCount{fc("swift", 0)},
		}},
		{"inactive users", db.SearchQuery{Status: db.SearchStatusInactive}, 2, db.Facets{
			Departments: []db.FacetCount{fc("Engineering", 1), fc("Support", 1)},
			Divisions:   []db.FacetCount{fc("Platform", 1)},
			Offices:     []db.FacetCount{office("Berlin", 1)},
			Tags:        []db.FacetCount{fc("go", 1)},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			for i, name := range q.OfficeIDs {
				q.OfficeIDs[i] = s.offices[name]
			}
			q.WithTotal, q.WithFacets = true, true
			res := s.search(t, q)
			require.Equal(t, tc.total, res.TotalCount)
			require.Equal(t, tc.want, res.Facets)
		})
	}
}

func TestSearchUsersSkipsWhatWasNotAsked(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	res := s.search(t, db.SearchQuery{First: 2})
	require.Len(t, res.Users, 2)
	require.True(t, res.HasNextPage)
	require.Zero(t, res.TotalCount)
	require.Equal(t, db.Facets{}, res.Facets)

	res = s.search(t, db.SearchQuery{First: 2, WithTotal: true})
	require.Equal(t, 11, res.TotalCount)
	require.Equal(t, db.Facets{}, res.Facets)
}

func TestSearchUsersOtherCompany(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	res := s.search(t, db.SearchQuery{CompanyID: s.b, Text: "anna", WithTotal: true, WithFacets: true,
		OfficeIDs: []string{s.offices["Other"], s.offices["Berlin"]}})
	require.ElementsMatch(t, []string{"anna.smith@b.example", "anna.other@b.example"}, emails(res))
	require.Equal(t, 2, res.TotalCount)
	require.Equal(t, []db.FacetCount{{Value: s.offices["Other"], Label: "Other", Count: 2}}, res.Facets.Offices)
	require.Equal(t, []db.FacetCount{{Value: "Engineering", Label: "Engineering", Count: 1},
		{Value: "Sales", Label: "Sales", Count: 1}}, res.Facets.Departments)

	res, err := db.SearchUsers(s.ctx, s.db, db.SearchQuery{CompanyID: "not-a-uuid"})
	require.ErrorIs(t, err, db.ErrNotFound)
	require.Nil(t, res)
}

func TestSearchUsersPaging(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	for _, order := range []db.UserOrder{db.OrderNameAsc, db.OrderNameDesc, db.OrderEmailAsc, db.OrderEmailDesc} {
		for _, size := range []int{1, 2, 5} {
			t.Run(string(order), func(t *testing.T) {
				t.Parallel()
				all := s.search(t, db.SearchQuery{Order: order, Status: db.SearchStatusAll, First: 100})
				require.Len(t, all.Users, 13)
				var paged []string
				q := db.SearchQuery{Order: order, Status: db.SearchStatusAll, First: size}
				for page := 0; ; page++ {
					require.Less(t, page, 20, "paging does not end")
					res := s.search(t, q)
					paged = append(paged, emails(res)...)
					if !res.HasNextPage {
						require.NotEmpty(t, res.Users)
						break
					}
					require.Len(t, res.Users, size)
					q.After = res.Users[len(res.Users)-1].Cursor
				}
				require.Equal(t, emails(all), paged)
			})
		}
	}
	t.Run("orders", func(t *testing.T) {
		t.Parallel()
		asc := emails(s.search(t, db.SearchQuery{First: 100}))
		require.Equal(t, []string{"anna.smith@a.example", "annabel.lee@a.example", "bob.builder@a.example",
			"helpdesk@a.example", "jose.nunez@a.example", "mj.obrien@a.example", "x_y%z@a.example"}, asc[:7])
		require.ElementsMatch(t, []string{"sam.lee1@a.example", "sam.lee2@a.example", "sam.lee3@a.example"}, asc[7:10])
		require.Equal(t, "zoe.aberg@a.example", asc[10], "Zoë sorts with Z, not after it")
		var samIDs []string
		for _, e := range asc[7:10] {
			samIDs = append(samIDs, s.ids[e])
		}
		require.IsIncreasing(t, samIDs, "equal names are ordered by id")
		desc := emails(s.search(t, db.SearchQuery{First: 100, Order: db.OrderNameDesc}))
		for i := range asc {
			require.Equal(t, asc[i], desc[len(desc)-1-i])
		}
		byEmail := emails(s.search(t, db.SearchQuery{First: 100, Order: db.OrderEmailAsc}))
		require.IsIncreasing(t, byEmail)
	})
}

func TestSearchUsersBadInput(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	first := s.search(t, db.SearchQuery{First: 1})
	nameCursor := first.Users[0].Cursor
	tests := []struct {
		name  string
		q     db.SearchQuery
		error error
	}{
		{"garbage cursor", db.SearchQuery{After: "!!not base64!!"}, db.ErrBadCursor},
		{"base64 of garbage", db.SearchQuery{After: base64.RawURLEncoding.EncodeToString([]byte("nope"))}, db.ErrBadCursor},
		{"cursor of another order", db.SearchQuery{After: nameCursor, Order: db.OrderEmailAsc}, db.ErrBadCursor},
		{"cursor with a bad id", db.SearchQuery{After: base64.RawURLEncoding.EncodeToString(
			[]byte(`{"o":"NAME_ASC","k":"x","i":"1 OR 1=1"}`))}, db.ErrBadCursor},
		{"unknown order", db.SearchQuery{Order: "RANDOM"}, db.ErrBadSearch},
		{"unknown status", db.SearchQuery{Status: "DELETED"}, db.ErrBadSearch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			q.CompanyID = s.a
			_, err := db.SearchUsers(s.ctx, s.db, q)
			require.ErrorIs(t, err, tc.error)
		})
	}
	t.Run("a good cursor resumes", func(t *testing.T) {
		t.Parallel()
		res := s.search(t, db.SearchQuery{First: 1, After: nameCursor})
		require.Equal(t, []string{"annabel.lee@a.example"}, emails(res))
	})
}

func TestSearchUsersIsOneStatement(t *testing.T) {
	t.Parallel()
	s := setupSearch(t)
	counter := dbtest.CountQueries(s.db)
	for _, q := range []db.SearchQuery{
		{First: 3, WithTotal: true, WithFacets: true},
		{Text: "an", Departments: []string{"Engineering"}, Tags: []string{"go"}, OfficeIDs: []string{s.offices["London"]},
			Divisions: []string{"Platform"}, First: 2, WithTotal: true, WithFacets: true},
	} {
		counter.Reset()
		q.CompanyID = s.a
		res, err := db.SearchUsers(s.ctx, s.db, q)
		require.NoError(t, err)
		require.NotEmpty(t, res.Facets.Departments, "facets were computed")
		require.LessOrEqual(t, counter.Count(), 2)
		require.Equal(t, 1, counter.Count())
	}
}
