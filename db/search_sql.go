package db

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// searchPlan is a validated SearchQuery and the statement that answers it.
type searchPlan struct {
	q          SearchQuery
	first      int
	order      UserOrder
	status     string
	tsquery    string   // "" when the text has no term
	officeIDs  []string // the valid uuids among q.OfficeIDs
	after      *cursorKey
	withTotal  bool
	withFacets bool
	args       []any
}

func newSearchPlan(q SearchQuery) (*searchPlan, error) {
	p := &searchPlan{q: q, first: q.First, order: q.Order, status: q.Status,
		withTotal: q.WithTotal, withFacets: q.WithFacets}
	if p.first <= 0 {
		p.first = DefaultSearchFirst
	}
	p.first = min(p.first, MaxSearchFirst)
	if p.order == "" {
		p.order = OrderNameAsc
	}
	if _, ok := orderColumns[p.order]; !ok {
		return nil, fmt.Errorf("search users: unknown order %q: %w", p.order, ErrBadSearch)
	}
	if p.status == "" {
		p.status = SearchStatusActive
	}
	if _, ok := statusConditions[p.status]; !ok {
		return nil, fmt.Errorf("search users: unknown status %q: %w", p.status, ErrBadSearch)
	}
	if _, err := uuid.Parse(q.CompanyID); err != nil {
		return nil, fmt.Errorf("search users: company %q: %w", q.CompanyID, ErrNotFound)
	}
	p.tsquery = prefixTSQuery(q.Text)
	// An office id that is no uuid matches no office; the filter still applies.
	p.officeIDs = make([]string, 0, len(q.OfficeIDs))
	for _, id := range q.OfficeIDs {
		if u, err := uuid.Parse(id); err == nil {
			p.officeIDs = append(p.officeIDs, u.String())
		}
	}
	if q.After != "" {
		k, err := decodeCursor(q.After, p.order)
		if err != nil {
			return nil, err
		}
		p.after = &k
	}
	return p, nil
}

// orderColumns names the sort key column of each order and whether it descends.
var orderColumns = map[UserOrder]struct {
	col  string
	desc bool
}{
	OrderNameAsc:   {"sort_name", false},
	OrderNameDesc:  {"sort_name", true},
	OrderEmailAsc:  {"email", false},
	OrderEmailDesc: {"email", true},
}

// statusConditions are the SQL conditions of each status filter; ALL has none.
var statusConditions = map[string]string{
	SearchStatusActive:   "status = 'ACTIVE'",
	SearchStatusInactive: "status = 'INACTIVE'",
	SearchStatusAll:      "",
}

// arg records a value for the statement and returns its placeholder (?N). bun
// escapes the value; no user input is ever written into the SQL text itself.
func (p *searchPlan) arg(v any) string {
	p.args = append(p.args, v)
	return "?" + strconv.Itoa(len(p.args)-1)
}

// facetFilters are the SQL conditions of the facet filters the query sets, by facet,
// over the columns of alias a ("u." or "").
type facetFilters struct{ dept, div, office, tags string }

func (p *searchPlan) facetFilters(a string) facetFilters {
	var f facetFilters
	if len(p.q.Departments) > 0 {
		f.dept = a + "department = ANY(" + p.arg(pgArray(p.q.Departments)) + "::text[])"
	}
	if len(p.q.Divisions) > 0 {
		f.div = a + "division = ANY(" + p.arg(pgArray(p.q.Divisions)) + "::text[])"
	}
	if len(p.q.OfficeIDs) > 0 {
		f.office = a + "office_id = ANY(" + p.arg(pgArray(p.officeIDs)) + "::uuid[])"
	}
	if len(p.q.Tags) > 0 {
		f.tags = a + "tags && " + p.arg(pgArray(p.q.Tags)) + "::text[]"
	}
	return f
}

