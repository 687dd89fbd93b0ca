package mapping

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// mustCompile compiles m or fails the test.
func mustCompile(t testing.TB, m Mapping) *Mapper {
	t.Helper()
	mp, err := Compile(m)
	require.NoError(t, err)
	return mp
}

func TestMapScalars(t *testing.T) {
	t.Parallel()
	m := Mapping{Email: "/email", Department: "/v"}
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"string trimmed", `{"v": "  Sales \t"}`, "Sales"},
		{"missing", `{}`, ""},
		{"null", `{"v": null}`, ""},
		{"blank", `{"v": "   "}`, ""},
		{"integer kept exact", `{"v": 12345678901234567890}`, "12345678901234567890"},
		{"decimal", `{"v": 1.50}`, "1.50"},
		{"true", `{"v": true}`, "true"},
		{"false", `{"v": false}`, "false"},
		{"one-element array", `{"v": [" Sales "]}`, "Sales"},
		{"one-element number array", `{"v": [7]}`, "7"},
		{"one null element", `{"v": [null]}`, ""},
		{"empty array", `{"v": []}`, ""},
		{"unicode", `{"v": "Forschung & Entwicklung ü"}`, "Forschung & Entwicklung ü"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, problems, err := mustCompile(t, m).MapJSON([]byte(tt.doc))
			require.NoError(t, err)
			require.Nil(t, problems)
			require.Equal(t, tt.want, r.Department)
		})
	}
}

func TestMapDecodedFloat(t *testing.T) {
	t.Parallel()
	mp := mustCompile(t, Mapping{Email: "/email", Department: "/d", Division: "/v", Office: "/o"})
	r, problems := mp.Map(map[string]any{"d": float64(41000), "v": 0.25, "o": 1e21, "email": "A@B.C"})
	require.Nil(t, problems)
	require.Equal(t, Result{Email: "a@b.c", Department: "41000", Division: "0.25", Office: "1000000000000000000000"}, r)
}

func TestMapWrongType(t *testing.T) {
	t.Parallel()
	mp := mustCompile(t, Mapping{Email: "/email", Department: "/d", Office: "/o", JobTitle: "/j"})
	r, problems, err := mp.MapJSON([]byte(`{
		"email": "x@y.z", "d": ["a", "b"], "o": {"locality": "Berlin"}, "j": [{"t": "x"}]
	}`))
	require.NoError(t, err)
	require.Equal(t, Result{Email: "x@y.z"}, r)
	require.Equal(t, []Problem{
		{Field: FieldJobTitle, Pointer: "/j", Kind: ProblemWrongType,
			Message: "jobTitle: /j holds an array holding an object or array; a single text value is needed"},
		{Field: FieldDepartment, Pointer: "/d", Kind: ProblemWrongType,
			Message: "department: /d holds an array of 2 values; a single text value is needed"},
		{Field: FieldOffice, Pointer: "/o", Kind: ProblemWrongType,
			Message: "office: /o holds an object; a single text value is needed"},
	}, problems)
}

func TestMapEmailAndNames(t *testing.T) {
	t.Parallel()
	mp := mustCompile(t, DefaultMapping())
	r, problems, err := mp.MapJSON([]byte(`{"email": "  Ada.Lovelace@Example.COM ", "first_name": " Ada", "last_name": "Lovelace "}`))
	require.NoError(t, err)
	require.Nil(t, problems)
	require.Equal(t, Result{FirstName: "Ada", LastName: "Lovelace", Email: "ada.lovelace@example.com"}, r)
}

