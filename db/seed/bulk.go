package seed

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/officetogether/dirsync/db"
)

// BulkOptions sizes the data Bulk creates. Zero fields take the defaults shown.
type BulkOptions struct {
	Users       int // default 100000
	Departments int // default 30
	Divisions   int // spread over the departments; default 200
	Offices     int // default 20
	Tags        int // distinct tag values; default 500
	TagsPerUser int // each user gets 0..TagsPerUser tags, common ones more often; default 5
	// TagFields spreads the tag values over this many named tag fields field1..fieldN (the
	// i-th most common tag is in field (i mod N)+1); default 0, tags without fields.
	TagFields int
	Seed      int64 // the same seed gives the same people
}

func (o *BulkOptions) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Users, 100000)
	def(&o.Departments, 30)
	def(&o.Divisions, 200)
	def(&o.Offices, 20)
	def(&o.Tags, 500)
	def(&o.TagsPerUser, 5)
}

// BulkResult says what Bulk created, most common values first.
type BulkResult struct {
	OfficeIDs   []string
	Departments []string
	Divisions   []string
	Tags        []string
	// TagFields are the tag field keys, when opts.TagFields was set.
	TagFields []string
}

// insertBatch is how many users one INSERT writes.
const insertBatch = 5000

// Bulk fills companyID with offices and opts.Users users quickly: multi-row inserts
// from arrays, insertBatch users per statement, then ANALYZE users. It is meant for
// benchmarks and load tests; about 3% of the users are inactive.
func Bulk(ctx context.Context, idb bun.IDB, companyID string, opts BulkOptions) (*BulkResult, error) {
	opts.defaults()
	officeIDs, err := createOffices(ctx, idb, companyID, opts.Offices)
	if err != nil {
		return nil, err
	}
	c := newCatalog(opts.Departments, opts.Divisions, opts.Tags, officeIDs)
	domain := fmt.Sprintf("bulk%d.example", opts.Seed)
	g := newGenerator(opts.Seed, c, domain, opts.TagsPerUser, 0.03)
	fieldOf := map[string]string{}
	var fields []string
	for i := range opts.TagFields {
		fields = append(fields, fmt.Sprintf("field%d", i+1))
	}
	for i, t := range c.tags {
		if len(fields) > 0 {
			fieldOf[t] = fields[i%len(fields)]
		}
	}
	if err := insertPeople(ctx, idb, companyID, g, opts.Users, fieldOf); err != nil {
		return nil, err
	}
	if _, err := idb.ExecContext(ctx, "ANALYZE users"); err != nil {
		return nil, fmt.Errorf("seed: analyze users: %w", err)
	}
	res := &BulkResult{OfficeIDs: officeIDs, Departments: c.departments, Tags: c.tags, TagFields: fields}
	for _, divs := range c.divisions {
		res.Divisions = append(res.Divisions, divs...)
	}
	return res, nil
}

// createOffices creates n offices named after cities, with aliases, and returns
// their ids in the order of the cities list.
func createOffices(ctx context.Context, idb bun.IDB, companyID string, n int) ([]string, error) {
	ids := make([]string, 0, n)
	for i := range n {
		city := cities[i%len(cities)]
		name, aliases := city.name, city.aliases
		if i >= len(cities) {
			name = fmt.Sprintf("%s %d", name, i/len(cities)+1)
			aliases = nil
		}
		o, err := db.CreateOffice(ctx, idb, companyID, name, aliases)
		if err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
		ids = append(ids, o.ID)
	}
	return ids, nil
}

// insertPeople writes n generated people in batches; fieldOf gives each tag's tag field
// (none when empty).
func insertPeople(ctx context.Context, idb bun.IDB, companyID string, g *generator, n int, fieldOf map[string]string) error {
	for start := 0; start < n; start += insertBatch {
		size := min(insertBatch, n-start)
		var cols [10][]string
		for range size {
			p := g.next()
			status := db.StatusActive
			if p.inactive {
				status = db.StatusInactive
			}
			var fields []string
			if len(fieldOf) > 0 {
				for _, t := range p.tags {
					fields = append(fields, fieldOf[t])
				}
			}
			for i, v := range []string{p.email, status, p.first, p.last, p.title, p.dept, p.div, p.officeID,
				strings.Join(p.tags, tagSep), strings.Join(fields, tagSep)} {
				cols[i] = append(cols[i], v)
			}
		}
		_, err := idb.NewRaw(`INSERT INTO users (company_id, email, role, status, source, first_name, last_name,
  job_title, department, division, office_id, tags, tag_fields, deactivated_at)
SELECT ?0::uuid, email, 'MEMBER', status, 'MANUAL', nullif(first, ''), nullif(last, ''), nullif(title, ''),
  nullif(dept, ''), nullif(div, ''), nullif(office, '')::uuid,
  CASE WHEN tags = '' THEN '{}'::text[] ELSE string_to_array(tags, ?10) END,
  CASE WHEN fields = '' THEN '{}'::text[] ELSE string_to_array(fields, ?10) END,
  CASE WHEN status = 'INACTIVE' THEN now() END
FROM unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[], ?7::text[], ?8::text[], ?9::text[], ?11::text[])
  AS t(email, status, first, last, title, dept, div, office, tags, fields)`,
			companyID, arr(cols[0]), arr(cols[1]), arr(cols[2]), arr(cols[3]), arr(cols[4]), arr(cols[5]),
			arr(cols[6]), arr(cols[7]), arr(cols[8]), tagSep, arr(cols[9])).Exec(ctx)
		if err != nil {
			return fmt.Errorf("seed: insert users %d..%d: %w", start, start+size, err)
		}
	}
	return nil
}

// tagSep joins a user's tags into one array element; no tag contains it.
const tagSep = "|"

func arr(v []string) any { return pgdialect.Array(v) }
