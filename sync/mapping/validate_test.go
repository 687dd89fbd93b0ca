package mapping

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDefaultMapping(t *testing.T) {
	t.Parallel()
	m := DefaultMapping()
	require.NoError(t, m.Validate())
	require.Equal(t, Mapping{
		FirstName:  "/first_name",
		LastName:   "/last_name",
		Email:      "/email",
		JobTitle:   "/custom_attributes/job_title",
		Department: "/custom_attributes/department_name",
		Division:   "/custom_attributes/division_name",
	}, m)
}

func TestMappingJSON(t *testing.T) {
	t.Parallel()
	m := DefaultMapping()
	m.Office = "/custom_attributes/addresses/0/locality"
	m.Tags = []string{"/custom_attributes/cost_center_name"}
	m.ValueAliases = []ValueAlias{{Field: FieldDepartment, From: "Eng", To: "Engineering"}}
	raw, err := json.Marshal(m)
	require.NoError(t, err)
	require.JSONEq(t, `{
		"firstName": "/first_name", "lastName": "/last_name", "email": "/email",
		"jobTitle": "/custom_attributes/job_title", "department": "/custom_attributes/department_name",
		"division": "/custom_attributes/division_name", "office": "/custom_attributes/addresses/0/locality",
		"tags": ["/custom_attributes/cost_center_name"],
		"valueAliases": [{"field": "department", "from": "Eng", "to": "Engineering"}]
	}`, string(raw))
	var back Mapping
	require.NoError(t, json.Unmarshal(raw, &back))
	require.Equal(t, m, back)
}

func TestValidateErrors(t *testing.T) {
	t.Parallel()
	tooManyTags := make([]string, MaxTags+1)
	for i := range tooManyTags {
		tooManyTags[i] = fmt.Sprintf("/custom_attributes/t%d", i)
	}
	tooManyAliases := make([]ValueAlias, MaxValueAliases+1)
	for i := range tooManyAliases {
		tooManyAliases[i] = ValueAlias{Field: FieldTags, From: fmt.Sprint(i), To: "x"}
	}
	tests := []struct {
		name   string
		edit   func(m *Mapping)
		field  string
		substr string
	}{
		{"bad first name syntax", func(m *Mapping) { m.FirstName = "first_name" }, "mapping.firstName", `must be empty or start with "/"`},
		{"bad department tilde", func(m *Mapping) { m.Department = "/custom_attributes/a~2" }, "mapping.department", `"~" must be followed by 0 or 1`},
		{"bad office", func(m *Mapping) { m.Office = "custom_attributes" }, "mapping.office", "not a valid JSON pointer"},
		{"email not mapped", func(m *Mapping) { m.Email = "" }, "mapping.email", "email must be mapped"},
		{"too many tags", func(m *Mapping) { m.Tags = tooManyTags }, "mapping.tags", "at most 10 tags"},
		{"empty tag", func(m *Mapping) { m.Tags = []string{"/a", ""} }, "mapping.tags[1]", "must not be empty"},
		{"bad tag syntax", func(m *Mapping) { m.Tags = []string{"/a", "/b", "c"} }, "mapping.tags[2]", "not a valid JSON pointer"},
		{"duplicate tag", func(m *Mapping) { m.Tags = []string{"/a", "/b", "/a"} }, "mapping.tags[2]", "duplicates mapping.tags[0]"},
		{"unknown alias field", func(m *Mapping) { m.ValueAliases = []ValueAlias{{Field: "Department", From: "a", To: "b"}} },
			"mapping.valueAliases[0].field", `unknown field "Department"`},
		{"blank alias from", func(m *Mapping) {
			m.ValueAliases = []ValueAlias{{Field: FieldTags, From: "a", To: "b"}, {Field: FieldOffice, From: "  ", To: "b"}}
		}, "mapping.valueAliases[1].from", "must not be blank"},
		{"empty alias to", func(m *Mapping) { m.ValueAliases = []ValueAlias{{Field: FieldOffice, From: "NYC", To: ""}} },
			"mapping.valueAliases[0].to", "must not be blank"},
		{"conflicting aliases", func(m *Mapping) {
			m.ValueAliases = []ValueAlias{
				{Field: FieldDepartment, From: "Eng", To: "Engineering"},
				{Field: FieldDivision, From: "eng", To: "Product"},
				{Field: FieldDepartment, From: " ENG ", To: "Product"},
			}
		}, "mapping.valueAliases[2].from", `department value "ENG" is already aliased to "Engineering" by mapping.valueAliases[0]`},
		{"too many aliases", func(m *Mapping) { m.ValueAliases = tooManyAliases }, "mapping.valueAliases", "at most 1000 value aliases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := DefaultMapping()
			tt.edit(&m)
			for _, err := range []error{m.Validate(), compileErr(m)} {
				require.ErrorIs(t, err, ErrInvalidMapping)
				var fe *FieldError
				require.True(t, errors.As(err, &fe))
				require.Equal(t, tt.field, fe.Field)
				require.Contains(t, fe.Message, tt.substr)
				require.Contains(t, err.Error(), tt.field+": ")
			}
		})
	}
}

func compileErr(m Mapping) error {
	mp, err := Compile(m)
	if err == nil && mp == nil {
		return errors.New("Compile returned (nil, nil)")
	}
	return err
}

func TestValidateAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(m *Mapping)
	}{
		{"only email", func(m *Mapping) { *m = Mapping{Email: "/raw_attributes/userName"} }},
		{"max tags", func(m *Mapping) {
			for i := range MaxTags {
				m.Tags = append(m.Tags, fmt.Sprintf("/custom_attributes/t%d", i))
			}
		}},
		{"pointer to empty key", func(m *Mapping) { m.Office = "/" }},
		{"escaped keys", func(m *Mapping) { m.Tags = []string{"/raw_attributes/name~1suffix", "/raw_attributes/a~0b"} }},
		{"same alias twice", func(m *Mapping) {
			m.ValueAliases = []ValueAlias{
				{Field: FieldDepartment, From: "Eng", To: "Engineering"},
				{Field: FieldDepartment, From: "ENG", To: "Engineering"},
			}
		}},
		{"same from for different fields", func(m *Mapping) {
			m.ValueAliases = []ValueAlias{
				{Field: FieldDepartment, From: "Eng", To: "Engineering"},
				{Field: FieldTags, From: "Eng", To: "engineer"},
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := DefaultMapping()
			tt.edit(&m)
			require.NoError(t, m.Validate())
			mp, err := Compile(m)
			require.NoError(t, err)
			require.NotNil(t, mp)
		})
	}
}
