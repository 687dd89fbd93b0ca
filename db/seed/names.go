package seed

// firstNames and lastNames mix cultures and scripts of the Latin alphabet, with
// accents, so demo data exercises sorting and accent-aware search.
var firstNames = []string{
	"Aaliyah", "Aarav", "Abdul", "Ada", "Adele", "Adrián", "Agnieszka", "Ahmed", "Aiko", "Aisha",
	"Alejandro", "Aleksander", "Alessandro", "Alice", "Amara", "Amélie", "Amir", "Ana", "Anders", "Andrea",
	"Andrew", "Andrés", "Angela", "Anh", "Anna", "Annika", "Antoine", "Antonio", "Anya", "Arjun",
	"Astrid", "Ayumi", "Beatriz", "Benedikt", "Benjamin", "Bjørn", "Bogdan", "Bruno", "Camila", "Carlos",
	"Catalina", "Chen", "Chiara", "Chidi", "Chloé", "Daniel", "Daniela", "Dávid", "Deepika", "Diego",
	"Dmitri", "Dorothée", "Eitan", "Elena", "Elif", "Elijah", "Emeka", "Emil", "Emma", "Enzo",
	"Erik", "Esperanza", "Ethan", "Eva", "Fatima", "Felipe", "Fernando", "Finn", "François", "Freya",
	"Gabriel", "Giulia", "Grace", "Guillermo", "Gustavo", "Hana", "Hannah", "Hassan", "Heloísa", "Hiroshi",
	"Hyun-woo", "Ibrahim", "Ignacio", "Ingrid", "Inês", "Irina", "Isabel", "Isaac", "Ivan", "Jakub",
	"James", "Jana", "Javier", "Jean-Luc", "Jia", "Jin", "João", "Jonas", "Jorge", "José",
	"Juan", "Julia", "Jürgen", "Kaito", "Kamala", "Karim", "Katarzyna", "Kenji", "Kwame", "Laila",
	"Lars", "Laura", "Layla", "Leila", "Léa", "Leon", "Li", "Liam", "Lucas", "Lucía",
	"Luis", "Łukasz", "Maëlle", "Magnus", "Malik", "Manon", "Marco", "Margarida", "María", "Mariana",
	"Marta", "Mateo", "Matías", "Maya", "Mehmet", "Mei", "Mia", "Miguel", "Mikael", "Ming",
	"Mohammed", "Nadia", "Naledi", "Natalia", "Nikolai", "Nina", "Noah", "Noor", "Nuno", "Olga",
	"Oliver", "Olivia", "Omar", "Oscar", "Paolo", "Pedro", "Pia", "Priya", "Rafael", "Rahul",
	"Raquel", "Ravi", "Renée", "Ricardo", "Rin", "Rosa", "Ruth", "Saanvi", "Sakura", "Salomé",
	"Samuel", "Santiago", "Sara", "Sebastián", "Sergei", "Shreya", "Siddharth", "Siobhán", "Sofia", "Søren",
	"Sun-hee", "Svetlana", "Tariq", "Thabo", "Thomas", "Tomás", "Tunde", "Valentina", "Vikram", "Wei",
	"William", "Xavier", "Yara", "Yasmin", "Yusuf", "Yuki", "Zainab", "Zara", "Zoë", "Zsófia",
}

var lastNames = []string{
	"Abe", "Acheampong", "Adeyemi", "Aguilar", "Ahmed", "Alves", "Andersen", "Anderson", "Andrade", "Antonelli",
	"Bakker", "Banerjee", "Barros", "Becker", "Bianchi", "Björk", "Bondarenko", "Brown", "Byrne", "Castillo",
	"Chakraborty", "Chen", "Cho", "Costa", "Cruz", "Dąbrowski", "Das", "De Luca", "Dias", "Díaz",
	"Dimitrov", "Dubois", "Dupont", "Eriksson", "Esposito", "Evans", "Fernández", "Ferreira", "Fischer", "Fontaine",
	"Fujita", "García", "Gómez", "Gonçalves", "González", "Gupta", "Haddad", "Hansen", "Hashemi", "Hernández",
	"Hoffmann", "Horvát", "Huang", "Hussain", "Ibrahim", "Ivanova", "Jablonski", "Jansen", "Jiménez", "Johansson",
	"Johnson", "Jones", "Kang", "Kapoor", "Kato", "Kaur", "Khan", "Kim", "Kobayashi", "Kovács",
	"Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Lefèvre", "Lehmann", "Li", "Lima", "Lindqvist",
	"Liu", "López", "Lund", "Machado", "Mahlangu", "Malik", "Marchetti", "Martin", "Martínez", "Matsumoto",
	"Mendes", "Mensah", "Meyer", "Moreau", "Morales", "Moreno", "Müller", "Murphy", "Nakamura", "Navarro",
	"Nguyen", "Nielsen", "Novák", "Nowak", "Nunes", "Núñez", "Obi", "O'Brien", "Okafor", "Okonkwo",
	"Oliveira", "O'Neill", "Ortiz", "Osei", "Ozturk", "Park", "Patel", "Pereira", "Petrov", "Pham",
	"Popescu", "Quispe", "Ramírez", "Rao", "Reddy", "Ribeiro", "Richter", "Rodríguez", "Romano", "Rossi",
	"Ruiz", "Russo", "Saito", "Sánchez", "Santos", "Sato", "Schmidt", "Schneider", "Schulz", "Sharma",
	"Silva", "Singh", "Smirnov", "Smith", "Sokolov", "Suzuki", "Svensson", "Takahashi", "Tanaka", "Taylor",
	"Tembo", "Thompson", "Torres", "Tran", "Van der Berg", "Varga", "Vasquez", "Vogel", "Wagner", "Walsh",
	"Wang", "Watanabe", "Weber", "Williams", "Wilson", "Wójcik", "Wong", "Wu", "Xu", "Yamamoto",
	"Yang", "Yıldız", "Yilmaz", "Young", "Zhang", "Zhao", "Zhou", "Zieliński", "Zimmermann", "Żukowski",
}

