package server_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/officetogether/dirsync/db/seed"
)

// searchDoc is the People page's query: a page of 50 with total and facets.
const searchDoc = `query($f: UserFilter, $after: String) { users(filter: $f, first: 50, after: $after) {
	totalCount pageInfo { hasNextPage endCursor }
	edges { node { id name email jobTitle department division office { id name } tags } }
	facets { departments { value label count } divisions { value label count } offices { value label count } tags { value label count }
	tagFields { field label values { value label count } } } } }`

type searchPage struct {
	Users struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
	}
}

// BenchmarkGraphQLSearch100k measures users(filter) with facets through the HTTP
// GraphQL endpoint (auth lookup included) on a company of 100,000 users and
// reports p50/p95/p99 in milliseconds:
//
//	go test ./server -run '^$' -bench GraphQLSearch -benchtime 100x
func BenchmarkGraphQLSearch100k(b *testing.B) {
	bundle := setup(b)
	acme := bundle.company(b, "bench")
	bulk, err := seed.Bulk(context.Background(), bundle.db, acme.id, seed.BulkOptions{Users: 100_000, Seed: 7, TagFields: 5})
	if err != nil {
		b.Fatal(err)
	}
	token := bundle.token(b, acme.id, acme.memberID)
	cases := []struct {
		name   string
		filter map[string]any
		page   int
	}{
		{"no_filter", nil, 1},
		{"one_department", map[string]any{"departments": bulk.Departments[:1]}, 1},
		{"department_and_tag", map[string]any{"departments": bulk.Departments[:1], "tags": bulk.Tags[:1]}, 1},
		{"two_tag_fields", map[string]any{"tagFields": []map[string]any{
			{"field": bulk.TagFields[0], "values": bulk.Tags[:1]}, {"field": bulk.TagFields[1], "values": bulk.Tags[1:2]}}}, 1},
		{"query_an", map[string]any{"query": "an"}, 1},
		{"query_anna_sm", map[string]any{"query": "anna sm"}, 1},
		{"page_200", nil, 200},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			vars := map[string]any{"f": c.filter}
			for range c.page - 1 {
				p := decode[searchPage](b, bundle.gql(b, token, searchDoc, vars))
				if !p.Users.PageInfo.HasNextPage {
					b.Fatalf("no page %d", c.page)
				}
				vars["after"] = p.Users.PageInfo.EndCursor
			}
			for range 3 {
				decode[searchPage](b, bundle.gql(b, token, searchDoc, vars))
			}
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				resp := bundle.gql(b, token, searchDoc, vars)
				durations = append(durations, time.Since(start))
				if len(resp.Errors) > 0 {
					b.Fatal(resp.Raw)
				}
			}
			b.StopTimer()
			p50, p95, p99 := percentiles(durations)
			b.ReportMetric(p50, "p50-ms")
			b.ReportMetric(p95, "p95-ms")
			b.ReportMetric(p99, "p99-ms")
		})
	}
}

// percentiles returns the p50, p95 and p99 of the durations in milliseconds.
func percentiles(d []time.Duration) (p50, p95, p99 float64) {
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) float64 {
		return float64(s[int(p*float64(len(s)-1))]) / float64(time.Millisecond)
	}
	return at(0.50), at(0.95), at(0.99)
}
