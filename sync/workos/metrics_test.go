package workos

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRouteOfTemplatesIDs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, prefix, want string }{
		{"GET", "/directory_users", "", "GET /directory_users"},
		{"GET", "/directory_users/directory_user_01ABC", "", "GET /directory_users/{id}"},
		{"GET", "/workos/directories/directory_01XYZ", "/workos", "GET /directories/{id}"},
		{"DELETE", "/directories/directory_01XYZ", "", "DELETE /directories/{id}"},
		{"GET", "/events", "", "GET /events"},
		{"POST", "/organizations", "", "POST /organizations"},
		{"GET", "/organizations/org_01/", "", "GET /organizations/{id}"},
		{"POST", "/portal/generate_link", "", "POST /portal/generate_link"},
		{"GET", "/portal/secret_path", "", "GET /portal/{id}"},
		{"GET", "/user_management/users/u_1", "", "GET other"},
		{"GET", "/", "", "GET other"},
	} {
		require.Equal(t, tc.want, routeOf(tc.method, tc.path, tc.prefix), tc.path)
	}
}
