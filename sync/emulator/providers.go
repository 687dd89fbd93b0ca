package emulator

import (
	"math/rand/v2"
	"strings"
)

// Attribute availability flags per provider (WORKOS.md §8.1).
const (
	attrDivision = 1 << iota
	attrCostCenter
	attrEmployee
	attrStartDate
	attrManager
	attrOrganization
)

// provider describes one directory type: its WorkOS type string, names,
// id formats and payload shapes.
type provider struct {
	typ, display string
	aliases      []string
	attrs        int
	userIdpID    func(r *rand.Rand) string
	groupIdpID   func(r *rand.Rand) string
	userRaw      func(p *person) []byte
	groupRaw     func(idpID, name, domain string) []byte
}

func (pv *provider) has(a int) bool { return pv.attrs&a != 0 }

const (
	scimUserSchema  = "urn:ietf:params:scim:schemas:core:2.0:User"
	scimGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
	scimEnterprise  = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
)

const scimAttrs = attrDivision | attrCostCenter | attrEmployee | attrManager | attrOrganization

// newProviders lists the emulated directory types. The first is the default.
func newProviders() []*provider {
	return []*provider{
		{typ: "generic scim v2.0", display: "Generic SCIM", aliases: []string{"generic", "scim"}, attrs: scimAttrs,
			userIdpID: randomUUID, groupIdpID: randomUUID, userRaw: genericSCIMRaw, groupRaw: scimGroupRaw},
		{typ: "okta scim v2.0", display: "Okta", aliases: []string{"okta"}, attrs: scimAttrs,
			userIdpID:  func(r *rand.Rand) string { return "00u" + randomKey(r, 17) },
			groupIdpID: func(r *rand.Rand) string { return "00g" + randomKey(r, 17) }, userRaw: oktaRaw, groupRaw: scimGroupRaw},
		{typ: "azure scim v2.0", display: "Microsoft Entra ID", aliases: []string{"entra", "azure", "entra id", "azure ad"},
			attrs: attrEmployee | attrManager, userIdpID: randomUUID, groupIdpID: randomUUID, userRaw: entraRaw, groupRaw: scimGroupRaw},
		{typ: "gsuite directory", display: "Google Workspace", aliases: []string{"google", "gsuite", "google workspace"},
			attrs: attrCostCenter, userIdpID: func(r *rand.Rand) string { return "1" + randomDigits(r, 20) },
			groupIdpID: func(r *rand.Rand) string { return "0" + strings.ToLower(randomKey(r, 14)) }, userRaw: googleRaw, groupRaw: googleGroupRaw},
		{typ: "workday", display: "Workday", aliases: []string{"workday"},
			attrs:     attrDivision | attrCostCenter | attrEmployee | attrStartDate | attrManager | attrOrganization,
			userIdpID: func(r *rand.Rand) string { return "2" + randomDigits(r, 5) }, groupIdpID: randomUUID,
			userRaw: workdayRaw, groupRaw: namedGroupRaw("group_name")},
		{typ: "bamboohr", display: "BambooHR", aliases: []string{"bamboo"},
			attrs:     attrDivision | attrEmployee | attrStartDate | attrManager,
			userIdpID: func(r *rand.Rand) string { return randomDigits(r, 4) }, groupIdpID: randomUUID,
			userRaw: bambooRaw, groupRaw: namedGroupRaw("name")},
		{typ: "rippling scim v2.0", display: "Rippling", aliases: []string{"rippling"}, attrs: 0,
			userIdpID:  func(r *rand.Rand) string { return strings.ToLower(randomKey(r, 24)) },
			groupIdpID: func(r *rand.Rand) string { return strings.ToLower(randomKey(r, 24)) }, userRaw: ripplingRaw, groupRaw: scimGroupRaw},
		{typ: "gusto", display: "Gusto", aliases: []string{"gusto"}, attrs: attrStartDate | attrManager,
			userIdpID: randomUUID, groupIdpID: randomUUID, userRaw: gustoRaw, groupRaw: namedGroupRaw("name")},
	}
}

// lookupProvider finds a provider by WorkOS type or alias, case-insensitively.
// The empty string means generic SCIM.
func lookupProvider(providers []*provider, s string) (*provider, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return providers[0], true
	}
	for _, p := range providers {
		if p.typ == s {
			return p, true
		}
		for _, a := range p.aliases {
			if a == s {
				return p, true
			}
		}
	}
	return nil, false
}

