package mapping

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePointer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		tokens []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"/first_name", []string{"first_name"}},
		{"/custom_attributes/addresses/0/locality", []string{"custom_attributes", "addresses", "0", "locality"}},
		{"/raw_attributes/name~1suffix", []string{"raw_attributes", "name/suffix"}},
		{"/a~0b", []string{"a~b"}},
		{"/~01", []string{"~1"}},
		{"/~10", []string{"/0"}},
		{"/a//b/", []string{"a", "", "b", ""}},
		{"/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/division",
			[]string{"raw_attributes", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "division"}},
		{"/ünï/コード", []string{"ünï", "コード"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePointer(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.tokens, nilIfEmpty(p.Tokens()))
			require.Equal(t, tt.in, p.String())
			require.Equal(t, len(tt.tokens) == 0, p.IsRoot())
			require.Equal(t, p, NewPointer(tt.tokens...), "NewPointer from the tokens gives the same pointer")
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestParsePointerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, reason string }{
		{"first_name", `must be empty or start with "/"`},
		{"#/first_name", `must be empty or start with "/"`},
		{"/a~", `"~" must be followed by 0 or 1`},
		{"/a~2b", `"~" must be followed by 0 or 1`},
		{"/ok/~x", `"~" must be followed by 0 or 1`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePointer(tt.in)
			require.ErrorIs(t, err, ErrInvalidPointer)
			var pe *PointerError
			require.True(t, errors.As(err, &pe))
			require.Equal(t, tt.in, pe.Pointer)
			require.Equal(t, tt.reason, pe.Reason)
		})
	}
}

func TestEscapeTokenRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct{ tok, escaped string }{
		{"plain", "plain"},
		{"", ""},
		{"a/b", "a~1b"},
		{"a~b", "a~0b"},
		{"~1", "~01"},
		{"/~", "~1~0"},
		{"urn:x:2.0:User", "urn:x:2.0:User"},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.escaped, EscapeToken(tt.tok))
			p, err := ParsePointer("/" + EscapeToken(tt.tok))
			require.NoError(t, err)
			require.Equal(t, []string{tt.tok}, p.Tokens())
		})
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	var doc any
	require.NoError(t, json.Unmarshal([]byte(`{
		"first_name": "Ada",
		"nothing": null,
		"": "empty key",
		"custom_attributes": {"addresses": [{"locality": "Berlin"}, {"locality": "Paris"}], "n": 7},
		"raw_attributes": {
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"division": "Theme Park"},
			"name/suffix": "III", "a~b": "tilde", "x.y": "dotted",
			"0": "zero key", "list": ["a", "b"]
		}
	}`), &doc))
	tests := []struct {
		ptr  string
		want any
		ok   bool
	}{
		{"", doc, true},
		{"/first_name", "Ada", true},
		{"/nothing", nil, true},
		{"/", "empty key", true},
		{"/missing", nil, false},
		{"/first_name/x", nil, false},
		{"/custom_attributes/addresses/0/locality", "Berlin", true},
		{"/custom_attributes/addresses/1/locality", "Paris", true},
		{"/custom_attributes/addresses/2/locality", nil, false},
		{"/custom_attributes/addresses/-", nil, false},
		{"/custom_attributes/addresses/01/locality", nil, false},
		{"/custom_attributes/addresses/+1/locality", nil, false},
		{"/custom_attributes/addresses/x", nil, false},
		{"/custom_attributes/n", float64(7), true},
		{"/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/division", "Theme Park", true},
		{"/raw_attributes/name~1suffix", "III", true},
		{"/raw_attributes/a~0b", "tilde", true},
		{"/raw_attributes/x.y", "dotted", true},
		{"/raw_attributes/0", "zero key", true},
		{"/raw_attributes/list/1", "b", true},
		{"/raw_attributes/list/99999999999", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePointer(tt.ptr)
			require.NoError(t, err)
			got, ok := p.Resolve(doc)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.want, got)
		})
	}
}
