package mapping

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchMapping is a full mapping with three tags over the Okta fixture (about 2.4 KB).
func benchMapping() Mapping {
	return Mapping{
		FirstName: "/first_name", LastName: "/last_name", Email: "/email", JobTitle: "/custom_attributes/job_title",
		Department: enterprise + "/department", Division: "/custom_attributes/division_name",
		Office: "/custom_attributes/addresses/0/locality",
		Tags:   []string{"/custom_attributes/cost_center_name", "/custom_attributes/employee_type", enterprise + "/manager/displayName"},
		ValueAliases: []ValueAlias{
			{Field: FieldDepartment, From: "CS", To: "Customer Success"},
			{Field: FieldTags, From: "FT", To: "Full Time"},
		},
	}
}

func BenchmarkMapJSON(b *testing.B) {
	raw := readFixture(b, "okta.json")
	mp := mustCompile(b, benchMapping())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := mp.MapJSON(raw)
		if err != nil || r.Department == "" || len(r.Tags) != 3 {
			b.Fatalf("unexpected result %+v, %v", r, err)
		}
	}
}

// BenchmarkMapFullDecode is the baseline MapJSON improves on: decode the whole document,
// then Map.
func BenchmarkMapFullDecode(b *testing.B) {
	raw := readFixture(b, "okta.json")
	mp := mustCompile(b, benchMapping())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := decodeDocument(raw)
		if err != nil {
			b.Fatal(err)
		}
		if r, _ := mp.Map(doc); len(r.Tags) != 3 {
			b.Fatalf("unexpected result %+v", r)
		}
	}
}

func BenchmarkMap(b *testing.B) {
	var doc any
	require.NoError(b, json.Unmarshal(readFixture(b, "okta.json"), &doc))
	mp := mustCompile(b, benchMapping())
	b.ReportAllocs()
	for b.Loop() {
		r, _ := mp.Map(doc)
		if len(r.Tags) != 3 {
			b.Fatalf("unexpected result %+v", r)
		}
	}
}

func BenchmarkDiscover(b *testing.B) {
	fixtures := []string{"okta.json", "entra.json", "google.json", "bamboohr.json", "workday.json",
		"rippling.json", "generic_scim.json", "post_2026.json"}
	docs := make([]any, 10_000)
	for i := range docs {
		var doc map[string]any
		require.NoError(b, json.Unmarshal(readFixture(b, fixtures[i%len(fixtures)]), &doc))
		// Vary values so samples and counts see distinct data, as in a real directory.
		doc["first_name"] = fmt.Sprintf("User %d", i)
		if ca, ok := doc["custom_attributes"].(map[string]any); ok {
			ca["employee_number"] = fmt.Sprintf("E-%d", i)
			ca["department_name"] = fmt.Sprintf("Dept %d", i%40)
		}
		docs[i] = doc
	}
	b.ReportAllocs()
	for b.Loop() {
		var d Discoverer
		for _, doc := range docs {
			d.Add(doc)
		}
		if len(d.Attributes()) == 0 {
			b.Fatal("no attributes")
		}
	}
}