// and joins the non-empty conditions; "true" when there is none.
func and(conds ...string) string {
	var parts []string
	for _, c := range conds {
		if c != "" {
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " AND ")
}

// baseCondition scopes to the company, the status and the text, over alias a.
func (p *searchPlan) baseCondition(company, a string) string {
	conds := []string{a + "company_id = " + company}
	if c := statusConditions[p.status]; c != "" {
		conds = append(conds, a+c)
	}
	if p.tsquery != "" {
		conds = append(conds, a+"search_words @@ "+p.arg(p.tsquery)+"::tsquery")
	}
	return and(conds...)
}

// sql builds the one statement of the search: the page (one row more than asked, to
// know whether another page follows) left-joined to a single JSON of total and facets.
func (p *searchPlan) sql() (string, []any) {
	p.args = nil
	company := p.arg(p.q.CompanyID) + "::uuid"
	oc := orderColumns[p.order]
	dir, cmp := "ASC", ">"
	if oc.desc {
		dir, cmp = "DESC", "<"
	}
	orderBy := fmt.Sprintf("%[1]s %[2]s, id %[2]s", oc.col, dir)

	pf := p.facetFilters("u.")
	keyset := ""
	if p.after != nil {
		keyset = fmt.Sprintf("(u.%s, u.id) %s (%s, %s::uuid)", oc.col, cmp, p.arg(p.after.Key), p.arg(p.after.ID))
	}
	var b strings.Builder
	b.WriteString("WITH ")
	if p.withTotal || p.withFacets {
		// Several parts read base. With a text term it is computed once; without one
		// each part is planned on its own, so it can use the index that suits it.
		mat := "NOT MATERIALIZED"
		if p.tsquery != "" {
			mat = "MATERIALIZED"
		}
		fmt.Fprintf(&b, "base AS %s (SELECT department, division, office_id, tags FROM users WHERE %s), ",
			mat, p.baseCondition(company, ""))
	}
	fmt.Fprintf(&b, `page AS (
SELECT u.id, u.company_id, u.email, u.role, u.status, u.source, u.directory_user_id, u.idp_id,
 u.first_name, u.last_name, u.job_title, u.department, u.division, u.office_id, u.tags,
 u.last_synced_at, u.deactivated_at, u.created_at, u.updated_at, u.sort_name,
 o.name AS office_name, o.aliases AS office_aliases, o.created_at AS office_created_at, o.updated_at AS office_updated_at
FROM users u LEFT JOIN offices o ON o.company_id = u.company_id AND o.id = u.office_id
WHERE %s
ORDER BY u.%s LIMIT %d), `,
		and(p.baseCondition(company, "u."), pf.dept, pf.div, pf.office, pf.tags, keyset),
		strings.ReplaceAll(orderBy, ", id", ", u.id"), p.first+1)
	fmt.Fprintf(&b, "meta AS (SELECT %s AS j)\n", p.metaSQL(company))
	fmt.Fprintf(&b, `SELECT p.*, CASE WHEN p.rn IS NULL OR p.rn = 1 THEN m.j END AS meta
FROM meta m LEFT JOIN (SELECT page.*, row_number() OVER (ORDER BY %s) AS rn FROM page) p ON true
ORDER BY p.rn`, orderBy)
	return b.String(), p.args
}

// metaSQL is the JSON expression of the total and the facets, or NULL when neither
// was asked for.
func (p *searchPlan) metaSQL(company string) string {
	if !p.withTotal && !p.withFacets {
		return "NULL::json"
	}
	f := p.facetFilters("")
	var parts []string
	if p.withTotal {
		parts = append(parts, fmt.Sprintf("'total', (SELECT count(*) FROM base WHERE %s)",
			and(f.dept, f.div, f.office, f.tags)))
	}
	if p.withFacets {
		parts = append(parts,
			"'departments', "+p.valueFacet("department", "department", p.q.Departments, and(f.div, f.office, f.tags)),
			"'divisions', "+p.valueFacet("division", "division", p.q.Divisions, and(f.dept, f.office, f.tags)),
			"'tags', "+p.valueFacet("unnest(tags)", "", p.q.Tags, and(f.dept, f.div, f.office)),
			"'offices', "+p.officeFacet(company, and(f.dept, f.div, f.tags)),
		)
	}
	return "json_build_object(" + strings.Join(parts, ", ") + ")"
}

// valueFacet counts the values of expr over base under cond: the top FacetLimit by
// count, with the selected values first so the limit never drops them.
func (p *searchPlan) valueFacet(expr, notNullCol string, selected []string, cond string) string {
	if notNullCol != "" {
		cond = and(notNullCol+" IS NOT NULL", cond)
	}
	first := ""
	if len(selected) > 0 {
		first = "v = ANY(" + p.arg(pgArray(selected)) + "::text[]) DESC, "
	}
	return fmt.Sprintf(`(SELECT coalesce(json_agg(json_build_object('v', v, 'l', v, 'c', c) ORDER BY c DESC, v), '[]')
FROM (SELECT v, c FROM (SELECT %s AS v, count(*) AS c FROM base WHERE %s GROUP BY 1) g
ORDER BY %sc DESC, v LIMIT %d) x)`, expr, cond, first, FacetLimit)
}

// officeFacet counts users per office of the company under cond, labelled with the
// office name; selected offices of the company show even with a zero count.
func (p *searchPlan) officeFacet(company, cond string) string {
	sel, first := "false", ""
	if len(p.q.OfficeIDs) > 0 {
		sel = "o.id = ANY(" + p.arg(pgArray(p.officeIDs)) + "::uuid[])"
		first = sel + " DESC, "
	}
	return fmt.Sprintf(`(SELECT coalesce(json_agg(json_build_object('v', id, 'l', name, 'c', c) ORDER BY c DESC, name, id), '[]')
FROM (SELECT o.id, o.name, coalesce(g.c, 0) AS c FROM offices o
LEFT JOIN (SELECT office_id, count(*) AS c FROM base WHERE office_id IS NOT NULL AND %s GROUP BY 1) g ON g.office_id = o.id
WHERE o.company_id = %s AND (g.c > 0 OR %s)
ORDER BY %sc DESC, o.name, o.id LIMIT %d) x)`, cond, company, sel, first, FacetLimit)
}
