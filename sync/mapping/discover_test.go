package mapping

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// discoverAll adds the JSON documents to a fresh Discoverer.
func discoverAll(t testing.TB, docs ...string) *Discoverer {
	t.Helper()
	var d Discoverer
	for _, doc := range docs {
		require.NoError(t, d.AddJSON([]byte(doc)))
	}
	return &d
}

func TestDiscoverPathsCountsSamples(t *testing.T) {
	t.Parallel()
	docs := []string{
		`{"id": "directory_user_1", "first_name": "Ada", "email": "a@x.com", "state": "active", "name": "Ada L",
		  "emails": [{"value": "a@x.com"}], "groups": [{"name": "g"}],
		  "custom_attributes": {"department_name": "Eng", "addresses": [{"locality": "Berlin", "primary": true}],
		    "skills": ["go", "sql"], "nothing": null, "blank": "  "},
		  "raw_attributes": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"division": "X"},
		    "name/suffix": "III", "a~b": 12345678901234567890}}`,
		`{"first_name": "Bob", "custom_attributes": {"department_name": "Eng ", "skills": [" ", null],
		    "addresses": [{"locality": "Paris"}, {"locality": "Berlin"}]}, "raw_attributes": {}}`,
		`{"first_name": "  ", "job_title": null, "custom_attributes": {"department_name": "Sales", "skills": ["go", {"x": 1}]}}`,
	}
	d := discoverAll(t, docs...)
	require.Equal(t, 3, d.Users())
	require.False(t, d.Truncated())
	require.Equal(t, []Attribute{
		{Path: "/custom_attributes/addresses/0/locality", UserCount: 2, Samples: []string{"Berlin", "Paris"}},
		{Path: "/custom_attributes/addresses/0/primary", UserCount: 1, Samples: []string{"true"}},
		{Path: "/custom_attributes/addresses/1/locality", UserCount: 1, Samples: []string{"Berlin"}},
		{Path: "/custom_attributes/blank", UserCount: 0, Samples: []string{}},
		{Path: "/custom_attributes/department_name", UserCount: 3, Samples: []string{"Eng", "Sales"}},
		{Path: "/custom_attributes/skills", UserCount: 1, Samples: []string{"go", "sql"}},
		{Path: "/custom_attributes/skills/0", UserCount: 2, Samples: []string{"go"}},
		{Path: "/custom_attributes/skills/1", UserCount: 1, Samples: []string{"sql"}},
		{Path: "/custom_attributes/skills/1/x", UserCount: 1, Samples: []string{"1"}},
		{Path: "/email", UserCount: 1, Samples: []string{"a@x.com"}},
		{Path: "/first_name", UserCount: 2, Samples: []string{"Ada", "Bob"}},
		{Path: "/raw_attributes/a~0b", UserCount: 1, Samples: []string{"12345678901234567890"}},
		{Path: "/raw_attributes/name~1suffix", UserCount: 1, Samples: []string{"III"}},
		{Path: "/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/division", UserCount: 1, Samples: []string{"X"}},
		{Path: "/state", UserCount: 1, Samples: []string{"active"}},
	}, d.Attributes())
}

// TestDiscoveredPathsResolve checks that every discovered path is a valid pointer that
// finds a value in at least one fixture, and that the mapper can use it.
func TestDiscoveredPathsResolve(t *testing.T) {
	t.Parallel()
	fixtures := []string{"okta.json", "entra.json", "google.json", "bamboohr.json", "workday.json",
		"rippling.json", "generic_scim.json", "post_2026.json"}
	var d Discoverer
	var docs []any
	for _, f := range fixtures {
		var doc any
		dec := json.NewDecoder(strings.NewReader(string(readFixture(t, f))))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&doc))
		docs = append(docs, doc)
		d.Add(doc)
	}
	attrs := d.Attributes()
	require.NotEmpty(t, attrs)
	paths := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		paths[a.Path] = true
		p, err := ParsePointer(a.Path)
		require.NoError(t, err, a.Path)
		found := 0
		for _, doc := range docs {
			if v, ok := p.Resolve(doc); ok && v != nil {
				found++
			}
		}
		require.GreaterOrEqual(t, found, a.UserCount, a.Path)
		require.Positive(t, found, a.Path)
		m := DefaultMapping()
		m.Tags = []string{a.Path}
		require.NoError(t, m.Validate(), a.Path)
	}
	for _, want := range []string{
		"/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department",
		"/raw_attributes/customSchemas/Employment/Skills",
		"/raw_attributes/customSchemas/Employment/Skills/4",
		"/raw_attributes/name~1suffix",
		"/raw_attributes/x-acme~0level",
		"/custom_attributes/addresses/0/locality",
		"/idp_id",
		"/username",
	} {
		require.True(t, paths[want], want)
	}
	require.True(t, paths["/raw_attributes/schemas"], "an array of scalars is listed as a whole")
	for _, notListed := range []string{"/emails", "/emails/0/value", "/groups/0/name", "/role/slug", "/id", "/name", "/created_at"} {
		require.False(t, paths[notListed], notListed)
	}
}

