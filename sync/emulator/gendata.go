package emulator

import "strings"

// department is a generator department with its division, cost center and titles.
type department struct {
	name, division, costCenter string
	titles                     []string
	weight                     int
}

// office is a generator office.
type office struct {
	name, street, locality, region, postalCode, country, phone string
}

// genTables holds the generator's vocabularies.
type genTables struct {
	first, last []string
	depts       []department
	totalWeight int
	offices     []office
	// teams are the third level of generated group names.
	teams []string
}

func newGenTables() *genTables {
	t := &genTables{
		first: strings.Fields(`Emma Liam Olivia Noah Ava Elijah Sophia Mateo Isabella Lucas Mia Levi Amelia Asher
			Harper James Evelyn Leo Luna Grayson Camila Ezra Gianna Luca Elizabeth Ethan Eleanor Aiden Ella
			Wyatt Abigail Sebastian Sofia Benjamin Avery Mason Scarlett Henry Emily Hudson Aria Jack Penelope
			Jackson Chloe Owen Layla Daniel Mila Alexander Nora Maverick Hazel Kai Madison Gabriel Ellie Carter
			Lily William Nova Logan Isla Michael Grace Samuel Violet Muhammad Aurora Waylon Riley Ezekiel Zoey
			Jayden Willow Luke Emilia Lincoln Stella Theo Zoe Jacob Victoria Josiah Hannah David Addison Jaxon
			Leah Elias Lucy Julian Eliana Theodore Ivy Isaiah Everly Priya Wei Yuki Aisha Mateus Ingrid Tomasz
			Fatima Kenji Chiara Oluwaseun Siobhan Rafael Annika Dmitri Leilani Arjun Margit`),
		last: strings.Fields(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
			Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
			Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores
			Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner
			Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz
			Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez
			Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
			Foster Jimenez Okafor Schmidt Kowalski Tanaka Rossi Lindqvist Haddad Novak Dubois Ivanova`),
		depts: []department{
			{"Engineering", "Product & Technology", "40100 Engineering", []string{"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Site Reliability Engineer", "QA Engineer"}, 30},
			{"Product", "Product & Technology", "40200 Product", []string{"Product Manager", "Senior Product Manager", "Product Designer", "UX Researcher"}, 8},
			{"Sales", "Go To Market", "30100 Sales", []string{"Account Executive", "Sales Development Representative", "Sales Engineer", "Regional Sales Director"}, 18},
			{"Marketing", "Go To Market", "30200 Marketing", []string{"Marketing Manager", "Content Strategist", "Growth Marketer", "Brand Designer"}, 7},
			{"Customer Success", "Go To Market", "30300 Customer Success", []string{"Customer Success Manager", "Support Specialist", "Solutions Consultant", "Onboarding Specialist"}, 12},
			{"Finance", "G&A", "41000 Finance", []string{"Accountant", "Financial Analyst", "Controller", "Payroll Specialist"}, 6},
			{"People", "G&A", "42000 People", []string{"HR Business Partner", "Recruiter", "People Operations Specialist", "Talent Partner"}, 6},
			{"Legal", "G&A", "43000 Legal", []string{"Corporate Counsel", "Paralegal", "Privacy Officer"}, 3},
			{"Operations", "Operations", "50100 Operations", []string{"Operations Manager", "Facilities Coordinator", "Workplace Experience Lead", "Procurement Specialist"}, 6},
			{"IT", "Operations", "50200 IT", []string{"IT Support Engineer", "Systems Administrator", "Security Engineer"}, 4},
		},
		offices: []office{
			{"New York HQ", "350 Fifth Avenue", "New York", "NY", "10118", "US", "+1 212 555 0100"},
			{"San Francisco", "500 Howard Street", "San Francisco", "CA", "94105", "US", "+1 415 555 0100"},
			{"Austin", "600 Congress Avenue", "Austin", "TX", "78701", "US", "+1 512 555 0100"},
			{"London", "1 Poultry", "London", "England", "EC2R 8EJ", "GB", "+44 20 7946 0100"},
			{"Berlin", "Friedrichstrasse 68", "Berlin", "Berlin", "10117", "DE", "+49 30 5555 0100"},
			{"Toronto", "100 King Street West", "Toronto", "ON", "M5X 1A9", "CA", "+1 416 555 0100"},
			{"Sydney", "1 Martin Place", "Sydney", "NSW", "2000", "AU", "+61 2 5550 0100"},
			{"Remote", "", "", "", "", "US", "+1 800 555 0100"},
		},
	}
	t.teams = []string{"Platform", "Payments", "Mobile", "Data", "Growth", "Core", "Infrastructure", "Enablement"}
	for _, d := range t.depts {
		t.totalWeight += d.weight
	}
	return t
}
