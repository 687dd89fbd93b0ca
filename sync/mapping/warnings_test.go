package mapping

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDiscoverSkipsEmptyTopLevel: job_title and username null or blank for everyone, and
// raw_attributes {} (WorkOS since 2026-04-15), are not offered; a filled one is.
func TestDiscoverSkipsEmptyTopLevel(t *testing.T) {
	t.Parallel()
	d := discoverAll(t,
		`{"email": "a@x.com", "job_title": null, "username": "", "emails": [], "raw_attributes": {}, "custom_attributes": {"job_title": "Dev"}}`,
		`{"email": "b@x.com", "job_title": "  ", "username": null, "emails": [], "raw_attributes": {}, "custom_attributes": {"job_title": ""}}`,
	)
	var paths []string
	for _, a := range d.Attributes() {
		paths = append(paths, a.Path)
	}
	require.Equal(t, []string{"/custom_attributes/job_title", "/email"}, paths, "nested blanks stay listed, empty top-level fields do not")
	d = discoverAll(t, `{"email": "a@x.com", "job_title": "", "username": "ada"}`, `{"email": "b@x.com", "job_title": "CTO"}`)
	require.Equal(t, []Attribute{
		{Path: "/email", UserCount: 2, Samples: []string{"a@x.com", "b@x.com"}},
		{Path: "/job_title", UserCount: 1, Samples: []string{"CTO"}},
		{Path: "/username", UserCount: 1, Samples: []string{"ada"}},
	}, d.Attributes())
}

// TestSourceCheck: a pointer under /raw_attributes, /job_title, /username or /emails that
// no user fills is a warning naming the field; one user with a value, or a pointer
// elsewhere, is none.
func TestSourceCheck(t *testing.T) {
	t.Parallel()
	deprecated := `{"email": "a@x.com", "job_title": null, "username": null, "emails": [], "raw_attributes": {},
		"custom_attributes": {"department_name": "", "job_title": "Dev"}}`
	legacy := `{"email": "b@x.com", "job_title": "CTO", "username": "bob", "emails": [{"value": "b@x.com", "primary": true}],
		"raw_attributes": {"department": "Eng", "groups": ["a"]}, "custom_attributes": {}}`
	m := Mapping{Email: "/email", JobTitle: "/job_title", Department: "/raw_attributes/department", FirstName: "/username",
		Division: "/custom_attributes/department_name", Tags: []string{"/custom_attributes/job_title", "/emails/0/value", "/raw_attributes/groups"}}

	c, err := NewSourceCheck(m)
	require.NoError(t, err)
	require.Empty(t, c.Warnings())
	for range 3 {
		require.NoError(t, c.AddJSON([]byte(deprecated)))
	}
	require.True(t, c.Pending())
	ws := c.Warnings()
	var fields, pointers []string
	for _, w := range ws {
		fields, pointers = append(fields, w.Field), append(pointers, w.Pointer)
	}
	require.Equal(t, []string{"mapping.firstName", "mapping.jobTitle", "mapping.department", "mapping.tags[1]", "mapping.tags[2]"}, fields,
		"a blank custom attribute is the admin's choice, not the deprecation")
	require.Equal(t, []string{"/username", "/job_title", "/raw_attributes/department", "/emails/0/value", "/raw_attributes/groups"}, pointers)
	require.Contains(t, ws[1].Message, "none of the 3 active directory users has a value at /job_title")
	require.Contains(t, ws[1].Message, "/custom_attributes")

	require.NoError(t, c.AddJSON([]byte(legacy)))
	require.False(t, c.Pending())
	require.Empty(t, c.Warnings(), "one user with a value is enough")

	_, err = NewSourceCheck(Mapping{Email: "/email", JobTitle: "job_title"})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "mapping.jobTitle", fe.Field)
	c, err = NewSourceCheck(m)
	require.NoError(t, err)
	require.Error(t, c.AddJSON([]byte(`[1]`)), "not a directory user object")
}
