package db

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// UserOrder is the order of Power Search results. Ties are broken by user id, so
// every order is total and keyset pagination never loses or repeats a row.
type UserOrder string

// The orders SearchUsers knows. Names sort case-insensitively by "first last",
// with the email standing in for users without a name.
const (
	OrderNameAsc   UserOrder = "NAME_ASC"
	OrderNameDesc  UserOrder = "NAME_DESC"
	OrderEmailAsc  UserOrder = "EMAIL_ASC"
	OrderEmailDesc UserOrder = "EMAIL_DESC"
)

// Status filters of SearchQuery.Status.
const (
	SearchStatusActive   = "ACTIVE"
	SearchStatusInactive = "INACTIVE"
	SearchStatusAll      = "ALL"
)

// Page size limits of SearchQuery.First.
const (
	DefaultSearchFirst = 50
	MaxSearchFirst     = 100
)

// FacetLimit is the most values SearchUsers returns per facet: the values with the
// highest counts, ties by value. Values the query filters on are always included,
// even beyond the limit or with a zero count, so a ticked box never disappears.
// A company typically has ~30 departments and ~20 offices (all returned) but up to
// ~200 divisions and ~500 tags, of which the top 100 are returned.
const FacetLimit = 100

// ErrBadCursor is returned for a cursor that is garbage or was made for another order.
var ErrBadCursor = errors.New("db: bad cursor")

// ErrBadSearch is returned for a SearchQuery with an unknown order or status.
var ErrBadSearch = errors.New("db: bad search")

// SearchQuery is one Power Search request, always scoped to one company.
type SearchQuery struct {
	// CompanyID is the viewer's company; no other company's user is ever read.
	CompanyID string
	// Text matches users whose name or email has, for every term of the text, a word
	// starting with that term, case-insensitively: "ann sm" finds Anna Smith. Terms are
	// the runs of letters and digits; everything else separates terms.
	Text string
	// Departments, Divisions, OfficeIDs and Tags filter with any-of within a facet and
	// all-of across facets. An empty list does not filter.
	Departments, Divisions, OfficeIDs, Tags []string
	// Status is ACTIVE (the default when empty), INACTIVE or ALL.
	Status string
	// First is the page size, 1..MaxSearchFirst; 0 means DefaultSearchFirst and larger
	// values are capped.
	First int
	// After is the cursor of the last row of the previous page; empty for the first page.
	After string
	// Order defaults to NAME_ASC.
	Order UserOrder
	// WithTotal asks for SearchResult.TotalCount; without it the count is not computed.
	WithTotal bool
	// WithFacets asks for SearchResult.Facets; without them no facet is computed.
	WithFacets bool
}

// SearchRow is one user of a result page with its office (nil when it has none).
type SearchRow struct {
	User   User
	Office *Office
	// Cursor resumes the search after this row with the same order.
	Cursor string
}

// FacetCount is one value of a facet and how many users have it. For offices Value is
// the office id and Label its name; for the other facets Label equals Value.
type FacetCount struct {
	Value string `json:"v"`
	Label string `json:"l"`
	Count int    `json:"c"`
}

// Facets holds the disjunctive counts of a search: each facet's counts apply every
// filter of the query except that facet's own. Values are sorted by count, highest
// first, then by label; each facet holds at most FacetLimit values plus selected ones.
type Facets struct {
	Departments []FacetCount `json:"departments"`
	Divisions   []FacetCount `json:"divisions"`
	Offices     []FacetCount `json:"offices"`
	Tags        []FacetCount `json:"tags"`
}

// SearchResult is one page of a search.
type SearchResult struct {
	Users       []SearchRow
	HasNextPage bool
	// TotalCount is the number of users matching every filter; 0 unless WithTotal.
	TotalCount int
	// Facets is empty unless WithFacets.
	Facets Facets
}

// SearchUsers runs a Power Search: one page of the company's users matching q, with
// their offices, plus the total count and the facet counts when asked for. Everything
// comes back from a single SQL statement.
func SearchUsers(ctx context.Context, idb bun.IDB, q SearchQuery) (*SearchResult, error) {
	p, err := newSearchPlan(q)
	if err != nil {
		return nil, err
	}
	query, args := p.sql()
	var rows []searchRow
	if err := idb.NewRaw(query, args...).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("search users of company %s: %w", q.CompanyID, mapError(err))
	}
	return p.result(rows)
}