// departments are realistic department names; the first ones are the largest.
var departments = []string{
	"Engineering", "Sales", "Customer Support", "Operations", "Marketing", "Product", "Finance",
	"Human Resources", "Research", "Manufacturing", "Logistics", "Legal", "Design", "Data Science",
	"IT", "Security", "Quality Assurance", "Procurement", "Facilities", "Business Development",
	"Customer Success", "Communications", "Compliance", "Training", "Partnerships", "Strategy",
	"Internal Audit", "Investor Relations", "Sustainability", "Executive Office",
}

// divisionParts name divisions within a department: "Engineering - Platform".
var divisionParts = []string{
	"Platform", "EMEA", "Americas", "APAC", "Core", "Growth", "Enterprise", "SMB", "Infrastructure",
	"Mobile", "Web", "Analytics", "Field", "Inside", "North", "South", "Central", "Special Projects",
}

// jobLevels and jobRoles make job titles such as "Senior Engineer".
var (
	jobLevels = []string{"", "", "Senior ", "Lead ", "Principal ", "Junior ", "Staff "}
	jobRoles  = map[string][]string{
		"Engineering":      {"Software Engineer", "Engineering Manager", "Site Reliability Engineer", "QA Engineer"},
		"Sales":            {"Account Executive", "Sales Manager", "Sales Development Representative"},
		"Customer Support": {"Support Specialist", "Support Team Lead"},
		"Marketing":        {"Marketing Manager", "Content Strategist", "Growth Marketer"},
		"Product":          {"Product Manager", "Product Owner"},
		"Finance":          {"Accountant", "Financial Analyst", "Controller"},
		"Human Resources":  {"HR Business Partner", "Recruiter"},
		"Design":           {"Product Designer", "UX Researcher"},
		"Data Science":     {"Data Scientist", "Data Engineer"},
	}
	genericRoles = []string{"Specialist", "Analyst", "Manager", "Coordinator", "Associate"}
)

// skillTags, teamTags and extraTags make tag values: skills, teams, cost centers
// ("CC-1000"...), and a few flags such as "remote".
var (
	skillTags = []string{
		"go", "python", "java", "typescript", "react", "kubernetes", "aws", "gcp", "azure", "sql", "postgresql",
		"terraform", "excel", "salesforce", "negotiation", "public speaking", "spanish", "french", "german",
		"japanese", "mandarin", "portuguese", "arabic", "hindi", "first aid", "six sigma", "scrum", "figma",
		"machine learning", "statistics", "copywriting", "seo", "accounting", "payroll", "recruiting",
		"security clearance", "forklift", "cad", "rust", "swift", "kotlin", "c++", "graphql", "tableau",
	}
	teamTags  = []string{"team-alpha", "team-bravo", "team-charlie", "team-delta", "team-echo", "team-foxtrot", "team-golf", "team-hotel"}
	extraTags = []string{"remote", "hybrid", "on-site", "new-hire", "mentor", "people-manager", "contractor"}
)

// cities name offices; aliases are what directories tend to send for them.
var cities = []struct {
	name    string
	aliases []string
}{
	{"Berlin", []string{"BER", "Berlin HQ"}}, {"London", []string{"LON", "London Bridge"}},
	{"New York", []string{"NYC", "NY"}}, {"São Paulo", []string{"SAO", "Sao Paulo"}},
	{"Tokyo", []string{"TYO"}}, {"Bengaluru", []string{"BLR", "Bangalore"}},
	{"Lagos", []string{"LOS"}}, {"Madrid", []string{"MAD"}}, {"Toronto", []string{"YYZ"}},
	{"Sydney", []string{"SYD"}}, {"Paris", []string{"PAR"}}, {"Warsaw", []string{"WAW", "Warszawa"}},
	{"Mexico City", []string{"MEX", "CDMX"}}, {"Singapore", []string{"SIN"}}, {"Dublin", []string{"DUB"}},
	{"Stockholm", []string{"STO"}}, {"Nairobi", []string{"NBO"}}, {"Seoul", []string{"SEL"}},
	{"Chicago", []string{"CHI"}}, {"Zürich", []string{"ZRH", "Zurich"}},
}
