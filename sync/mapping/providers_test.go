package mapping

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// enterprise is the raw_attributes pointer prefix of the SCIM enterprise user extension.
const enterprise = "/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

// readFixture returns testdata/name.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return raw
}

// TestProviderShapes maps one directory user of each provider shape in WORKOS.md §8 to
// department, division, office and three tags.
func TestProviderShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fixture string
		mapping Mapping
		want    Result
	}{
		{
			name: "okta scim enterprise extension", fixture: "okta.json",
			mapping: Mapping{
				FirstName: "/raw_attributes/name/givenName", LastName: "/raw_attributes/name/familyName",
				Email: "/email", JobTitle: "/raw_attributes/title",
				Department: enterprise + "/department", Division: enterprise + "/division",
				Office: "/raw_attributes/addresses/0/locality",
				Tags:   []string{"/raw_attributes/locale", enterprise + "/manager/displayName", "/custom_attributes/employee_type"},
			},
			want: Result{FirstName: "Blair", LastName: "Lunceford", Email: "blair@foo-corp.com", JobTitle: "Developer Success Engineer",
				Department: "Customer Success", Division: "Engineering", Office: "Steamboat Springs",
				Tags: []string{"en-US", "Kathleen Chung", "Full Time"}},
		},
		{
			name: "entra office in addresses[type other]", fixture: "entra.json",
			mapping: Mapping{
				FirstName: "/first_name", LastName: "/last_name", Email: "/email", JobTitle: "/raw_attributes/title",
				Department: enterprise + "/department", Division: "/custom_attributes/division_name",
				Office: "/raw_attributes/addresses/1/formatted",
				Tags:   []string{enterprise + "/employeeNumber", "/custom_attributes/addresses/0/locality", "/custom_attributes/addresses/0/postal_code"},
			},
			want: Result{FirstName: "Adele", LastName: "Vance", Email: "adele.vance@contoso.com", JobTitle: "Retail Manager",
				Department: "Retail", Office: "Bellevue HQ 18/2111", Tags: []string{"17023", "98004"}},
		},
		{
			name: "google organizations and customSchemas", fixture: "google.json",
			mapping: Mapping{
				FirstName: "/first_name", LastName: "/last_name", Email: "/raw_attributes/primaryEmail",
				JobTitle: "/raw_attributes/organizations/0/title", Department: "/raw_attributes/organizations/0/department",
				Division: "/raw_attributes/customSchemas/Employment/Division", Office: "/raw_attributes/locations/0/buildingId",
				Tags:         []string{"/raw_attributes/organizations/0/costCenter", "/raw_attributes/customSchemas/Employment/Skills", "/raw_attributes/orgUnitPath"},
				ValueAliases: []ValueAlias{{Field: FieldTags, From: "/engineering/platform", To: "Platform"}},
			},
			want: Result{FirstName: "Michael", LastName: "Hadley", Email: "michael.hadley@foo-corp.com", JobTitle: "Staff Engineer",
				Department: "Platform Engineering", Division: "Product & Engineering", Office: "NYC-10",
				Tags: []string{"ENG-200", "Go", "Kubernetes", "Postgres", "Platform"}},
		},
		{
			name: "bamboohr camelCase record", fixture: "bamboohr.json",
			mapping: Mapping{
				FirstName: "/raw_attributes/firstName", LastName: "/raw_attributes/lastName", Email: "/raw_attributes/workEmail",
				JobTitle: "/raw_attributes/jobTitle", Department: "/raw_attributes/department", Division: "/raw_attributes/division",
				Office:       "/raw_attributes/location",
				Tags:         []string{"/custom_attributes/employee_number", "/raw_attributes/employmentHistoryStatus", "/raw_attributes/status"},
				ValueAliases: []ValueAlias{{Field: FieldDepartment, From: "r&d", To: "Research & Development"}},
			},
			want: Result{FirstName: "Jane", LastName: "Doe", Email: "jane@acme.com", JobTitle: "Engineer",
				Department: "Research & Development", Division: "Product", Office: "Berlin",
				Tags: []string{"42", "Full-Time", "Active"}},
		},
		{
			name: "workday report row", fixture: "workday.json",
			mapping: Mapping{
				FirstName: "/first_name", LastName: "/last_name", Email: "/raw_attributes/primary_work_email",
				JobTitle: "/raw_attributes/job_title", Department: "/raw_attributes/department_name",
				Division: "/raw_attributes/division_name", Office: "/custom_attributes/addresses/0/locality",
				Tags: []string{"/raw_attributes/cost_center_name", "/raw_attributes/employee_type", "/raw_attributes/group_name"},
			},
			want: Result{FirstName: "Logan", LastName: "McNeil", Email: "lmcneil@acme.com", JobTitle: "Controller",
				Department: "Finance", Division: "G&A", Office: "Pleasanton",
				Tags: []string{"41000 Finance", "Regular", "Finance"}},
		},
		{
			name: "rippling sparse scim", fixture: "rippling.json",
			mapping: withOfficeAndTags(DefaultMapping(), "/custom_attributes/addresses/0/locality",
				"/raw_attributes/title", "/custom_attributes/employee_type", enterprise+"/department"),
			want: Result{FirstName: "Sam", LastName: "Lee", Email: "sam.lee@acme.com"},
		},
		{
			name: "generic scim with escaped keys", fixture: "generic_scim.json",
			mapping: Mapping{
				FirstName: "/raw_attributes/name/givenName", LastName: "/raw_attributes/name/familyName", Email: "/email",
				JobTitle: "/raw_attributes/title", Department: enterprise + "/department", Division: enterprise + "/division",
				Office: "/raw_attributes/addresses/0/locality",
				Tags:   []string{"/raw_attributes/name~1suffix", "/raw_attributes/x-acme~0level", enterprise + "/costCenter"},
			},
			want: Result{FirstName: "Barbara", LastName: "Jensen", Email: "bjensen@example.com", JobTitle: "Tour Guide",
				Department: "Tour Operations", Division: "Theme Park", Office: "Hollywood", Tags: []string{"III", "L5", "4130"}},
		},
		{
			name: "post 2026-04-15 custom_attributes only", fixture: "post_2026.json",
			mapping: func() Mapping {
				m := withOfficeAndTags(DefaultMapping(), "/custom_attributes/addresses/0/locality",
					"/custom_attributes/cost_center_name", "/custom_attributes/employee_type", "/custom_attributes/organization")
				m.ValueAliases = []ValueAlias{{Field: FieldDepartment, From: "eng", To: "Engineering"}}
				return m
			}(),
			want: Result{FirstName: "Priya", LastName: "Shah", Email: "priya.shah@example.com", JobTitle: "Software Engineer",
				Department: "Engineering", Division: "Analytics", Office: "London", Tags: []string{"IT", "Full Time", "Acme Corp"}},
		},
		{
			name: "post 2026-04-15 with a raw_attributes mapping", fixture: "post_2026.json",
			mapping: Mapping{
				Email: "/email", JobTitle: "/job_title", Department: enterprise + "/department", Division: enterprise + "/division",
				Office: "/raw_attributes/addresses/0/locality", Tags: []string{"/raw_attributes/locale", "/emails"},
			},
			want: Result{Email: "priya.shah@example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := readFixture(t, tt.fixture)
			r, problems, err := mustCompile(t, tt.mapping).MapJSON(raw)
			require.NoError(t, err)
			require.Nil(t, problems)
			require.Len(t, r.TagFields, len(r.Tags), "every tag names its field")
			r.TagFields = nil // TestMapTags checks which field each tag names
			require.Equal(t, tt.want, r)
		})
	}
}