// searchRow is one row of the search statement: a user of the page (absent when the
// page is empty) and, on the first row only, the JSON of the totals and facets.
type searchRow struct {
	ID              *string    `bun:"id"`
	CompanyID       string     `bun:"company_id"`
	Email           string     `bun:"email"`
	Role            string     `bun:"role"`
	Status          string     `bun:"status"`
	Source          string     `bun:"source"`
	DirectoryUserID *string    `bun:"directory_user_id"`
	IdpID           *string    `bun:"idp_id"`
	FirstName       *string    `bun:"first_name"`
	LastName        *string    `bun:"last_name"`
	JobTitle        *string    `bun:"job_title"`
	Department      *string    `bun:"department"`
	Division        *string    `bun:"division"`
	OfficeID        *string    `bun:"office_id"`
	Tags            []string   `bun:"tags,array"`
	LastSyncedAt    *time.Time `bun:"last_synced_at"`
	DeactivatedAt   *time.Time `bun:"deactivated_at"`
	CreatedAt       time.Time  `bun:"created_at"`
	UpdatedAt       time.Time  `bun:"updated_at"`
	SortName        string     `bun:"sort_name"`

	OfficeName      *string    `bun:"office_name"`
	OfficeAliases   []string   `bun:"office_aliases,array"`
	OfficeCreatedAt *time.Time `bun:"office_created_at"`
	OfficeUpdatedAt *time.Time `bun:"office_updated_at"`

	RN   *int64 `bun:"rn"`
	Meta []byte `bun:"meta"`
}

// searchMeta is the JSON the statement returns for the total and the facets.
type searchMeta struct {
	Total *int `json:"total"`
	Facets
}

func (p *searchPlan) result(rows []searchRow) (*SearchResult, error) {
	res := &SearchResult{Users: make([]SearchRow, 0, min(len(rows), p.first))}
	for i := range rows {
		r := &rows[i]
		if len(r.Meta) > 0 {
			var m searchMeta
			if err := json.Unmarshal(r.Meta, &m); err != nil {
				return nil, fmt.Errorf("search users: decode facets: %w", err)
			}
			if m.Total != nil {
				res.TotalCount = *m.Total
			}
			res.Facets = m.Facets
		}
		if r.ID == nil {
			continue
		}
		if len(res.Users) == p.first {
			res.HasNextPage = true
			continue
		}
		res.Users = append(res.Users, p.toSearchRow(r))
	}
	if p.withFacets {
		p.addSelected(&res.Facets)
	}
	return res, nil
}

func (p *searchPlan) toSearchRow(r *searchRow) SearchRow {
	u := User{
		ID: *r.ID, CompanyID: r.CompanyID, Email: r.Email, Role: r.Role, Status: r.Status, Source: r.Source,
		DirectoryUserID: r.DirectoryUserID, IdpID: r.IdpID, FirstName: r.FirstName, LastName: r.LastName,
		JobTitle: r.JobTitle, Department: r.Department, Division: r.Division, OfficeID: r.OfficeID,
		Tags: r.Tags, LastSyncedAt: r.LastSyncedAt, DeactivatedAt: r.DeactivatedAt,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	if u.Tags == nil {
		u.Tags = []string{}
	}
	row := SearchRow{User: u, Cursor: p.cursorFor(r)}
	if r.OfficeID != nil && r.OfficeName != nil {
		aliases := r.OfficeAliases
		if aliases == nil {
			aliases = []string{}
		}
		row.Office = &Office{ID: *r.OfficeID, CompanyID: r.CompanyID, Name: *r.OfficeName, Aliases: aliases}
		if r.OfficeCreatedAt != nil && r.OfficeUpdatedAt != nil {
			row.Office.CreatedAt, row.Office.UpdatedAt = *r.OfficeCreatedAt, *r.OfficeUpdatedAt
		}
	}
	return row
}

// addSelected makes sure every value the query filters on shows in its facet, with a
// zero count when no user has it under the other filters. The SQL already does this
// for offices, whose labels it alone knows.
func (p *searchPlan) addSelected(f *Facets) {
	f.Departments = withSelected(f.Departments, p.q.Departments)
	f.Divisions = withSelected(f.Divisions, p.q.Divisions)
	f.Tags = withSelected(f.Tags, p.q.Tags)
	if f.Offices == nil {
		f.Offices = []FacetCount{}
	}
}

func withSelected(counts []FacetCount, selected []string) []FacetCount {
	if counts == nil {
		counts = []FacetCount{}
	}
	for _, s := range selected {
		found := false
		for _, c := range counts {
			if c.Value == s {
				found = true
				break
			}
		}
		if !found {
			counts = append(counts, FacetCount{Value: s, Label: s})
		}
	}
	return counts
}