func TestDiscoverSamples(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 100)
	var docs []string
	for _, v := range []string{`" a "`, `"a"`, `"b"`, `7`, `false`, `"` + long + `"`, `"c"`, `"d"`} {
		docs = append(docs, `{"custom_attributes": {"v": `+v+`}}`)
	}
	attrs := discoverAll(t, docs...).Attributes()
	require.Equal(t, []Attribute{{
		Path: "/custom_attributes/v", UserCount: 8,
		Samples: []string{"a", "b", "7", "false", strings.Repeat("é", MaxSampleLength)},
	}}, attrs)
}

func TestDiscoverCaps(t *testing.T) {
	t.Parallel()
	t.Run("array elements", func(t *testing.T) {
		t.Parallel()
		attrs := discoverAll(t, `{"custom_attributes": {"a": [{"k": 0}, {"k": 1}, {"k": 2}, {"k": 3}, {"k": 4}, {"k": 5}, {"k": 6}]}}`).Attributes()
		var paths []string
		for _, a := range attrs {
			paths = append(paths, a.Path)
		}
		want := make([]string, MaxDiscoveredArrayElements)
		for i := range want {
			want[i] = fmt.Sprintf("/custom_attributes/a/%d/k", i)
		}
		require.Equal(t, want, paths)
	})
	t.Run("depth", func(t *testing.T) {
		t.Parallel()
		nest := func(levels int) string {
			return strings.Repeat(`{"n":`, levels-1) + `{"leaf": "x"}` + strings.Repeat(`}`, levels-1)
		}
		d := discoverAll(t,
			`{"custom_attributes": {"ok": `+nest(MaxDiscoveredDepth-1)+`, "deep": `+nest(MaxDiscoveredDepth)+`}}`)
		var paths []string
		for _, a := range d.Attributes() {
			paths = append(paths, a.Path)
		}
		require.Equal(t, []string{"/custom_attributes/ok" + strings.Repeat("/n", MaxDiscoveredDepth-2) + "/leaf"}, paths)
	})
	t.Run("distinct paths", func(t *testing.T) {
		t.Parallel()
		keys := make([]string, MaxDiscoveredPaths+50)
		for i := range keys {
			keys[i] = fmt.Sprintf(`"k%04d": "v"`, i)
		}
		big := `{"first_name": "A", "custom_attributes": {` + strings.Join(keys, ",") + `}}`
		var d Discoverer
		require.NoError(t, d.AddJSON([]byte(big)))
		require.True(t, d.Truncated())
		require.Len(t, d.Attributes(), MaxDiscoveredPaths)
		require.NoError(t, d.AddJSON([]byte(big)))
		attrs := d.Attributes()
		require.Len(t, attrs, MaxDiscoveredPaths)
		for _, a := range attrs {
			require.Equal(t, 2, a.UserCount, "paths already tracked keep counting: %s", a.Path)
		}
	})
}

func TestDiscoverInput(t *testing.T) {
	t.Parallel()
	var d Discoverer
	require.Empty(t, d.Attributes())
	require.NotNil(t, d.Attributes())
	d.Add([]any{"not", "an", "object"})
	d.Add(nil)
	require.Zero(t, d.Users())
	for _, bad := range []string{`{"a":`, `[1]`, `{} {}`} {
		require.ErrorContains(t, d.AddJSON([]byte(bad)), "decoding directory user", bad)
	}
	require.Zero(t, d.Users())
	d.Add(map[string]any{"first_name": "Ada", "custom_attributes": "not an object", "raw_attributes": nil})
	require.Equal(t, 1, d.Users())
	require.Equal(t, []Attribute{
		{Path: "/custom_attributes", UserCount: 1, Samples: []string{"not an object"}},
		{Path: "/first_name", UserCount: 1, Samples: []string{"Ada"}},
	}, d.Attributes())
}