// providerFor returns the provider of a stored directory type.
func (e *Emulator) providerFor(typ string) *provider {
	p, ok := lookupProvider(e.providers, typ)
	if !ok {
		return e.providers[0]
	}
	return p
}

// ProviderTypes lists the WorkOS directory types the emulator knows, with
// their display names, in the order the Admin Portal offers them.
func ProviderTypes() [][2]string {
	providers := newProviders()
	out := make([][2]string, len(providers))
	for i, p := range providers {
		out[i] = [2]string{p.typ, p.display}
	}
	return out
}

func scimAddress(p *person, typ string) obj {
	return obj{{"type", typ}, {"streetAddress", p.street}, {"locality", p.locality}, {"region", p.region},
		{"postalCode", p.postalCode}, {"country", p.country}, {"primary", true}}
}

func scimEnterpriseExt(p *person) obj {
	return obj{{"employeeNumber", p.employeeNumber}, {"costCenter", p.costCenter}, {"organization", p.organization},
		{"division", p.division}, {"department", p.department},
		{"manager", obj{{"value", nullable(p.managerID)}, {"displayName", nullable(p.managerName)}}}}
}

func oktaRaw(p *person) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{
		{"name", obj{{"givenName", p.first}, {"familyName", p.last}}},
		{"title", p.title},
		{"active", p.active},
		{"emails", []obj{{{"type", "work"}, {"value", p.email}, {"primary", true}}}},
		{"groups", []any{}},
		{"locale", "en-US"},
		{"schemas", []string{scimUserSchema, scimEnterprise}},
		{"userName", p.email},
		{"addresses", []obj{scimAddress(p, "work")}},
		{"externalId", p.idpID},
		{"displayName", p.first + " " + p.last},
		{"userType", p.employeeType},
		{scimEnterprise, scimEnterpriseExt(p)},
	})
}

func genericSCIMRaw(p *person) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{
		{"schemas", []string{scimUserSchema, scimEnterprise}},
		{"externalId", p.idpID},
		{"userName", p.username},
		{"name", obj{{"formatted", p.first + " " + p.last}, {"familyName", p.last}, {"givenName", p.first}}},
		{"displayName", p.first + " " + p.last},
		{"title", p.title},
		{"userType", p.employeeType},
		{"emails", []obj{{{"value", p.email}, {"type", "work"}, {"primary", true}}}},
		{"addresses", []obj{scimAddress(p, "work")}},
		{"phoneNumbers", []obj{{{"value", p.phone}, {"type", "work"}}}},
		{"active", p.active},
		{scimEnterprise, scimEnterpriseExt(p)},
	})
}

func entraRaw(p *person) []byte {
	nick, _, _ := strings.Cut(p.email, "@")
	return appendJSON(make([]byte, 0, 1024), obj{
		{"schemas", []string{scimUserSchema, scimEnterprise}},
		{"externalId", nick},
		{"userName", p.email},
		{"active", p.active},
		{"displayName", p.first + " " + p.last},
		{"title", p.title},
		{"emails", []obj{{{"primary", true}, {"type", "work"}, {"value", p.email}}}},
		{"meta", obj{{"resourceType", "User"}}},
		{"name", obj{{"formatted", p.first + " " + p.last}, {"familyName", p.last}, {"givenName", p.first}}},
		{"addresses", []obj{
			{{"type", "work"}, {"streetAddress", p.street}, {"postalCode", p.postalCode}, {"primary", true}},
			{{"type", "other"}, {"formatted", p.office}},
		}},
		{"phoneNumbers", []obj{{{"type", "mobile"}, {"value", p.phone}}}},
		{"roles", []any{}},
		{scimEnterprise, obj{{"department", p.department}, {"employeeNumber", p.employeeNumber},
			{"manager", obj{{"value", p.managerID}}}}},
	})
}

func ripplingRaw(p *person) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{
		{"schemas", []string{scimUserSchema}},
		{"userName", p.email},
		{"name", obj{{"givenName", p.first}, {"familyName", p.last}}},
		{"emails", []obj{{{"value", p.email}, {"primary", true}}}},
		{"externalId", p.idpID},
		{"active", p.active},
	})
}

