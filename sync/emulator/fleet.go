package emulator

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// FleetOptions configures GenerateFleet: many organizations, each with one
// directory of generated users, for fleet-scale benchmarks.
type FleetOptions struct {
	// Organizations is the number of organizations to create.
	Organizations int `json:"organizations"`
	// Large is how many of them get LargeUsers users (default 1 in 100;
	// NoLarge for none).
	Large int `json:"large"`
	// LargeUsers is the size of a large directory (default 10,000).
	LargeUsers int `json:"large_users"`
	// MinUsers and MaxUsers bound the other directories' sizes, drawn
	// log-uniformly so that small companies are the most common (default
	// 20..500).
	MinUsers int `json:"min_users"`
	MaxUsers int `json:"max_users"`
	// Groups, when true, gives each directory provider-styled groups: one
	// per 25 users, at least 3 and at most 500, each user in 1..8.
	Groups bool `json:"groups"`
	// Seed makes the fleet deterministic.
	Seed uint64 `json:"seed"`
}

// NoLarge as FleetOptions.Large makes a fleet without large directories.
const NoLarge = -1

// FleetSummary is what GenerateFleet created.
type FleetSummary struct {
	Organizations int `json:"organizations"`
	Users         int `json:"users"`
	// Directories are the created directories, in creation order.
	Directories []Directory `json:"directories"`
}

// fleetTypes is the provider mix of a generated fleet, in tenths.
func fleetTypes() []string {
	return []string{"okta", "okta", "okta", "entra", "entra", "entra", "google", "google", "generic", "workday"}
}

// GenerateFleet creates o.Organizations organizations, each with one
// directory (a mix of providers, mostly Okta, Entra and Google) of a size
// drawn as FleetOptions says, emitting events as the other Go methods do.
func (e *Emulator) GenerateFleet(o FleetOptions) (FleetSummary, error) {
	if o.Organizations < 0 || (o.Large < 0 && o.Large != NoLarge) || o.LargeUsers < 0 || o.MinUsers < 0 || o.MaxUsers < 0 {
		return FleetSummary{}, invalid("organizations", "invalid", "fleet sizes must not be negative")
	}
	switch o.Large {
	case 0:
		o.Large = o.Organizations / 100
	case NoLarge:
		o.Large = 0
	}
	if o.LargeUsers == 0 {
		o.LargeUsers = 10_000
	}
	if o.MinUsers == 0 {
		o.MinUsers = 20
	}
	if o.MaxUsers == 0 {
		o.MaxUsers = max(500, o.MinUsers)
	}
	if o.MaxUsers < o.MinUsers || o.Large > o.Organizations {
		return FleetSummary{}, invalid("min_users", "invalid", "want min_users <= max_users and large <= organizations")
	}
	r := rand.New(rand.NewPCG(o.Seed, 0xf1ee7))
	large := map[int]bool{}
	for len(large) < o.Large {
		large[r.IntN(o.Organizations)] = true
	}
	types := fleetTypes()
	names := newCompanyNames()
	var out FleetSummary
	for i := range o.Organizations {
		name := names.next(r, i)
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		org, err := e.CreateOrganization(Organization{Name: name, Domains: []string{slug + ".example"},
			ExternalID: "fleet-" + strconv.Itoa(i+1)})
		if err != nil {
			return out, err
		}
		d, err := e.CreateDirectory(Directory{OrganizationID: org.ID, Type: types[r.IntN(len(types))]})
		if err != nil {
			return out, err
		}
		size := o.LargeUsers
		if !large[i] {
			lo, hi := math.Log(float64(o.MinUsers)), math.Log(float64(o.MaxUsers))
			size = int(math.Round(math.Exp(lo + r.Float64()*(hi-lo))))
		}
		g := GenerateOptions{Count: size, Seed: o.Seed + uint64(i)}
		if o.Groups {
			g.Groups = min(500, max(3, size/25))
		}
		if err := e.GenerateUsersWith(d.ID, g); err != nil {
			return out, err
		}
		out.Organizations++
		out.Users += size
		out.Directories = append(out.Directories, d)
	}
	return out, nil
}

// companyNames makes unique, plausible company names.
type companyNames struct {
	first, second, suffix []string
	used                  map[string]bool
}

func newCompanyNames() *companyNames {
	return &companyNames{
		first: strings.Fields(`Northwind Blue Summit Bright Cedar Harbor Granite Silver Maple Iron Golden Pine
			Crystal Atlas Orbit Lumen Vertex Nimbus Aurora Copper Beacon Coral Delta Ember Falcon`),
		second: strings.Fields(`Labs Systems Analytics Logistics Health Dynamics Foods Energy Robotics Media
			Capital Networks Works Studios Bio Freight Financial Retail Security Software`),
		suffix: []string{"Inc", "GmbH", "Ltd", "LLC", "AG", "BV", "Corp", "SA"},
		used:   map[string]bool{},
	}
}

func (cn *companyNames) next(r *rand.Rand, i int) string {
	name := cn.first[r.IntN(len(cn.first))] + " " + cn.second[r.IntN(len(cn.second))] + " " + cn.suffix[r.IntN(len(cn.suffix))]
	if cn.used[name] {
		name += " " + strconv.Itoa(i+1)
	}
	cn.used[name] = true
	return name
}
