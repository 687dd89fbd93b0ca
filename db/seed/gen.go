package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// person is one generated user, before it gets an id.
type person struct {
	email, first, last, title, dept, div, officeID string
	tags                                           []string
	inactive                                       bool
}

// catalog holds the values people are drawn from.
type catalog struct {
	departments []string
	divisions   [][]string // per department
	tags        []string   // most common first
	officeIDs   []string   // most staffed first
}

// newCatalog builds n departments, nDiv divisions spread over them and nTags tags.
func newCatalog(nDept, nDiv, nTags int, officeIDs []string) *catalog {
	c := &catalog{officeIDs: officeIDs}
	for i := range max(nDept, 1) {
		name := departments[i%len(departments)]
		if i >= len(departments) {
			name = fmt.Sprintf("%s %d", name, i/len(departments)+1)
		}
		c.departments = append(c.departments, name)
	}
	c.divisions = make([][]string, len(c.departments))
	for i := range nDiv {
		d := i % len(c.departments)
		round := i / len(c.departments)
		name := c.departments[d] + " - " + divisionParts[round%len(divisionParts)]
		if round >= len(divisionParts) {
			name = fmt.Sprintf("%s %d", name, round/len(divisionParts)+1)
		}
		c.divisions[d] = append(c.divisions[d], name)
	}
	all := append(append(append([]string{}, extraTags...), skillTags...), teamTags...)
	for i := 0; len(all) < nTags; i++ {
		all = append(all, fmt.Sprintf("CC-%d", 1000+i))
	}
	c.tags = all[:nTags]
	return c
}

// skewed picks an index below n, favouring small ones: real departments, offices and
// tags are far from evenly sized.
func skewed(r *rand.Rand, n int, power float64) int {
	u := r.Float64()
	x := u
	for p := power; p > 1; p-- {
		x *= u
	}
	return min(int(x*float64(n)), n-1)
}

// generator makes people from a catalog with a seeded random source, so the same
// seed gives the same people.
type generator struct {
	r           *rand.Rand
	c           *catalog
	domain      string
	tagsPerUser int
	inactivePct float64
	emails      map[string]int
}

func newGenerator(seed int64, c *catalog, domain string, tagsPerUser int, inactivePct float64) *generator {
	return &generator{
		r: rand.New(rand.NewPCG(uint64(seed), 0x5eed)), c: c, domain: domain,
		tagsPerUser: tagsPerUser, inactivePct: inactivePct, emails: map[string]int{},
	}
}

func (g *generator) next() person {
	r := g.r
	p := person{first: firstNames[r.IntN(len(firstNames))], last: lastNames[r.IntN(len(lastNames))]}
	p.email = g.email(p.first, p.last)
	d := skewed(r, len(g.c.departments), 2)
	p.dept = g.c.departments[d]
	if divs := g.c.divisions[d]; len(divs) > 0 {
		p.div = divs[r.IntN(len(divs))]
	}
	p.title = g.title(p.dept)
	if len(g.c.officeIDs) > 0 && r.Float64() > 0.03 { // a few people have no office
		p.officeID = g.c.officeIDs[skewed(r, len(g.c.officeIDs), 2)]
	}
	if n := r.IntN(g.tagsPerUser + 1); n > 0 && len(g.c.tags) > 0 {
		seen := map[int]bool{}
		for range n {
			i := skewed(r, len(g.c.tags), 3)
			if !seen[i] {
				seen[i] = true
				p.tags = append(p.tags, g.c.tags[i])
			}
		}
	}
	p.inactive = r.Float64() < g.inactivePct
	return p
}

func (g *generator) title(dept string) string {
	roles, ok := jobRoles[dept]
	if !ok {
		roles = genericRoles
	}
	role := roles[g.r.IntN(len(roles))]
	if !ok {
		role = dept + " " + role
	}
	return jobLevels[g.r.IntN(len(jobLevels))] + role
}

// email makes first.last@domain in ASCII, numbered when the address is taken.
func (g *generator) email(first, last string) string {
	local := asciiLocal(first) + "." + asciiLocal(last)
	g.emails[local]++
	if n := g.emails[local]; n > 1 {
		local = fmt.Sprintf("%s%d", local, n)
	}
	return local + "@" + g.domain
}

var asciiFold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ą", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ę", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ñ", "n", "ń", "n", "ç", "c", "ć", "c", "ł", "l", "ś", "s", "ş", "s",
	"ź", "z", "ż", "z", "ž", "z", "ý", "y", "ğ", "g", "æ", "ae", "ß", "ss",
)

// asciiLocal lower-cases a name, folds accents and keeps letters, digits and dashes.
func asciiLocal(name string) string {
	s := asciiFold.Replace(strings.ToLower(name))
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
