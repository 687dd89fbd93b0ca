package emulator_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/portal"

	"github.com/officetogether/dirsync/sync/emulator"
)

func knownPeople(n int) []emulator.KnownPerson {
	out := make([]emulator.KnownPerson, n)
	for i := range out {
		out[i] = emulator.KnownPerson{Email: fmt.Sprintf("Known.Person%d@Acme.example", i), FirstName: "Known", LastName: fmt.Sprintf("Person%d", i)}
	}
	return out
}

// emailsOf returns the directory's users' emails in creation order.
func emailsOf(t *testing.T, em *emulator.Emulator, dirID string) []string {
	t.Helper()
	users, err := em.Users(dirID)
	require.NoError(t, err)
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Email
	}
	return out
}

// TestGenerateKnownPeople: two in five generated users are known people (email lower-cased,
// their name), skipping emails the directory already holds, while any remain.
func TestGenerateKnownPeople(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		count     int
		known     []emulator.KnownPerson
		existing  string // an email the directory holds before generating
		wantKnown int
	}{
		{"none known", 25, nil, "", 0},
		{"two in five", 25, knownPeople(20), "", 10},
		{"fewer known than slots", 25, knownPeople(4), "", 4},
		{"an existing email is skipped", 10, knownPeople(4), "known.person0@acme.example", 3},
		{"a blank email is skipped", 10, []emulator.KnownPerson{{Email: " "}, {Email: "a@b.example", FirstName: "A"}}, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, noRateLimit)
			org, err := b.em.CreateOrganization(emulator.Organization{Name: "Known Co"})
			require.NoError(t, err)
			d, err := b.em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"})
			require.NoError(t, err)
			if tt.existing != "" {
				_, err := b.em.PutUser(d.ID, emulator.User{Email: tt.existing, FirstName: "Already", LastName: "There"})
				require.NoError(t, err)
			}
			require.NoError(t, b.em.GenerateUsersWith(d.ID, emulator.GenerateOptions{Count: tt.count, Seed: 3, Known: tt.known}))

			emails := emailsOf(t, b.em, d.ID)
			seen := map[string]bool{}
			for _, e := range emails {
				require.False(t, seen[e], "emails stay unique: %s", e)
				seen[e] = true
			}
			want := map[string]string{}
			for _, k := range tt.known {
				want[strings.ToLower(strings.TrimSpace(k.Email))] = k.LastName
			}
			users, err := b.em.Users(d.ID)
			require.NoError(t, err)
			known := 0
			for _, u := range users {
				if last, ok := want[u.Email]; ok && u.FirstName != "Already" {
					known++
					if last != "" {
						require.Equal(t, last, u.LastName, "a known person keeps their name")
					}
				}
			}
			require.Equal(t, tt.wantKnown, known, "known people among %v", emails)
		})
	}
}

// TestPortalSetupHoldsPortalPeople: a directory set up in the Admin Portal after
// SetPortalPeople holds them as two in five of its users.
func TestPortalSetupHoldsPortalPeople(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	b.em.SetPortalPeople(knownPeople(30))
	org, err := b.em.CreateOrganization(emulator.Organization{Name: "Acme Corp"})
	require.NoError(t, err)
	link, err := b.portal.GenerateLink(context.Background(), portal.GenerateLinkOpts{Intent: portal.DSync, Organization: org.ID})
	require.NoError(t, err)
	u, err := url.Parse(link)
	require.NoError(t, err)
	res, err := http.PostForm(b.srv.URL+"/portal/setup", url.Values{"token": {u.Query().Get("token")}, "provider": {"okta scim v2.0"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	var dirID string
	for _, d := range b.em.Directories() {
		if d.OrganizationID == org.ID {
			dirID = d.ID
		}
	}
	require.NotEmpty(t, dirID)
	emails := emailsOf(t, b.em, dirID)
	require.Len(t, emails, 25)
	known := 0
	for _, e := range emails {
		if strings.HasPrefix(e, "known.person") {
			known++
		}
	}
	require.Equal(t, 10, known, "two in five of %v", emails)
}