func TestMapTags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		tags     []string
		aliases  []ValueAlias
		doc      string
		want     []string
		fields   []string // the tag field of each of want; tag1 for every one when nil
		problems []Problem
	}{
		{name: "scalars in pointer order", tags: []string{"/b", "/a", "/n"}, doc: `{"a": "A", "b": " B ", "n": 3}`, want: []string{"B", "A", "3"},
			fields: []string{"tag1", "tag2", "tag3"}},
		{name: "missing and empty give nothing", tags: []string{"/a", "/b", "/c"}, doc: `{"b": "", "c": null}`},
		{name: "array gives one tag per element", tags: []string{"/skills", "/level"},
			doc: `{"skills": ["Go", " SQL ", "", null, 5, true], "level": "L5"}`, want: []string{"Go", "SQL", "5", "true", "L5"},
			fields: []string{"tag1", "tag1", "tag1", "tag1", "tag2"}},
		{name: "case-insensitive dedupe within a field keeps first spelling; fields keep their own", tags: []string{"/a", "/b"},
			doc: `{"a": ["Remote", "ONCALL", "remote"], "b": "oncall"}`, want: []string{"Remote", "ONCALL", "oncall"},
			fields: []string{"tag1", "tag1", "tag2"}},
		{name: "aliases per element then dedupe", tags: []string{"/a", "/b"},
			aliases: []ValueAlias{{Field: FieldTags, From: "eng", To: "Engineering"}, {Field: FieldDepartment, From: "x", To: "y"}},
			doc:     `{"a": ["ENG", "x", "engineering"], "b": " engineering "}`, want: []string{"Engineering", "x", "engineering"},
			fields: []string{"tag1", "tag1", "tag2"}},
		{name: "object is wrong type", tags: []string{"/a", "/o"}, doc: `{"a": "A", "o": {"k": "v"}}`, want: []string{"A"},
			fields: []string{"tag1"},
			problems: []Problem{{Field: FieldTags, Pointer: "/o", Kind: ProblemWrongType,
				Message: "tags: /o holds an object; a text value or an array of them is needed"}}},
		{name: "nested values in array are skipped", tags: []string{"/a"}, doc: `{"a": ["x", {"k": 1}, ["y"], "z"]}`, want: []string{"x", "z"},
			fields: []string{"tag1", "tag1"},
			problems: []Problem{{Field: FieldTags, Pointer: "/a", Kind: ProblemWrongType,
				Message: "tags: /a holds 2 nested objects or arrays; only its text elements were used"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mp := mustCompile(t, Mapping{Email: "/email", Tags: tt.tags, ValueAliases: tt.aliases})
			r, problems, err := mp.MapJSON([]byte(tt.doc))
			require.NoError(t, err)
			require.Equal(t, tt.want, r.Tags)
			require.Equal(t, tt.fields, r.TagFields)
			require.Equal(t, tt.problems, problems)
		})
	}
}

func TestMapTooManyTagValues(t *testing.T) {
	t.Parallel()
	values := make([]string, MaxTagValues+5)
	for i := range values {
		values[i] = fmt.Sprintf("%q", fmt.Sprintf("t%d", i))
	}
	doc := `{"first": "x", "a": [` + strings.Join(values, ",") + `], "b": "later"}`
	mp := mustCompile(t, Mapping{Email: "/email", Tags: []string{"/first", "/a", "/b"}})
	r, problems, err := mp.MapJSON([]byte(doc))
	require.NoError(t, err)
	require.Len(t, r.Tags, MaxTagValues)
	require.Equal(t, "x", r.Tags[0])
	require.Equal(t, fmt.Sprintf("t%d", MaxTagValues-2), r.Tags[MaxTagValues-1])
	require.Equal(t, []Problem{{Field: FieldTags, Pointer: "/a", Kind: ProblemTooManyValues,
		Message: "tags: more than 50 tags; only the first 50 were kept"}}, problems)
}

func TestMapAliases(t *testing.T) {
	t.Parallel()
	m := DefaultMapping()
	m.Office = "/custom_attributes/office"
	m.ValueAliases = []ValueAlias{
		{Field: FieldDepartment, From: " eng ", To: " Engineering "},
		{Field: FieldOffice, From: "NYC", To: "New York"},
		{Field: FieldOffice, From: "münchen", To: "Munich"},
		{Field: FieldEmail, From: "old@acme.com", To: "New@Acme.com"},
		{Field: FieldJobTitle, From: "Engineering", To: "never chained"},
	}
	mp := mustCompile(t, m)
	tests := []struct {
		name string
		doc  string
		want Result
	}{
		{"case-insensitive after trim", `{"email": "a@acme.com", "custom_attributes": {"department_name": "  ENG ", "office": "nyc"}}`,
			Result{Email: "a@acme.com", Department: "Engineering", Office: "New York"}},
		{"non-ASCII fold", `{"email": "a@acme.com", "custom_attributes": {"office": "MÜNCHEN"}}`,
			Result{Email: "a@acme.com", Office: "Munich"}},
		{"unaliased values unchanged", `{"email": "a@acme.com", "custom_attributes": {"department_name": "Engineering", "office": "Berlin"}}`,
			Result{Email: "a@acme.com", Department: "Engineering", Office: "Berlin"}},
		{"alias on another field does not apply", `{"email": "a@acme.com", "custom_attributes": {"job_title": "eng"}}`,
			Result{Email: "a@acme.com", JobTitle: "eng"}},
		{"email alias then lowercase", `{"email": " OLD@acme.com"}`, Result{Email: "new@acme.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, problems, err := mp.MapJSON([]byte(tt.doc))
			require.NoError(t, err)
			require.Nil(t, problems)
			require.Equal(t, tt.want, r)
		})
	}
}

