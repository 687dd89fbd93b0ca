package emulator

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// GenerateOptions configures GenerateUsersWith.
type GenerateOptions struct {
	// Count is the number of users to add.
	Count int `json:"count"`
	// Seed makes the population deterministic.
	Seed uint64 `json:"seed"`
	// Groups, when positive, gives the directory this many groups named in
	// the provider's style (department, department and office, department,
	// office and team) and puts each user in MinGroups..MaxGroups of them,
	// always including its department-and-office group. 0 keeps one group per
	// department.
	Groups int `json:"groups"`
	// MinGroups and MaxGroups bound each user's memberships (default 1..8).
	MinGroups int `json:"min_groups"`
	MaxGroups int `json:"max_groups"`
	// Known, when given, makes two in five of the generated users people the
	// application may already have: each takes the email and name of the next
	// Known person whose email the directory does not hold yet, while any remain.
	Known []KnownPerson `json:"known,omitempty"`
}

// KnownPerson is someone a generated directory user may be (GenerateOptions.Known).
type KnownPerson struct {
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// groupStyle renders a group name from its parts in a provider's style:
// Okta and SCIM "Engineering-Berlin", Entra "SG-Engineering-Berlin", Google
// "Engineering Berlin" ("Engineering Team" for a department), Workday
// supervisory organizations, BambooHR departments, Rippling teams, Gusto
// departments.
func groupStyle(typ string, parts []string) string {
	switch typ {
	case "azure scim v2.0":
		return "SG-" + strings.Join(parts, "-")
	case "gsuite directory":
		if len(parts) == 1 {
			return parts[0] + " Team"
		}
		return strings.Join(parts, " ")
	case "workday":
		if len(parts) == 1 {
			return parts[0] + " (Supervisory Organization)"
		}
		return strings.Join(parts, " - ")
	case "bamboohr":
		return strings.Join(parts, ": ")
	case "rippling scim v2.0":
		if len(parts) == 1 {
			return parts[0] + " Department"
		}
		return strings.Join(parts, " ") + " Team"
	case "gusto":
		if len(parts) == 1 {
			return parts[0]
		}
		return parts[0] + " (" + strings.Join(parts[1:], ", ") + ")"
	}
	return strings.Join(parts, "-")
}

// groupPlan lists the names of n generated groups for a provider and maps
// each department and office to its group.
type groupPlan struct {
	names      []string
	deptOffice map[string]int // "dept\x00office" -> index in names
}

func newGroupPlan(typ string, t *genTables, n int) *groupPlan {
	gp := &groupPlan{deptOffice: map[string]int{}}
	add := func(parts ...string) {
		if len(gp.names) < n {
			gp.names = append(gp.names, groupStyle(typ, parts))
		}
	}
	for _, d := range t.depts {
		for _, o := range t.offices {
			gp.deptOffice[d.name+"\x00"+o.name] = len(gp.names) % n
			add(d.name, o.name)
		}
	}
	for _, d := range t.depts {
		add(d.name)
	}
	for _, tm := range t.teams {
		for _, d := range t.depts {
			for _, o := range t.offices {
				add(d.name, o.name, tm)
			}
		}
	}
	for i := 2; len(gp.names) < n; i++ {
		add("Project " + strconv.Itoa(i))
	}
	return gp
}

// memberships picks the groups of one person: its department-and-office
// group plus random others, k in [lo, hi] in all.
func (gp *groupPlan) memberships(r *rand.Rand, p *person, lo, hi int) []int {
	own := gp.deptOffice[p.department+"\x00"+p.office]
	k := min(len(gp.names), lo+r.IntN(hi-lo+1))
	out := []int{own}
	for len(out) < k {
		i := r.IntN(len(gp.names))
		dup := false
		for _, j := range out {
			dup = dup || i == j
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}
