package engine_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
)

const ent = "/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

// TestProviderShapes maps each provider's payload into department, division, office and
// three tags, with pointers into arrays and SCIM extension keys, end to end over HTTP.
func TestProviderShapes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, provider string
		raw            emulator.RawMode
		m              mapping.Mapping
		dept, div      string
		tags           []string
	}{
		{name: "okta", provider: "okta scim v2.0", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: ent + "/department", Division: ent + "/division", Office: "/raw_attributes/addresses/0/locality", Tags: []string{"/raw_attributes/userType", ent + "/costCenter", ent + "/organization"}},
			dept: "Engineering", div: "Platform", tags: []string{"Contractor", "CC-42", "Acme Corp"}},
		{name: "entra", provider: "azure scim v2.0", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: ent + "/department", Division: "/custom_attributes/division_name", Office: "/raw_attributes/addresses/1/formatted", Tags: []string{ent + "/employeeNumber", "/raw_attributes/title", "/custom_attributes/tags"}},
			dept: "Engineering", div: "Platform", tags: []string{"E-7", "Staff Engineer", "alpha", "beta"}},
		{name: "google", provider: "gsuite directory", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: "/raw_attributes/organizations/0/department", Division: "/raw_attributes/organizations/0/name", Office: "/raw_attributes/locations/0/buildingId", Tags: []string{"/raw_attributes/organizations/0/costCenter", "/raw_attributes/customSchemas/Employment/employee_type", "/raw_attributes/externalIds/0/value"}},
			dept: "Engineering", div: "Acme Corp", tags: []string{"CC-42", "Contractor", "E-7"}},
		{name: "workday", provider: "workday", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: "/raw_attributes/department_name", Division: "/raw_attributes/division_name", Office: "/raw_attributes/work_address_locality", Tags: []string{"/raw_attributes/cost_center_name", "/raw_attributes/employee_type", "/raw_attributes/group_name"}},
			dept: "Engineering", div: "Platform", tags: []string{"CC-42", "Contractor", "Builders"}},
		{name: "bamboohr", provider: "bamboohr", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: "/raw_attributes/department", Division: "/raw_attributes/division", Office: "/raw_attributes/location", Tags: []string{"/raw_attributes/employeeNumber", "/raw_attributes/status", "/raw_attributes/country"}},
			dept: "Engineering", div: "Platform", tags: []string{"E-7", "Active", "DE"}},
		{name: "rippling", provider: "rippling scim v2.0", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: "/custom_attributes/department_name", Division: "/custom_attributes/division_name", Office: "/custom_attributes/office_name", Tags: []string{"/custom_attributes/tags", "/raw_attributes/emails/0/primary", "/raw_attributes/name/givenName"}},
			dept: "Engineering", div: "Platform", tags: []string{"alpha", "beta", "true", "Grace"}},
		{name: "generic scim", provider: "generic scim v2.0", raw: emulator.RawLegacy,
			m:    mapping.Mapping{Department: ent + "/department", Division: ent + "/division", Office: "/raw_attributes/addresses/0/locality", Tags: []string{ent + "/employeeNumber", "/raw_attributes/phoneNumbers/0/type", "/raw_attributes/userType"}},
			dept: "Engineering", div: "Platform", tags: []string{"E-7", "work", "Contractor"}},
		{name: "raw_attributes empty", provider: "okta scim v2.0", raw: emulator.RawEmpty,
			m:    mapping.Mapping{Department: "/custom_attributes/department_name", Division: "/custom_attributes/division_name", Office: "/custom_attributes/addresses/0/locality", Tags: []string{"/custom_attributes/tags", "/custom_attributes/employee_type", "/custom_attributes/cost_center_name"}},
			dept: "Engineering", div: "Platform", tags: []string{"alpha", "beta", "Contractor", "CC-42"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			b := setup(t, opts{provider: tc.provider, raw: tc.raw})
			berlin, err := db.CreateOffice(ctx, b.db, b.company, "Berlin", []string{"Berlin HQ", "Building B"})
			require.NoError(t, err)
			m := tc.m
			m.FirstName, m.LastName, m.Email = "/first_name", "/last_name", "/email"
			_, err = b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
			require.NoError(t, err)
			b.put(t, emulator.User{Email: "grace@acme.test", FirstName: "Grace", LastName: "Hopper", JobTitle: "Staff Engineer",
				Groups: []string{"Builders"}, IdpID: "E-7-idp",
				CustomAttributes: map[string]any{
					"department_name": "Engineering", "division_name": "Platform", "office_name": "Berlin HQ",
					"cost_center_name": "CC-42", "organization": "Acme Corp", "employee_type": "Contractor",
					"employee_number": "E-7", "tags": []any{"alpha", "beta"},
					"addresses": []any{map[string]any{"locality": "Berlin", "country": "DE", "street_address": "Main St 1"}},
				}})
			b.sync(t, engine.RunOptions{}, db.RunSucceeded)
			u := b.users(t)["grace@acme.test"]
			require.Equal(t, tc.dept, *u.Department)
			require.Equal(t, tc.div, *u.Division)
			require.NotNil(t, u.OfficeID, "office")
			require.Equal(t, berlin.ID, *u.OfficeID)
			require.Equal(t, tc.tags, u.Tags)
		})
	}
}
