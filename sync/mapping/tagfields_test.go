package mapping

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTagFieldsMap(t *testing.T) {
	t.Parallel()
	m := DefaultMapping()
	m.TagFields = []TagField{
		{Key: "cost", Label: "Cost center", Pointer: "/custom_attributes/cost_center_name"},
		{Key: "type", Label: "Employment type", Pointer: "/custom_attributes/employee_type"},
		{Key: "teams", Label: "Teams", Pointer: "/custom_attributes/teams"},
		{Key: "groups", Label: "Groups", FromGroups: true},
	}
	m.ValueAliases = []ValueAlias{{Field: FieldTags, From: "FT", To: "Full Time"}}
	r, problems, err := mustCompile(t, m).MapJSON([]byte(`{"email": "a@b.c", "custom_attributes": {
		"cost_center_name": "40100 Engineering", "employee_type": "FT", "teams": ["engineering", "Full Time", "ENGINEERING"]}}`))
	require.NoError(t, err)
	require.Nil(t, problems)
	require.Equal(t, []string{"40100 Engineering", "Full Time", "engineering", "Full Time"}, r.Tags)
	require.Equal(t, []string{"cost", "type", "teams", "teams"}, r.TagFields)
}

func TestTagFieldsTwelveFields(t *testing.T) {
	t.Parallel()
	m := Mapping{Email: "/email"}
	doc := `{"email": "a@b.c"`
	for i := range 12 {
		m.TagFields = append(m.TagFields, TagField{Key: fmt.Sprintf("f%d", i), Label: fmt.Sprintf("Field %d", i), Pointer: fmt.Sprintf("/v%d", i)})
		doc += fmt.Sprintf(`, "v%d": "x%d"`, i, i)
	}
	r, _, err := mustCompile(t, m).MapJSON([]byte(doc + "}"))
	require.NoError(t, err)
	require.Len(t, r.Tags, 12)
	require.Equal(t, "f11", r.TagFields[11])
	require.Equal(t, "x11", r.Tags[11])
}

func TestNormalizeMovesLegacyTags(t *testing.T) {
	t.Parallel()
	m := Mapping{Email: "/email", Tags: []string{"/a", "/b"}}
	m.Normalize()
	require.Nil(t, m.Tags)
	require.Equal(t, []TagField{{Key: "tag1", Pointer: "/a"}, {Key: "tag2", Pointer: "/b"}}, m.TagFields)
	require.Equal(t, []string{"/a", "/b"}, m.TagPointers())
	require.NoError(t, m.Validate())
	_, ok := m.GroupTagField()
	require.False(t, ok)
}

func TestTagFieldsValidate(t *testing.T) {
	t.Parallel()
	many := make([]TagField, MaxTagFields+1)
	for i := range many {
		many[i] = TagField{Key: fmt.Sprintf("k%d", i), Pointer: fmt.Sprintf("/p%d", i)}
	}
	tests := []struct {
		name   string
		fields []TagField
		tags   []string
		field  string
		substr string
	}{
		{"both lists", []TagField{{Key: "a", Pointer: "/a"}}, []string{"/b"}, "mapping.tags", "not both"},
		{"too many", many, nil, "mapping.tagFields", "at most 20 tag fields"},
		{"bad key", []TagField{{Key: "a b", Pointer: "/a"}}, nil, "mapping.tagFields[0].key", "not a tag field key"},
		{"empty key", []TagField{{Key: "", Pointer: "/a"}}, nil, "mapping.tagFields[0].key", "not a tag field key"},
		{"duplicate key", []TagField{{Key: "Cost", Pointer: "/a"}, {Key: "cost", Pointer: "/b"}}, nil, "mapping.tagFields[1].key", "duplicates the key of mapping.tagFields[0]"},
		{"padded label", []TagField{{Key: "a", Label: " Cost", Pointer: "/a"}}, nil, "mapping.tagFields[0].label", "no leading or trailing spaces"},
		{"neither source", []TagField{{Key: "a", Label: "A"}}, nil, "mapping.tagFields[0]", "a pointer or fromGroups"},
		{"both sources", []TagField{{Key: "a", Pointer: "/a", FromGroups: true}}, nil, "mapping.tagFields[0]", "a pointer or fromGroups"},
		{"two groups fields", []TagField{{Key: "a", FromGroups: true}, {Key: "b", FromGroups: true}}, nil, "mapping.tagFields[1].fromGroups", "only one tag field"},
		{"bad pointer", []TagField{{Key: "a", Pointer: "a"}}, nil, "mapping.tagFields[0].pointer", "not a valid JSON pointer"},
		{"duplicate pointer", []TagField{{Key: "a", Pointer: "/a"}, {Key: "b", Pointer: "/a"}}, nil, "mapping.tagFields[1].pointer", "duplicates mapping.tagFields[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := Mapping{Email: "/email", TagFields: tt.fields, Tags: tt.tags}
			err := m.Validate()
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "got %v", err)
			require.Equal(t, tt.field, fe.Field)
			require.Contains(t, fe.Message, tt.substr)
		})
	}
}
