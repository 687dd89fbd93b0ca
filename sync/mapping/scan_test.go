package mapping

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// scannerValid reports whether the scanner accepts data as one JSON text.
func scannerValid(data []byte) bool {
	s := scanner{data: data}
	if s.skipValue() != nil {
		return false
	}
	s.ws()
	return s.pos == len(data)
}

// jsonEdgeCases are inputs on the edges of the JSON grammar, valid and invalid.
func jsonEdgeCases() []string {
	deep := func(n int, open, close string) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	return []string{
		``, ` `, `{}`, `[]`, ` { } `, `{"a":1}`, `{"a":1,}`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{1:2}`,
		`[1,]`, `[,1]`, `[1 2]`, `[1,,2]`, `[`, `]`, `{`, `}`, `{"a":[}`, `[{]`, `{"a":1}}`, `[[]]]`,
		`0`, `-0`, `01`, `-`, `1.`, `.5`, `1.5e`, `1e+`, `1E-7`, `-12.5e+3`, `+1`, `1e5x`,
		`true`, `tru`, `truex`, `null`, `nul`, `false`, `False`,
		`"a"`, `"`, `"\"`, `"\\"`, `"\/"`, `"\u00e9"`, `"\u00g9"`, `"\x"`, "\"a\tb\"", "\"a\x01\"", "\"\xff\xfe\"",
		`"\ud83d\ude00"`, `{"a":"b" "c":"d"}`, `[1] [2]`, `{} x`,
		deep(10000, "[", "]"), deep(10001, "[", "]"),
		`{"a":` + deep(9999, "[", "]") + `}`, `{"a":` + deep(10000, "[", "]") + `}`,
		`{"a":` + strings.Repeat(`{"a":`, 9998) + `1` + strings.Repeat(`}`, 9998) + `}`,
		`{"a":` + strings.Repeat(`{"a":`, 9999) + `1` + strings.Repeat(`}`, 9999) + `}`,
	}
}

func TestScannerMatchesValid(t *testing.T) {
	t.Parallel()
	for _, in := range jsonEdgeCases() {
		require.Equal(t, json.Valid([]byte(in)), scannerValid([]byte(in)), "%.60q", in)
	}
}

func FuzzScannerMatchesValid(f *testing.F) {
	for _, in := range jsonEdgeCases() {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		require.Equal(t, json.Valid(data), scannerValid(data), "%q", data)
	})
}

// equivalenceMapping reaches into objects, arrays, escaped keys and overlapping pointers.
func equivalenceMapping() Mapping {
	return Mapping{
		FirstName:  "/a",
		LastName:   "/a/0",
		Email:      "/a/b",
		JobTitle:   "/c/1/d",
		Department: "/e~1f/~0g",
		Division:   "/custom_attributes/addresses/0/locality",
		Office:     "/c/-",
		Tags:       []string{"/c", "/c/0", "/h", "/", "/i/x/2"},
	}
}

// requireSparseMatchesFull checks MapJSON against Map over the fully decoded document.
func requireSparseMatchesFull(t *testing.T, mp *Mapper, data []byte) {
	r, problems, err := mp.MapJSON(data)
	doc, fullErr := decodeDocument(data)
	require.Equal(t, fullErr == nil, err == nil, "errors differ: sparse %v, full %v, input %q", err, fullErr, data)
	if fullErr != nil {
		return
	}
	fr, fproblems := mp.Map(doc)
	require.Equal(t, fr, r, "%q", data)
	require.Equal(t, fproblems, problems, "%q", data)
}

func equivalenceSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		[]byte(`{"a": "x"}`), []byte(`{"a": ["x"]}`), []byte(`{"a": {"0": "k", "b": "B@X"}}`),
		[]byte(`{"a": 1, "a": {"b": "second"}}`), []byte(`{"a": {"b": "first"}, "a": 2}`),
		[]byte(`{"c": [{"d": 1}, {"d": [" t "]}, 3], "h": [1, {"x": 1}, "y"], "": " root "}`),
		[]byte(`{"c": [], "e/f": {"~g": "\u00e9\n"}, "i": {"x": [0, 1, "two"]}}`),
		[]byte(`{"c": "scalar", "i": {"x": [0]}, "custom_attributes": {"addresses": [{"locality": "\ud83d\ude00 B"}]}}`),
		[]byte("{\"a\": \"\xff\"}"), []byte(`{"\u0061": "escaped key"}`), []byte(`{"a": [[["deep"]]]}`),
		[]byte(`{"a": "x"} `), []byte(`{"a": "x"} {}`), []byte(`[]`), []byte(`{"a": }`), []byte(`{"c": [1, 2,]}`),
	}
	for _, f := range []string{"okta.json", "entra.json", "google.json", "post_2026.json"} {
		seeds = append(seeds, readFixture(t, f))
	}
	return seeds
}

func TestMapJSONMatchesFullDecode(t *testing.T) {
	t.Parallel()
	mp := mustCompile(t, equivalenceMapping())
	for _, seed := range equivalenceSeeds(t) {
		requireSparseMatchesFull(t, mp, seed)
	}
	for _, in := range jsonEdgeCases() {
		requireSparseMatchesFull(t, mp, []byte(in))
	}
}

func FuzzMapJSONMatchesFullDecode(f *testing.F) {
	for _, seed := range equivalenceSeeds(f) {
		f.Add(seed)
	}
	mp := mustCompile(f, equivalenceMapping())
	f.Fuzz(func(t *testing.T, data []byte) {
		requireSparseMatchesFull(t, mp, data)
	})
}
