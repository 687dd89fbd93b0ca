package search_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/search"
)

// bundle is a fresh database with two companies: A, whose people the tests
// search, and B, whose look-alike people must never show up in A's results.
type bundle struct {
	ctx     context.Context
	db      *bun.DB
	svc     *search.Service
	a, b    string            // company ids
	offices map[string]string // office name -> id (Berlin, London, Madrid in A; Other in B)
	ids     map[string]string // email -> user id
}

type fixtureUser struct {
	email, first, last, dept, div, office string
	tags                                  []string
	inactive                              bool
}

// companyAUsers are A's people; the comments say what each one is there to test.
var companyAUsers = []fixtureUser{
	{"anna.smith@a.example", "Anna", "Smith", "Engineering", "Platform", "Berlin", []string{"go", "remote"}, false},
	{"annabel.lee@a.example", "Annabel", "Lee", "Engineering", "Mobile", "London", []string{"swift"}, false},
	// a surname prefixed "an" but not "ann"; an email word ("builder") not in the name
	{"bob.builder@a.example", "Bob", "Anderson", "Sales", "EMEA", "Berlin", []string{"remote"}, false},
	// accents, in the name and in a query
	{"jose.nunez@a.example", "José", "Núñez", "Sales", "LATAM", "Madrid", []string{"spanish", "remote"}, false},
	// punctuation inside the name; no division, no office, no tags
	{"mj.obrien@a.example", "Mary-Jane", "O'Brien", "Marketing", "", "", nil, false},
	{"zoe.aberg@a.example", "Zoë", "Åberg", "Engineering", "Platform", "London", []string{"go"}, false},
	// inactive: only with status INACTIVE or ALL
	{"ivan.gone@a.example", "Ivan", "Gone", "Engineering", "Platform", "Berlin", []string{"go"}, true},
	// no name: found and sorted by the email
	{"helpdesk@a.example", "", "", "", "", "", nil, false},
	// equal names, so pages must break ties by id
	{"sam.lee1@a.example", "Sam", "Lee", "Support", "", "", nil, false},
	{"sam.lee2@a.example", "Sam", "Lee", "Support", "", "", nil, false},
	{"sam.lee3@a.example", "Sam", "Lee", "Support", "", "", nil, false},
	{"sam.lee4@a.example", "sam", "LEE", "Support", "", "", nil, true},
	// SQL-ish characters in the email
	{"x_y%z@a.example", "Percy", "Underscore", "", "", "", nil, false},
}

// companyBUsers look like A's people and share their values.
var companyBUsers = []fixtureUser{
	{"anna.smith@b.example", "Anna", "Smith", "Engineering", "Platform", "Other", []string{"go", "remote"}, false},
	{"anna.other@b.example", "Anna", "Other", "Sales", "EMEA", "Other", []string{"spanish"}, false},
}

func setup(t *testing.T) *bundle {
	t.Helper()
	s := &bundle{ctx: context.Background(), db: dbtest.NewDB(t), offices: map[string]string{}, ids: map[string]string{}}
	s.svc = s.newService(0)
	a, err := db.CreateCompany(s.ctx, s.db, "A Corp")
	require.NoError(t, err)
	b, err := db.CreateCompany(s.ctx, s.db, "B Corp")
	require.NoError(t, err)
	s.a, s.b = a.ID, b.ID
	for _, o := range []struct {
		company, name string
		aliases       []string
	}{{s.a, "Berlin", []string{"BER", "Berlin HQ"}}, {s.a, "London", nil}, {s.a, "Madrid", []string{"MAD"}}, {s.b, "Other", nil}} {
		off, err := db.CreateOffice(s.ctx, s.db, o.company, o.name, o.aliases)
		require.NoError(t, err)
		s.offices[o.name] = off.ID
	}
	s.insert(t, s.a, companyAUsers)
	s.insert(t, s.b, companyBUsers)
	return s
}

// newService is another Service on the bundle's database, as another replica would have.
func (s *bundle) newService(maxBytes int64) *search.Service {
	return search.New(search.Config{DB: s.db, MaxBytes: maxBytes,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func (s *bundle) insert(t *testing.T, companyID string, in []fixtureUser) {
	t.Helper()
	users := make([]db.User, len(in))
	for i, f := range in {
		u := db.User{CompanyID: companyID, Email: f.email, Role: db.RoleMember, Status: db.StatusActive,
			Source: db.SourceManual, FirstName: opt(f.first), LastName: opt(f.last), Department: opt(f.dept),
			Division: opt(f.div), Tags: f.tags}
		if u.Tags == nil {
			u.Tags = []string{}
		}
		if f.office != "" {
			id := s.offices[f.office]
			u.OfficeID = &id
		}
		if f.inactive {
			u.Status = db.StatusInactive
		}
		users[i] = u
	}
	_, err := s.db.NewInsert().Model(&users).Returning("id").Exec(s.ctx)
	require.NoError(t, err)
	for _, u := range users {
		s.ids[u.Email] = u.ID
	}
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// search runs q in company A (unless q names a company) and fails the test on error.
func (s *bundle) search(t *testing.T, q search.Query) *search.Result {
	t.Helper()
	return s.searchWith(t, s.svc, q)
}

func (s *bundle) searchWith(t *testing.T, svc *search.Service, q search.Query) *search.Result {
	t.Helper()
	if q.CompanyID == "" {
		q.CompanyID = s.a
	}
	res, err := svc.Search(s.ctx, q)
	require.NoError(t, err)
	return res
}

// exec runs a statement that must succeed.
func (s *bundle) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	_, err := s.db.NewRaw(query, args...).Exec(s.ctx)
	require.NoError(t, err)
}

// version reads a company's people_version.
func (s *bundle) version(t *testing.T, companyID string) int64 {
	t.Helper()
	var v int64
	require.NoError(t, s.db.NewRaw("SELECT people_version FROM companies WHERE id = ?", companyID).Scan(s.ctx, &v))
	return v
}

func emails(res *search.Result) []string {
	out := make([]string, len(res.Users))
	for i, r := range res.Users {
		out[i] = r.User.Email
	}
	return out
}
