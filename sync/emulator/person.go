package emulator

import (
	"math/rand/v2"
	"strings"
)

// person is the provider-neutral view of a user from which the provider
// payloads (raw_attributes) and WorkOS custom_attributes are built.
type person struct {
	idpID, first, last, email, username, title            string
	department, division, costCenter, employeeNumber      string
	employeeType, startDate, organization, phone          string
	managerEmail, managerName, managerID                  string
	street, locality, region, postalCode, country, office string
	groups                                                []string
	active                                                bool
}

// personFromUser extracts a person from a User and its custom attributes.
func personFromUser(u User, f userFields) person {
	s := func(k string) string {
		v, _ := u.CustomAttributes[k].(string)
		return v
	}
	p := person{
		idpID: f.idpID, first: f.first, last: f.last, email: f.email, username: f.username, title: f.jobTitle,
		department: s("department_name"), division: s("division_name"), costCenter: s("cost_center_name"),
		employeeNumber: s("employee_number"), employeeType: s("employee_type"), startDate: s("employment_start_date"),
		organization: s("organization"), managerEmail: s("manager_email"), managerName: s("manager_name"),
		managerID: s("manager_id"), office: s("office_name"), groups: u.Groups, active: f.state == StateActive,
	}
	if addrs, ok := u.CustomAttributes["addresses"].([]any); ok && len(addrs) > 0 {
		if a, ok := addrs[0].(map[string]any); ok {
			str := func(k string) string { v, _ := a[k].(string); return v }
			p.street, p.locality, p.region = str("street_address"), str("locality"), str("region")
			p.postalCode, p.country = str("postal_code"), str("country")
		}
	}
	if p.username == "" {
		p.username = p.email
	}
	return p
}

// customAttributes renders the WorkOS normalized attributes of p for a
// provider: only the attributes the provider can supply (WORKOS.md §8.1),
// plus the custom-mapped office_name and tags.
func (p *person) customAttributes(pv *provider) []byte {
	o := obj{{"department_name", nullable(p.department)}}
	if pv.has(attrDivision) {
		o = append(o, kv{"division_name", nullable(p.division)})
	}
	if pv.has(attrCostCenter) {
		o = append(o, kv{"cost_center_name", nullable(p.costCenter)})
	}
	o = append(o, kv{"job_title", nullable(p.title)})
	if pv.has(attrEmployee) {
		o = append(o, kv{"employee_type", nullable(p.employeeType)}, kv{"employee_number", nullable(p.employeeNumber)})
	}
	if pv.has(attrStartDate) {
		start := p.startDate
		if len(start) == len("2006-01-02") {
			start += "T00:00:00.000Z"
		}
		o = append(o, kv{"employment_start_date", nullable(start)})
	}
	o = append(o, kv{"manager_email", nullable(p.managerEmail)})
	if pv.has(attrManager) {
		o = append(o, kv{"manager_name", nullable(p.managerName)}, kv{"manager_id", nullable(p.managerID)})
	}
	if pv.has(attrOrganization) {
		o = append(o, kv{"organization", nullable(p.organization)})
	}
	o = append(o,
		kv{"display_name", p.first + " " + p.last},
		kv{"username", p.username},
		kv{"emails", []obj{{{"type", "work"}, {"value", p.email}, {"primary", true}}}},
		kv{"addresses", []obj{{
			{"street_address", nullable(p.street)}, {"locality", nullable(p.locality)}, {"region", nullable(p.region)},
			{"postal_code", nullable(p.postalCode)}, {"country", nullable(p.country)}, {"primary", true},
		}}},
		kv{"phone_numbers", []obj{{{"value", p.phone}, {"type", "work"}, {"primary", true}}}},
		kv{"office_name", nullable(p.office)},
		kv{"tags", tagsFor(p)},
	)
	return appendJSON(make([]byte, 0, 1024), o)
}

// tagsFor gives a realistic multi-valued custom attribute.
func tagsFor(p *person) []string {
	tags := []string{strings.ToLower(strings.ReplaceAll(p.department, " ", "-"))}
	if p.employeeType != "" && p.employeeType != "Full Time" {
		tags = append(tags, strings.ToLower(strings.ReplaceAll(p.employeeType, " ", "-")))
	}
	return tags
}

// randomKey returns n random alphanumerics.
func randomKey(r *rand.Rand, n int) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[r.IntN(len(alnum))]
	}
	return string(b)
}

// randomDigits returns n random digits, the first non-zero.
func randomDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	b[0] = byte('1' + r.IntN(9))
	return string(b)
}

// randomUUID returns a version-4 style UUID from r.
func randomUUID(r *rand.Rand) string {
	const hex = "0123456789abcdef"
	b := []byte("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx")
	for i, c := range b {
		switch c {
		case 'x':
			b[i] = hex[r.IntN(16)]
		case 'y':
			b[i] = hex[8+r.IntN(4)]
		}
	}
	return string(b)
}
