package mapping

// Target field names, as used in [ValueAlias.Field], [Problem.Field] and the GraphQL
// mapping input.
const (
	FieldFirstName  = "firstName"
	FieldLastName   = "lastName"
	FieldEmail      = "email"
	FieldJobTitle   = "jobTitle"
	FieldDepartment = "department"
	FieldDivision   = "division"
	FieldOffice     = "office"
	FieldTags       = "tags"
)

// Limits on a Mapping, enforced by [Mapping.Validate].
const (
	// MaxTags is the most tag pointers a mapping may hold. The mapping editor offers three
	// tag slots today; the stored configuration allows up to ten so more slots can be
	// offered later without migrating saved mappings.
	MaxTags = 10
	// MaxValueAliases is the most value aliases a mapping may hold.
	MaxValueAliases = 1000
)

// Mapping is a company admin's field mapping: where in the WorkOS directory user object each
// OfficeTogether user field comes from. Every field holds an RFC 6901 JSON Pointer into the
// directory user document; "" means the field is not mapped. It is stored as jsonb and
// travels through the GraphQL SyncConfigurationInput.mapping, hence the camelCase tags.
type Mapping struct {
	// FirstName is the pointer to the first name; default /first_name.
	FirstName string `json:"firstName"`
	// LastName is the pointer to the last name; default /last_name.
	LastName string `json:"lastName"`
	// Email is the pointer to the email address; required; default /email.
	Email string `json:"email"`
	// JobTitle is the pointer to the job title; default /custom_attributes/job_title.
	JobTitle string `json:"jobTitle"`
	// Department is the pointer to the department; default /custom_attributes/department_name.
	Department string `json:"department"`
	// Division is the pointer to the division; default /custom_attributes/division_name.
	Division string `json:"division"`
	// Office is the pointer to the value matched against office names and aliases; default
	// unmapped.
	Office string `json:"office"`
	// Tags is the flat list of tag pointers mappings held before tag fields: input only
	// (FieldMappingInput.tags), at most MaxTags; [Mapping.Normalize] turns it into unnamed
	// TagFields, and a mapping may not hold both.
	Tags []string `json:"tags,omitempty"`
	// TagFields are the named tag fields, at most MaxTagFields; each gives one tag, or one
	// per element when its pointer finds an array, or the user's groups. Default none.
	TagFields []TagField `json:"tagFields,omitempty"`
	// ValueAliases rewrite values after trimming ("Eng" -> "Engineering"). Default none.
	ValueAliases []ValueAlias `json:"valueAliases,omitempty"`
}

// ValueAlias rewrites one value of one target field: a mapped value equal to From (compared
// case-insensitively after trimming both) becomes To. Aliases do not chain.
type ValueAlias struct {
	// Field is the target field: one of the Field* constants (firstName ... tags).
	Field string `json:"field"`
	// From is the directory value to replace; must not be blank.
	From string `json:"from"`
	// To is the replacement; must not be blank.
	To string `json:"to"`
}

// DefaultMapping returns the mapping a new sync configuration starts with (DESIGN.md §3):
// names and email from the top-level fields, job title, department and division from the
// normalized custom attributes, no office, no tags.
func DefaultMapping() Mapping {
	return Mapping{
		FirstName:  "/first_name",
		LastName:   "/last_name",
		Email:      "/email",
		JobTitle:   "/custom_attributes/job_title",
		Department: "/custom_attributes/department_name",
		Division:   "/custom_attributes/division_name",
	}
}

// numScalarFields is the number of single-valued target fields (all but tags).
const numScalarFields = 7

// scalarFieldNames returns the single-valued target field names in Result order.
func scalarFieldNames() [numScalarFields]string {
	return [...]string{FieldFirstName, FieldLastName, FieldEmail, FieldJobTitle, FieldDepartment, FieldDivision, FieldOffice}
}

// scalarPointers returns the single-valued fields' pointers in Result order.
func (m *Mapping) scalarPointers() [numScalarFields]string {
	return [...]string{m.FirstName, m.LastName, m.Email, m.JobTitle, m.Department, m.Division, m.Office}
}

// isTargetField reports whether name is one of the Field* constants.
func isTargetField(name string) bool {
	switch name {
	case FieldFirstName, FieldLastName, FieldEmail, FieldJobTitle, FieldDepartment, FieldDivision, FieldOffice, FieldTags:
		return true
	}
	return false
}
