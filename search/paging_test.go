package search_test

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/search"
)

var orders = []search.UserOrder{search.OrderNameAsc, search.OrderNameDesc, search.OrderEmailAsc, search.OrderEmailDesc}

func TestSearchPaging(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, order := range orders {
		for _, size := range []int{1, 2, 5} {
			t.Run(fmt.Sprintf("%s by %d", order, size), func(t *testing.T) {
				t.Parallel()
				all := s.search(t, search.Query{Order: order, Status: search.StatusAll, First: 100})
				require.Len(t, all.Users, 13)
				var paged []string
				q := search.Query{Order: order, Status: search.StatusAll, First: size}
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
		asc := emails(s.search(t, search.Query{First: 100}))
		require.Equal(t, []string{"anna.smith@a.example", "annabel.lee@a.example", "bob.builder@a.example",
			"helpdesk@a.example", "jose.nunez@a.example", "mj.obrien@a.example", "x_y%z@a.example"}, asc[:7])
		require.ElementsMatch(t, []string{"sam.lee1@a.example", "sam.lee2@a.example", "sam.lee3@a.example"}, asc[7:10])
		require.Equal(t, "zoe.aberg@a.example", asc[10], "Zoë sorts with Z, not after it")
		var samIDs []string
		for _, e := range asc[7:10] {
			samIDs = append(samIDs, s.ids[e])
		}
		require.IsIncreasing(t, samIDs, "equal names are ordered by id")
		desc := emails(s.search(t, search.Query{First: 100, Order: search.OrderNameDesc}))
		for i := range asc {
			require.Equal(t, asc[i], desc[len(desc)-1-i])
		}
		byEmail := emails(s.search(t, search.Query{First: 100, Order: search.OrderEmailAsc}))
		require.IsIncreasing(t, byEmail)
	})
	t.Run("filtered pages", func(t *testing.T) {
		t.Parallel()
		q := search.Query{Text: "an", First: 2}
		res := s.search(t, q)
		require.Equal(t, []string{"anna.smith@a.example", "annabel.lee@a.example"}, emails(res))
		require.True(t, res.HasNextPage)
		q.After = res.Users[1].Cursor
		res = s.search(t, q)
		require.Equal(t, []string{"bob.builder@a.example"}, emails(res))
		require.False(t, res.HasNextPage)
	})
}

// TestSearchCursorOutlivesItsRow checks that a cursor still resumes after its row
// changed or left (a rebuild in between): the next page starts after the key the
// cursor holds.
func TestSearchCursorOutlivesItsRow(t *testing.T) {
	t.Parallel()
	for _, order := range orders {
		t.Run(string(order), func(t *testing.T) {
			t.Parallel()
			s := setup(t)
			all := emails(s.search(t, search.Query{Order: order, First: 100}))
			first := s.search(t, search.Query{Order: order, First: 3})
			gone := first.Users[2].User.Email
			s.exec(t, "DELETE FROM users WHERE email = ?", gone)
			next := s.search(t, search.Query{Order: order, First: 100, After: first.Users[2].Cursor})
			require.Equal(t, all[3:], emails(next))
		})
	}
}

func TestSearchBadInput(t *testing.T) {
	t.Parallel()
	s := setup(t)
	first := s.search(t, search.Query{First: 1})
	nameCursor := first.Users[0].Cursor
	cursor := func(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }
	tests := []struct {
		name  string
		q     search.Query
		error error
	}{
		{"garbage cursor", search.Query{After: "!!not base64!!"}, search.ErrBadCursor},
		{"base64 of garbage", search.Query{After: cursor("nope")}, search.ErrBadCursor},
		{"cursor of another order", search.Query{After: nameCursor, Order: search.OrderEmailAsc}, search.ErrBadCursor},
		{"cursor with a bad id", search.Query{After: cursor(`{"o":"NAME_ASC","k":"x","i":"1 OR 1=1"}`)}, search.ErrBadCursor},
		{"cursor with a NUL", search.Query{After: cursor(`{"o":"NAME_ASC","k":"x\u0000","i":"` + s.ids["helpdesk@a.example"] + `"}`)}, search.ErrBadCursor},
		{"unknown order", search.Query{Order: "RANDOM"}, search.ErrBadSearch},
		{"unknown status", search.Query{Status: "DELETED"}, search.ErrBadSearch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := tc.q
			q.CompanyID = s.a
			res, err := s.svc.Search(s.ctx, q)
			require.ErrorIs(t, err, tc.error)
			require.Nil(t, res)
		})
	}
	t.Run("a good cursor resumes", func(t *testing.T) {
		t.Parallel()
		res := s.search(t, search.Query{First: 1, After: nameCursor})
		require.Equal(t, []string{"annabel.lee@a.example"}, emails(res))
	})
	t.Run("a cursor past the end gives an empty page", func(t *testing.T) {
		t.Parallel()
		res := s.search(t, search.Query{Order: search.OrderEmailAsc,
			After: cursor(`{"o":"EMAIL_ASC","k":"zzz","i":"` + s.ids["helpdesk@a.example"] + `"}`)})
		require.Empty(t, res.Users)
		require.NotNil(t, res.Users)
		require.False(t, res.HasNextPage)
	})
}
