package emulator

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// GenerateUsers adds n realistic users to a directory, deterministically
// for a given seed: names, emails unique within the directory, titles,
// departments with divisions and cost centers, offices, managers (one head
// per department reporting to the first user), employee types and numbers,
// each in the directory's provider shape. Every user joins the group of its
// department (created as needed). Events are emitted as for PutUser.
func (e *Emulator) GenerateUsers(dirID string, n int, seed uint64) error {
	return e.GenerateUsersWith(dirID, GenerateOptions{Count: n, Seed: seed})
}

// GenerateUsersWith is GenerateUsers with options; with o.Groups > 0 the
// users join provider-styled groups, o.MinGroups..o.MaxGroups each (for a
// "100,000 users in 500 groups" directory).
func (e *Emulator) GenerateUsersWith(dirID string, o GenerateOptions) error {
	if o.Count < 0 || o.Groups < 0 {
		return invalid("count", "invalid", "count and groups must not be negative")
	}
	if o.MinGroups == 0 {
		o.MinGroups = 1
	}
	if o.MaxGroups == 0 {
		o.MaxGroups = max(8, o.MinGroups)
	}
	if o.MinGroups < 1 || o.MaxGroups < o.MinGroups {
		return invalid("min_groups", "invalid", "want 1 <= min_groups <= max_groups")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return notFound("directory", dirID)
	}
	e.generateLocked(d, o)
	return nil
}

// generateLocked implements GenerateUsersWith.
func (e *Emulator) generateLocked(d *dirRec, o GenerateOptions) {
	n, seed := o.Count, o.Seed
	g := &generator{
		r: rand.New(rand.NewPCG(seed, 0xd1f5)), t: newGenTables(), pv: e.providerFor(d.typ),
		used: make(map[string]bool, len(d.users)+n), heads: map[string]*person{}, domain: d.domain,
		known: o.Known,
	}
	if g.domain == "" {
		g.domain = "example.com"
	}
	if org, ok := e.orgs[d.orgID]; ok {
		g.org = org.Name
	}
	for _, u := range d.users {
		g.used[strings.ToLower(u.email)] = true
	}
	g.serial = len(d.users)
	var plan *groupPlan
	var planned []*groupRec
	if o.Groups > 0 {
		plan = newGroupPlan(d.typ, g.t, o.Groups)
		planned = make([]*groupRec, len(plan.names))
		for i, name := range plan.names {
			if planned[i] = d.byName[groupKey(name)]; planned[i] == nil {
				planned[i] = e.createGroupLocked(d, name, "")
			}
		}
	}
	for range n {
		p := g.next()
		f := userFields{
			idpID: p.idpID, email: p.email, first: p.first, last: p.last, username: p.username,
			jobTitle: p.title, state: StateActive, role: "member",
			custom: p.customAttributes(g.pv), raw: g.pv.userRaw(p),
		}
		if g.serial == 1 {
			f.role = "admin"
		}
		f.roles = []Slug{f.role}
		rec := e.createUserLocked(d, &f)
		if plan != nil {
			for _, i := range plan.memberships(g.r, p, o.MinGroups, o.MaxGroups) {
				e.addMemberLocked(planned[i], rec)
			}
			continue
		}
		grp := d.byName[groupKey(p.department)]
		if grp == nil {
			grp = e.createGroupLocked(d, p.department, "")
		}
		e.addMemberLocked(grp, rec)
	}
}

// generator produces people.
type generator struct {
	r           *rand.Rand
	t           *genTables
	pv          *provider
	used        map[string]bool
	heads       map[string]*person
	ceo         *person
	domain, org string
	serial      int
	// known are people generated users may be (GenerateOptions.Known); next takes them in order.
	known []KnownPerson
}

// next makes the next person.
func (g *generator) next() *person {
	g.serial++
	t := g.t
	p := &person{first: t.first[g.r.IntN(len(t.first))], last: t.last[g.r.IntN(len(t.last))], active: true}
	if k, ok := g.nextKnown(); ok {
		p.email = k.Email
		if k.FirstName != "" || k.LastName != "" {
			p.first, p.last = k.FirstName, k.LastName
		}
	} else {
		p.email = g.uniqueEmail(p.first, p.last)
	}
	p.username = p.email
	dept := g.pickDept()
	p.department, p.division, p.costCenter = dept.name, dept.division, dept.costCenter
	p.title = dept.titles[g.r.IntN(len(dept.titles))]
	off := t.offices[g.r.IntN(len(t.offices))]
	p.office, p.street, p.locality, p.region, p.postalCode, p.country = off.name, off.street, off.locality, off.region, off.postalCode, off.country
	p.phone = off.phone[:len(off.phone)-4] + fmt.Sprintf("%04d", g.r.IntN(10000))
	p.employeeNumber = "E-" + strconv.Itoa(10000+g.serial)
	switch x := g.r.IntN(100); {
	case x < 84:
		p.employeeType = "Full Time"
	case x < 91:
		p.employeeType = "Part Time"
	case x < 97:
		p.employeeType = "Contractor"
	default:
		p.employeeType = "Intern"
	}
	start := time.Date(2014, 1, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(4300))
	p.startDate = start.Format("2006-01-02")
	p.organization = g.org
	p.idpID = g.pv.userIdpID(g.r)
	p.groups = []string{p.department}
	var boss *person
	switch {
	case g.ceo == nil:
		g.ceo = p
		p.title = "Chief Executive Officer"
	case g.heads[p.department] == nil:
		g.heads[p.department] = p
		p.title = "Head of " + p.department
		boss = g.ceo
	default:
		boss = g.heads[p.department]
	}
	if boss != nil {
		p.managerEmail, p.managerName, p.managerID = boss.email, boss.first+" "+boss.last, boss.idpID
	}
	return p
}

func (g *generator) pickDept() department {
	x := g.r.IntN(g.t.totalWeight)
	for _, d := range g.t.depts {
		if x < d.weight {
			return d
		}
		x -= d.weight
	}
	return g.t.depts[0]
}

// nextKnown returns, for two in five users, the next known person whose email is not taken.
func (g *generator) nextKnown() (KnownPerson, bool) {
	if s := g.serial % 5; s != 1 && s != 3 {
		return KnownPerson{}, false
	}
	for len(g.known) > 0 {
		k := g.known[0]
		g.known = g.known[1:]
		email := strings.ToLower(strings.TrimSpace(k.Email))
		if email == "" || g.used[email] {
			continue
		}
		g.used[email] = true
		k.Email = email
		return k, true
	}
	return KnownPerson{}, false
}

// uniqueEmail returns first.last@domain, numbered when taken.
func (g *generator) uniqueEmail(first, last string) string {
	base := strings.ToLower(first + "." + last)
	email := base + "@" + g.domain
	for i := 2; g.used[email]; i++ {
		email = base + strconv.Itoa(i) + "@" + g.domain
	}
	g.used[email] = true
	return email
}