// withOfficeAndTags returns m with the office and tag pointers set.
func withOfficeAndTags(m Mapping, office string, tags ...string) Mapping {
	m.Office = office
	m.Tags = tags
	return m
}

// TestDefaultMappingOnProviders checks the default mapping against every fixture: names and
// email always come through, and custom_attributes feed department and division.
func TestDefaultMappingOnProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fixture string
		want    Result
	}{
		{"okta.json", Result{FirstName: "Blair", LastName: "Lunceford", Email: "blair@foo-corp.com",
			JobTitle: "Developer Success Engineer", Department: "Customer Success", Division: "Engineering"}},
		{"entra.json", Result{FirstName: "Adele", LastName: "Vance", Email: "adele.vance@contoso.com",
			JobTitle: "Retail Manager", Department: "Retail"}},
		{"google.json", Result{FirstName: "Michael", LastName: "Hadley", Email: "michael.hadley@foo-corp.com",
			JobTitle: "Staff Engineer", Department: "Platform Engineering"}},
		{"bamboohr.json", Result{FirstName: "Jane", LastName: "Doe", Email: "jane@acme.com",
			JobTitle: "Engineer", Department: "R&D", Division: "Product"}},
		{"workday.json", Result{FirstName: "Logan", LastName: "McNeil", Email: "lmcneil@acme.com",
			JobTitle: "Controller", Department: "Finance", Division: "G&A"}},
		{"rippling.json", Result{FirstName: "Sam", LastName: "Lee", Email: "sam.lee@acme.com"}},
		{"generic_scim.json", Result{FirstName: "Barbara", LastName: "Jensen", Email: "bjensen@example.com",
			Department: "Tour Operations", Division: "Theme Park"}},
		{"post_2026.json", Result{FirstName: "Priya", LastName: "Shah", Email: "priya.shah@example.com",
			JobTitle: "Software Engineer", Department: "Eng", Division: "Analytics"}},
	}
	mp := mustCompile(t, DefaultMapping())
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			t.Parallel()
			r, problems, err := mp.MapJSON(readFixture(t, tt.fixture))
			require.NoError(t, err)
			require.Nil(t, problems)
			require.Equal(t, tt.want, r)
		})
	}
}