func googleRaw(p *person) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{
		{"id", p.idpID},
		{"kind", "admin#directory#user"},
		{"name", obj{{"fullName", p.first + " " + p.last}, {"givenName", p.first}, {"familyName", p.last}}},
		{"emails", []obj{{{"address", p.email}, {"primary", true}}}},
		{"customerId", "C02mw6qrc"},
		{"orgUnitPath", "/" + p.department},
		{"primaryEmail", p.email},
		{"suspended", !p.active},
		{"archived", false},
		{"isAdmin", false},
		{"organizations", []obj{{{"name", p.organization}, {"title", p.title}, {"primary", true}, {"type", "work"},
			{"department", p.department}, {"costCenter", p.costCenter}, {"location", p.office}}}},
		{"relations", []obj{{{"value", p.managerEmail}, {"type", "manager"}}}},
		{"externalIds", []obj{{{"value", p.employeeNumber}, {"type", "organization"}}}},
		{"locations", []obj{{{"type", "desk"}, {"area", "desk"}, {"buildingId", p.office}}}},
		{"customSchemas", obj{{"Employment", obj{{"employee_type", p.employeeType}}}}},
	})
}

func bambooRaw(p *person) []byte {
	status := "Active"
	if !p.active {
		status = "Inactive"
	}
	return appendJSON(make([]byte, 0, 1024), obj{
		{"id", p.idpID}, {"firstName", p.first}, {"lastName", p.last}, {"displayName", p.first + " " + p.last},
		{"workEmail", p.email}, {"jobTitle", p.title}, {"department", p.department}, {"division", p.division},
		{"location", p.office}, {"employeeNumber", p.employeeNumber}, {"supervisor", p.managerName},
		{"supervisorEId", p.managerID}, {"supervisorEmail", p.managerEmail}, {"status", status},
		{"hireDate", p.startDate}, {"mobilePhone", p.phone}, {"city", p.locality}, {"state", p.region},
		{"country", p.country},
	})
}

func workdayRaw(p *person) []byte {
	group := ""
	if len(p.groups) > 0 {
		group = p.groups[0]
	}
	return appendJSON(make([]byte, 0, 1024), obj{
		{"employee_id", p.idpID}, {"first_name", p.first}, {"last_name", p.last}, {"primary_work_email", p.email},
		{"user_name", p.username}, {"job_title", p.title}, {"group_name", group}, {"employee_type", p.employeeType},
		{"employment_start_date", p.startDate}, {"display_name", p.first + " " + p.last},
		{"department_name", p.department}, {"manager_name", p.managerName}, {"manager_email", p.managerEmail},
		{"manager_id", p.managerID}, {"division_name", p.division}, {"cost_center_name", p.costCenter},
		{"work_address_street", p.street}, {"work_address_locality", p.locality}, {"work_address_region", p.region},
		{"work_address_postal_code", p.postalCode}, {"work_address_country", p.country},
	})
}

func gustoRaw(p *person) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{
		{"uuid", p.idpID}, {"first_name", p.first}, {"middle_initial", nil}, {"last_name", p.last},
		{"email", p.email}, {"work_email", p.email}, {"manager_uuid", nullable(p.managerID)},
		{"department", nullable(p.department)}, {"terminated", !p.active}, {"onboarded", true},
		{"jobs", []obj{{{"primary", true}, {"title", p.title}, {"hire_date", p.startDate},
			{"location", obj{{"street_1", p.street}, {"city", p.locality}, {"state", p.region}, {"zip", p.postalCode}}}}}},
	})
}

func scimGroupRaw(idpID, name, _ string) []byte {
	return appendJSON(make([]byte, 0, 1024), obj{{"schemas", []string{scimGroupSchema}}, {"externalId", idpID}, {"displayName", name}})
}

func googleGroupRaw(idpID, name, domain string) []byte {
	email := strings.ToLower(strings.ReplaceAll(name, " ", "-")) + "@" + domain
	return appendJSON(make([]byte, 0, 1024), obj{{"id", idpID}, {"kind", "admin#directory#group"}, {"name", name}, {"email", email},
		{"description", ""}, {"adminCreated", true}})
}

func namedGroupRaw(key string) func(string, string, string) []byte {
	return func(_, name, _ string) []byte { return appendJSON(make([]byte, 0, 1024), obj{{key, name}}) }
}
