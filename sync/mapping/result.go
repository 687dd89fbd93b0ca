package mapping

import "slices"

// Problem kinds reported by [Mapper.Map].
const (
	// ProblemWrongType: the pointer found an object, an array of more than one value (for a
	// single-valued field), or nested objects/arrays inside a tag array. The field, or the
	// offending tag elements, are left empty.
	ProblemWrongType = "wrong_type"
	// ProblemTooManyValues: the tag pointers produced more than MaxTagValues distinct tags;
	// the first MaxTagValues are kept.
	ProblemTooManyValues = "too_many_values"
)

// MaxTagValues is the most tags one user can get from a mapping; tag arrays in the directory
// beyond that are cut off with a ProblemTooManyValues.
const MaxTagValues = 50

// Result is the OfficeTogether user fields computed for one directory user. Empty strings
// and a nil Tags mean "no value". The json tags match the GraphQL MappedUser preview.
type Result struct {
	FirstName  string   `json:"firstName"`
	LastName   string   `json:"lastName"`
	Email      string   `json:"email"`
	JobTitle   string   `json:"jobTitle"`
	Department string   `json:"department"`
	Division   string   `json:"division"`
	Office     string   `json:"office"`
	Tags       []string `json:"tags"`
	// TagFields names, for each element of Tags, the key of the tag field it came from.
	TagFields []string `json:"tagFields"`
}

// Equal reports whether r and other hold the same values; tags (and their fields) compare
// in order and a nil Tags equals an empty one. The engine uses it to skip writing unchanged users.
func (r Result) Equal(other Result) bool {
	return r.FirstName == other.FirstName &&
		r.LastName == other.LastName &&
		r.Email == other.Email &&
		r.JobTitle == other.JobTitle &&
		r.Department == other.Department &&
		r.Division == other.Division &&
		r.Office == other.Office &&
		slices.Equal(r.Tags, other.Tags) &&
		slices.Equal(r.TagFields, other.TagFields)
}

// scalarSlots returns pointers to r's single-valued fields in scalarFieldNames order.
func (r *Result) scalarSlots() [numScalarFields]*string {
	return [...]*string{&r.FirstName, &r.LastName, &r.Email, &r.JobTitle, &r.Department, &r.Division, &r.Office}
}

// Problem is a per-user data problem found while mapping: the user is still mapped, with the
// affected field left empty (or tags partly kept). The engine records it as a sync issue and
// the editor's preview shows it.
type Problem struct {
	// Field is the target field: one of the Field* constants.
	Field string `json:"field"`
	// Pointer is the mapping pointer that found the bad value, in string form.
	Pointer string `json:"pointer"`
	// Kind is one of the Problem* constants.
	Kind string `json:"kind"`
	// Message explains the problem to an admin.
	Message string `json:"message"`
}
