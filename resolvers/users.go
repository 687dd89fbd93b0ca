package resolvers

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/search"
)

// MaxPageSize is the largest `first` a list accepts.
const MaxPageSize = 100

// maxFilterValues bounds each facet filter list.
const maxFilterValues = 200

// loadUser reads one user of the company with their office; another company's
// user is db.ErrNotFound like a missing one.
func (r *Resolver) loadUser(ctx context.Context, companyID, id string) (*model.User, error) {
	u, err := db.GetUser(ctx, r.DB, companyID, id)
	if err != nil {
		return nil, err
	}
	var office *db.Office
	if u.OfficeID != nil {
		offices, err := db.OfficesByIDs(ctx, r.DB, companyID, []string{*u.OfficeID})
		if err != nil {
			return nil, err
		}
		office = offices[*u.OfficeID]
	}
	var labels tagLabels
	if needsLabels(u) {
		if labels, err = r.tagLabelsOf(ctx, companyID); err != nil {
			return nil, err
		}
	}
	return toUser(u, office, labels), nil
}

// searchLabels returns the tag field labels a search result needs (none when it has no
// tag field values).
func (r *Resolver) searchLabels(ctx context.Context, companyID string, res *search.Result) (tagLabels, error) {
	need := len(res.Facets.TagFields) > 0
	for i := range res.Users {
		need = need || needsLabels(&res.Users[i].User)
	}
	if !need {
		return tagLabels{}, nil
	}
	return r.tagLabelsOf(ctx, companyID)
}

// pageSize checks a `first` argument.
func pageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 1 || *first > MaxPageSize {
		return 0, inputErr("first", "must be between 1 and %d, got %d", MaxPageSize, *first)
	}
	return *first, nil
}

// searchQuery turns the arguments of Query.users into a search for the viewer's company.
// Only a Company Administrator may list inactive users (filter.status INACTIVE or ALL);
// anyone else asking for them gets ErrForbidden, so a member never learns who left.
func searchQuery(ctx context.Context, v auth.Viewer, f *model.UserFilter, first *int, after *string, order *model.UserOrder) (search.Query, error) {
	n, err := pageSize(first, 50)
	if err != nil {
		return search.Query{}, err
	}
	q := search.Query{CompanyID: v.CompanyID, First: n, Order: search.OrderNameAsc, Status: search.StatusActive}
	if after != nil {
		q.After = *after
	}
	if order != nil {
		q.Order = search.UserOrder(*order)
	}
	if f != nil {
		if q.Text, err = searchText("filter.query", f.Query); err != nil {
			return search.Query{}, err
		}
		for _, list := range []struct {
			field string
			vals  []string
		}{{"filter.departments", f.Departments}, {"filter.divisions", f.Divisions}, {"filter.officeIds", f.OfficeIds}, {"filter.tags", f.Tags}} {
			if len(list.vals) > maxFilterValues {
				return search.Query{}, inputErr(list.field, "at most %d values", maxFilterValues)
			}
		}
		q.Departments, q.Divisions, q.OfficeIDs, q.Tags = f.Departments, f.Divisions, f.OfficeIds, f.Tags
		if q.TagFields, err = tagFieldFilters(f.TagFields); err != nil {
			return search.Query{}, err
		}
		if f.Status != nil {
			if *f.Status != model.UserStatusFilterActive && !v.IsCompanyAdmin() {
				return search.Query{}, fmt.Errorf("filter.status %s: %w", *f.Status, auth.ErrForbidden)
			}
			q.Status = string(*f.Status)
		}
	}
	for _, field := range graphql.CollectAllFields(ctx) {
		switch field {
		case "totalCount":
			q.WithTotal = true
		case "facets":
			q.WithFacets = true
		}
	}
	return q, nil
}

// MaxSearchRunes bounds the text of every search (people and directory users alike).
const MaxSearchRunes = 200

// searchText checks and trims a search's text argument.
func searchText(field string, s *string) (string, error) {
	if s == nil {
		return "", nil
	}
	text := strings.TrimSpace(*s)
	if utf8.RuneCountInString(text) > MaxSearchRunes {
		return "", inputErr(field, "at most %d characters", MaxSearchRunes)
	}
	return text, nil
}

func validateOfficeName(field, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return inputErr(field, "must not be empty")
	}
	if utf8.RuneCountInString(name) > 200 {
		return inputErr(field, "at most 200 characters")
	}
	return nil
}

// maxAliases bounds an office's aliases.
const maxAliases = 100

// validateAliases checks an office's aliases: each at most 200 characters, at most maxAliases.
func validateAliases(field string, aliases []string) error {
	if len(aliases) > maxAliases {
		return inputErr(field, "at most %d aliases", maxAliases)
	}
	for i, a := range aliases {
		if utf8.RuneCountInString(strings.TrimSpace(a)) > 200 {
			return inputErr(fmt.Sprintf("%s[%d]", field, i), "at most 200 characters")
		}
	}
	return nil
}
