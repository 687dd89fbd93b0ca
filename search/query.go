package search

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/officetogether/dirsync/db"
)

// UserOrder is the order of search results. Ties are broken by user id, so every
// order is total and keyset pagination never loses or repeats a row.
type UserOrder string

// The orders Search knows. Names sort by "first last" lower-cased under the root
// collation (Zoë sorts with Zoe, before Zz), with the email standing in for users
// without a name; emails sort byte-wise.
const (
	OrderNameAsc   UserOrder = "NAME_ASC"
	OrderNameDesc  UserOrder = "NAME_DESC"
	OrderEmailAsc  UserOrder = "EMAIL_ASC"
	OrderEmailDesc UserOrder = "EMAIL_DESC"
)

// Status filters of Query.Status.
const (
	StatusActive   = "ACTIVE"
	StatusInactive = "INACTIVE"
	StatusAll      = "ALL"
)

// Page size limits of Query.First.
const (
	DefaultFirst = 50
	MaxFirst     = 100
)

// FacetLimit is the most values a facet returns: the values with the highest
// counts, ties by label. Values the query filters on are always included, even
// beyond the limit or with a zero count, so a ticked box never disappears.
const FacetLimit = 100

// ErrBadCursor is returned for a cursor that is garbage or was made for another order.
var ErrBadCursor = errors.New("search: bad cursor")

// ErrBadSearch is returned for a Query with an unknown order or status.
var ErrBadSearch = errors.New("search: bad search")

// Query is one search request, always scoped to one company.
type Query struct {
	// CompanyID is the viewer's company; no other company's user is ever read.
	// An id that is no uuid, or names no company, is db.ErrNotFound.
	CompanyID string
	// Text matches users whose name or email has, for every term of the text, a word
	// starting with that term, case-insensitively: "ann sm" finds Anna Smith. Terms are
	// the runs of letters and digits; everything else separates terms.
	Text string
	// Departments, Divisions, OfficeIDs and Tags filter with any-of within a facet and
	// all-of across facets. An empty list does not filter; a value nobody has (or an
	// office id that is not one of the company's offices) matches nobody.
	Departments, Divisions, OfficeIDs, Tags []string
	// TagFields filter on named tag fields: any-of within a field (filters naming the same
	// field merge), all-of across fields and with the other facets; at most
	// MaxTagFieldFilters fields.
	TagFields []TagFieldFilter
	// Status is ACTIVE (the default when empty), INACTIVE or ALL.
	Status string
	// First is the page size, 1..MaxFirst; 0 means DefaultFirst and larger values
	// are capped.
	First int
	// After is the cursor of the last row of the previous page; empty for the first page.
	After string
	// Order defaults to NAME_ASC.
	Order UserOrder
	// WithTotal asks for Result.TotalCount; without it the count is not computed.
	WithTotal bool
	// WithFacets asks for Result.Facets; without them no facet is computed.
	WithFacets bool
}

// Row is one user of a result page with their office (nil when they have none).
// User and Office are read from the database with the page, so every field is current.
type Row struct {
	User   db.User
	Office *db.Office
	// Cursor resumes the search after this row with the same order.
	Cursor string
}

// FacetCount is one value of a facet and how many users have it. For offices Value is
// the office id and Label its name; for the other facets Label equals Value.
type FacetCount struct {
	Value string
	Label string
	Count int
}

// Facets holds the disjunctive counts of a search: each facet's counts apply every
// filter of the query except that facet's own. Values are sorted by count, highest
// first, then by label; each facet holds at most FacetLimit values plus selected ones.
type Facets struct {
	Departments []FacetCount
	Divisions   []FacetCount
	Offices     []FacetCount
	Tags        []FacetCount
	// TagFields has one facet per tag field the company's users have values in (in order of
	// first appearance), plus the filtered fields nobody has.
	TagFields []TagFieldFacet
}

// Result is one page of a search.
type Result struct {
	Users       []Row
	HasNextPage bool
	// TotalCount is the number of users matching every filter; 0 unless WithTotal.
	TotalCount int
	// Facets is empty (nil slices) unless WithFacets.
	Facets Facets
}

// plan is a validated Query.
type plan struct {
	q      Query
	first  int
	order  UserOrder
	status string
	terms  []string
	after  *cursorKey
}

func newPlan(q Query) (*plan, error) {
	p := &plan{q: q, first: q.First, order: q.Order, status: q.Status}
	if p.first <= 0 {
		p.first = DefaultFirst
	}
	p.first = min(p.first, MaxFirst)
	if p.order == "" {
		p.order = OrderNameAsc
	}
	switch p.order {
	case OrderNameAsc, OrderNameDesc, OrderEmailAsc, OrderEmailDesc:
	default:
		return nil, fmt.Errorf("search users: unknown order %q: %w", p.order, ErrBadSearch)
	}
	if p.status == "" {
		p.status = StatusActive
	}
	switch p.status {
	case StatusActive, StatusInactive, StatusAll:
	default:
		return nil, fmt.Errorf("search users: unknown status %q: %w", p.status, ErrBadSearch)
	}
	id, err := uuid.Parse(q.CompanyID)
	if err != nil {
		return nil, fmt.Errorf("search users: company %q: %w", q.CompanyID, db.ErrNotFound)
	}
	p.q.CompanyID = id.String()
	if err := checkTagFieldFilters(q.TagFields); err != nil {
		return nil, err
	}
	p.terms = searchTerms(q.Text)
	if q.After != "" {
		k, err := decodeCursor(q.After, p.order)
		if err != nil {
			return nil, err
		}
		p.after = &k
	}
	return p, nil
}

// byName reports whether the plan orders by name (else by email).
func (p *plan) byName() bool { return p.order == OrderNameAsc || p.order == OrderNameDesc }

// desc reports whether the plan's order descends.
func (p *plan) desc() bool { return p.order == OrderNameDesc || p.order == OrderEmailDesc }
