package workos_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/workos"
)

func TestStripGroups(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		ids            []string
		found          bool
	}{
		{"no groups member", `{"id":"u1","email":"a@b.c"}`, `{"id":"u1","email":"a@b.c"}`, nil, false},
		{"groups in the middle", `{"id":"u1","groups":[{"id":"g1","name":"A"},{"id":"g2","name":"B"}],"email":"a@b.c"}`,
			`{"id":"u1","email":"a@b.c"}`, []string{"g1", "g2"}, true},
		{"groups first", `{"groups":[],"id":"u1"}`, `{"id":"u1"}`, []string{}, true},
		{"groups last", `{"id":"u1","groups":null}`, `{"id":"u1"}`, []string{}, true},
		{"groups the only member", `{"groups":[{"id":"g1"}]}`, `{}`, []string{"g1"}, true},
		{"escaped key", `{"id":"u1","gro\u0075ps":[{"id":"g1"}]}`, `{"id":"u1"}`, []string{"g1"}, true},
		{"nested groups are kept", `{"id":"u1","custom_attributes":{"groups":["x"]}}`, `{"id":"u1","custom_attributes":{"groups":["x"]}}`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, ids, found, err := workos.StripGroups(json.RawMessage(tt.in))
			require.NoError(t, err)
			require.Equal(t, tt.want, string(out))
			require.Equal(t, tt.ids, ids)
			require.Equal(t, tt.found, found)
			require.True(t, json.Valid(out))
		})
	}
	out, ids, found, err := workos.StripGroups(json.RawMessage(`{"id":"u1","groups":"nope"}`))
	require.NoError(t, err, "an odd groups value is dropped, not a failed sync")
	require.Equal(t, `{"id":"u1"}`, string(out))
	require.Empty(t, ids)
	require.True(t, found)
}