func TestMapJSONErrors(t *testing.T) {
	t.Parallel()
	mp := mustCompile(t, DefaultMapping())
	tests := []struct{ name, doc, substr string }{
		{"invalid", `{"email": `, "decoding directory user"},
		{"trailing data", `{"email": "a@b.c"} {}`, "unexpected data after the JSON object"},
		{"array of object", `[{"email": "a@b.c"}]`, "want a JSON object, got an array holding an object or array"},
		{"array", `["a", "b"]`, "want a JSON object, got an array of 2 values"},
		{"string", `"a@b.c"`, "want a JSON object, got a string"},
		{"null", `null`, "want a JSON object, got null"},
		{"empty", ``, "decoding directory user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := mp.MapJSON([]byte(tt.doc))
			require.ErrorContains(t, err, tt.substr)
		})
	}
}

func TestResultEqual(t *testing.T) {
	t.Parallel()
	base := Result{FirstName: "A", LastName: "B", Email: "a@b.c", JobTitle: "J", Department: "D", Division: "V", Office: "O",
		Tags: []string{"x", "y"}, TagFields: []string{"a", "b"}}
	tests := []struct {
		name  string
		edit  func(r *Result)
		equal bool
	}{
		{"same", func(*Result) {}, true},
		{"tags copied", func(r *Result) { r.Tags = []string{"x", "y"} }, true},
		{"first name", func(r *Result) { r.FirstName = "a" }, false},
		{"last name", func(r *Result) { r.LastName = "" }, false},
		{"email", func(r *Result) { r.Email = "A@b.c" }, false},
		{"job title", func(r *Result) { r.JobTitle = "K" }, false},
		{"department", func(r *Result) { r.Department = "E" }, false},
		{"division", func(r *Result) { r.Division = "W" }, false},
		{"office", func(r *Result) { r.Office = "P" }, false},
		{"tag order", func(r *Result) { r.Tags = []string{"y", "x"} }, false},
		{"tags nil", func(r *Result) { r.Tags = nil }, false},
		{"tag field", func(r *Result) { r.TagFields = []string{"a", "c"} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			other := base
			other.Tags = append([]string(nil), base.Tags...)
			other.TagFields = append([]string(nil), base.TagFields...)
			tt.edit(&other)
			require.Equal(t, tt.equal, base.Equal(other))
			require.Equal(t, tt.equal, other.Equal(base))
		})
	}
	require.True(t, Result{}.Equal(Result{Tags: []string{}}), "nil and empty tags are equal")
}

func TestMapperConcurrentUse(t *testing.T) {
	t.Parallel()
	m := DefaultMapping()
	m.Tags = []string{"/custom_attributes/skills"}
	m.ValueAliases = []ValueAlias{{Field: FieldTags, From: "go", To: "Go"}}
	mp := mustCompile(t, m)
	doc := []byte(`{"email": "a@b.c", "custom_attributes": {"skills": ["go", "sql"]}}`)
	done := make(chan Result)
	for range 8 {
		go func() {
			r, _, err := mp.MapJSON(doc)
			if err != nil {
				r = Result{}
			}
			done <- r
		}()
	}
	for range 8 {
		require.Equal(t, Result{Email: "a@b.c", Tags: []string{"Go", "sql"}, TagFields: []string{"tag1", "tag1"}}, <-done)
	}
}
