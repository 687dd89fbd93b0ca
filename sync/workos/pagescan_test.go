package workos

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDecodeUsersPage(t *testing.T) {
	t.Parallel()
	const user = `{"object":"directory_user","id":"directory_user_1","idp_id":"00u1","directory_id":"directory_1",` +
		`"email":"Ann@Example.com","first_name":"Ann","last_name":null,"state":"active",` +
		`"custom_attributes":{"note":"has \"quotes\", [brackets] and {braces}","n":[1,2.5e3,{"x":null}]},` +
		`"updated_at":"2026-01-15T12:00:00.000Z"}`
	tests := []struct {
		name    string
		body    string
		want    []DirectoryUser
		after   string
		wantErr bool
	}{
		{
			name: "one user, raw kept byte for byte",
			body: `{"data":[` + user + `],"list_metadata":{"before":null,"after":"directory_user_1"}}`,
			want: []DirectoryUser{{ID: "directory_user_1", IdpID: "00u1", DirectoryID: "directory_1", Email: "Ann@Example.com",
				FirstName: "Ann", State: "active", UpdatedAt: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), Raw: json.RawMessage(user)}},
			after: "directory_user_1",
		},
		{
			name: "whitespace, escapes, case-insensitive keys, last duplicate wins",
			body: " {\n \"list_metadata\" : { \"after\" : null } ,\n \"DATA\" : [ {\"id\":\"x\",\"ID\":\"directory_user_\\u0032\", " +
				"\"first_\\u006eame\":\"Zo\\u00eb\", \"last_name\":\"O\\\"Neil\"} ] } ",
			want: []DirectoryUser{{ID: "directory_user_2", FirstName: "Zoë", LastName: `O"Neil`,
				Raw: json.RawMessage("{\"id\":\"x\",\"ID\":\"directory_user_\\u0032\", \"first_\\u006eame\":\"Zo\\u00eb\", \"last_name\":\"O\\\"Neil\"}")}},
		},
		{name: "empty page", body: `{"data":[],"list_metadata":{"after":null}}`, want: []DirectoryUser{}},
		{name: "truncated", body: `{"data":[` + user[:40], wantErr: true},
		{name: "trailing garbage", body: `{"data":[]} x`, wantErr: true},
		{name: "no data", body: `{"list_metadata":{}}`, wantErr: true},
		{name: "null data", body: `{"data":null}`, wantErr: true},
		{name: "data not an array", body: `{"data":{}}`, wantErr: true},
		{name: "not an object", body: `[]`, wantErr: true},
		{name: "user not an object", body: `{"data":["x"]}`, wantErr: true},
		{name: "null user", body: `{"data":[null]}`, wantErr: true},
		{name: "user without id", body: `{"data":[{"email":"a@b.c"}]}`, wantErr: true},
		{name: "typed field of the wrong kind", body: `{"data":[{"id":"u","email":7}]}`, wantErr: true},
		{name: "bad updated_at", body: `{"data":[{"id":"u","updated_at":"yesterday"}]}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := decodeUsersPage([]byte(tt.body))
			if tt.wantErr {
				require.ErrorIs(t, err, errDecode)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, p.users)
			require.Equal(t, tt.after, p.after)
		})
	}
}

func BenchmarkDecodeUsersPage(b *testing.B) {
	const user = `{"object":"directory_user","id":"directory_user_01","idp_id":"00u1","directory_id":"directory_1",` +
		`"email":"ann@example.com","first_name":"Ann","last_name":"Lee","state":"active","custom_attributes":` +
		`{"department":"Engineering","tags":["a","b"]},"raw_attributes":{"name":{"givenName":"Ann"}},` +
		`"updated_at":"2026-01-15T12:00:00.000Z"}`
	body := []byte(`{"data":[`)
	for i := range usersPageSize {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, user...)
	}
	body = append(body, `],"list_metadata":{"after":"directory_user_01"}}`...)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeUsersPage(body); err != nil {
			b.Fatal(err)
		}
	}
}
