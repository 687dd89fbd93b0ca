package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// fieldValues are a user's synced fields, "" meaning no value.
type fieldValues struct {
	email, first, last, title, dept, div, officeID string
	// tags and the tag field of each (tagFields as long as tags, or empty when unknown).
	tags, tagFields []string
}

func currentValues(u *db.SyncUser) fieldValues {
	return fieldValues{email: u.Email, first: u.FirstName, last: u.LastName, title: u.JobTitle,
		dept: u.Department, div: u.Division, officeID: u.OfficeID, tags: u.Tags, tagFields: u.TagFields}
}

// desire computes each unskipped candidate's desired user and the resulting change. It
// consumes the candidates' mapped values: each is dropped once its row is planned, so that
// a first import does not hold every user twice.
func (pl *planner) desire(cands []candidate) {
	pl.out.Upserts = make([]db.UserStageRow, 0, pl.mayWrite(cands))
	for i := range cands {
		c := &cands[i]
		if c.skipped {
			continue
		}
		if u, ok := pl.byEmail[c.p.email]; ok && u != c.user {
			// The email belongs to another user that no candidate takes over.
			if !pl.claimed[u] {
				pl.issue(c.p, IssueDuplicateEmail, "the email %s belongs to another user; this one was skipped", c.p.email)
				pl.skip(c)
				continue
			}
		}
		pl.apply(c, pl.values(c))
		c.p.m = nil
	}
}

// mayWrite counts the unskipped candidates that may need a row written: all but those
// whose linked user already holds their values, link and active status (sized once, the
// planned rows are not copied as a slice grows; at 100k rows that copy was 35 MB).
func (pl *planner) mayWrite(cands []candidate) int {
	n := 0
	for i := range cands {
		c := &cands[i]
		if c.skipped {
			continue
		}
		if c.user >= 0 && c.p.m == nil {
			if u := &pl.in.existing.list[c.user]; u.Active && !relinks(u, c.p) {
				if _, changed := pl.roleChange(u, c.p); !changed {
					continue
				}
			}
		}
		n++
	}
	return n
}

// values maps a candidate's directory values onto the user's fields.
func (pl *planner) values(c *candidate) fieldValues {
	var cur fieldValues
	if c.user >= 0 {
		cur = currentValues(&pl.in.existing.list[c.user])
	}
	if c.p.m == nil {
		return cur // the linked user (c.user, claimed by directory user id) has them already
	}
	want, notes := desired(&pl.in.mapping, pl.in.offices, cur, c.p.m)
	for _, n := range notes {
		pl.out.Issues = append(pl.out.Issues, db.SyncIssue{
			DirectoryUserID: c.p.id, Email: c.p.email, Kind: n.kind, Value: n.value, Message: n.message,
		})
	}
	return want
}

// note is an issue found while computing a user's values.
// note is a mapping problem of one user; value is the directory value it is about (the
// office value of an unmatched office), so that a run's issues group by it.
type note struct{ kind, message, value string }

// desired maps a directory user's values onto the fields of a user whose current values
// are cur (zero for a new user). Unmanaged fields (no pointer) and values of the wrong
// type keep the current value. notes are the mapping problems and an unmatched office.
func desired(m *mapping.Mapping, offices officeIndex, cur fieldValues, mu *mapped) (fieldValues, []note) {
	r := &mu.res
	var notes []note
	var bad map[string]bool
	for _, pr := range mu.problems {
		notes = append(notes, note{kind: pr.Kind, message: pr.Message})
		if pr.Kind == mapping.ProblemWrongType {
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[pr.Field] = true
		}
	}
	pick := func(field, ptr, v, current string) string {
		if ptr == "" || bad[field] {
			return current
		}
		return v
	}
	out := fieldValues{
		email: r.Email,
		first: pick(mapping.FieldFirstName, m.FirstName, r.FirstName, cur.first),
		last:  pick(mapping.FieldLastName, m.LastName, r.LastName, cur.last),
		title: pick(mapping.FieldJobTitle, m.JobTitle, r.JobTitle, cur.title),
		dept:  pick(mapping.FieldDepartment, m.Department, r.Department, cur.dept),
		div:   pick(mapping.FieldDivision, m.Division, r.Division, cur.div),
		tags:  cur.tags, tagFields: cur.tagFields,
	}
	if len(m.TagFields) > 0 && !bad[mapping.FieldTags] {
		out.tags, out.tagFields = r.Tags, r.TagFields
	}
	out.officeID = cur.officeID
	if m.Office != "" && !bad[mapping.FieldOffice] {
		out.officeID = ""
		if r.Office != "" {
			if o, ok := offices.find(r.Office); ok {
				out.officeID = o.ID
			} else {
				notes = append(notes, note{kind: IssueUnmatchedOffice, value: r.Office,
					message: fmt.Sprintf("office %q matches no office name or alias; the office was left empty", r.Office)})
			}
		}
	}
	return out, notes
}

// apply records the candidate's change, if any, in the plan.
func (pl *planner) apply(c *candidate, want fieldValues) {
	var u *db.SyncUser
	if c.user >= 0 {
		u = &pl.in.existing.list[c.user]
	}
	role, roleChanged := pl.roleChange(u, c.p)
	row := db.UserStageRow{
		Email: want.email, DirectoryUserID: c.p.id, IdpID: c.p.idpID, FirstName: want.first, LastName: want.last,
		JobTitle: want.title, Department: want.dept, Division: want.div, OfficeID: want.officeID, Tags: want.tags,
		TagFields: want.tagFields,
	}
	if roleChanged {
		row.Role = role
	}
	var from fieldValues
	change := db.SyncChange{DirectoryUserID: c.p.id, Email: want.email, Name: db.DisplayName(want.first, want.last, want.email)}
	if u == nil {
		change.Action = ActionCreate
		pl.out.Counts.Created++
	} else {
		from = currentValues(u)
		switch {
		case !u.Active:
			change.Action = ActionReactivate
			pl.out.Counts.Reactivated++
		case relinks(u, c.p) || !sameValues(from, want) || roleChanged:
			change.Action = ActionUpdate
			pl.out.Counts.Updated++
			if u.FromDirectory {
				countCleared(pl.out.Cleared, from, want)
			}
		default:
			pl.out.Counts.Unchanged++
			return
		}
		row.UserID = u.ID.String()
		change.UserID = row.UserID
	}
	pl.countAdmin(u, role)
	pl.out.Upserts = append(pl.out.Upserts, row)
	shown := -1
	if len(pl.out.Changes) < db.MaxRunChanges {
		change.Fields = pl.diff(from, want)
		if roleChanged {
			var was *string
			if u != nil {
				was = opt(roleOf(u.Admin))
			}
			change.Fields = append(change.Fields, db.FieldChange{Field: FieldRole, From: was, To: opt(role)})
		}
		shown = len(pl.out.Changes)
		pl.change(change)
	}
	if roleChanged && u != nil && u.Admin {
		pl.demotions = append(pl.demotions, demotion{user: c.user, upsert: len(pl.out.Upserts) - 1, change: shown, active: u.Active,
			onlyRole: change.Action == ActionUpdate && !relinks(u, c.p) && sameValues(from, want)})
		if u.Active {
			pl.out.Demoted++
		}
	}
}

// countAdmin updates adminsAfter for a candidate that ends active with role (u nil for a
// new user; role "" when the plan leaves it).
func (pl *planner) countAdmin(u *db.SyncUser, role string) {
	was := u != nil && u.Admin && u.Active
	will := u != nil && u.Admin
	if role != "" {
		will = role == db.RoleCompanyAdmin
	}
	if will && !was {
		pl.adminsAfter++
	} else if was && !will {
		pl.adminsAfter--
	}
}

// relinks reports whether syncing p into u changes u's link: its source, directory user or
// idp id.
func relinks(u *db.SyncUser, p *pulled) bool {
	return !u.FromDirectory || u.DirectoryUserID != p.id || u.IdpID != p.idpID
}

// sameValues reports whether two users' synced fields are equal.
func sameValues(a, b fieldValues) bool {
	return a.email == b.email && a.first == b.first && a.last == b.last && a.title == b.title &&
		a.dept == b.dept && a.div == b.div && a.officeID == b.officeID && slices.Equal(a.tags, b.tags) &&
		slices.Equal(a.tagFields, b.tagFields)
}

// diff lists the fields that differ between from and to; offices show their names.
func (pl *planner) diff(from, to fieldValues) []db.FieldChange {
	out := []db.FieldChange{}
	add := func(field, a, b string) {
		if a != b {
			out = append(out, db.FieldChange{Field: field, From: opt(a), To: opt(b)})
		}
	}
	add(mapping.FieldEmail, from.email, to.email)
	add(mapping.FieldFirstName, from.first, to.first)
	add(mapping.FieldLastName, from.last, to.last)
	add(mapping.FieldJobTitle, from.title, to.title)
	add(mapping.FieldDepartment, from.dept, to.dept)
	add(mapping.FieldDivision, from.div, to.div)
	if from.officeID != to.officeID {
		add(mapping.FieldOffice, pl.in.offices.name(from.officeID), pl.in.offices.name(to.officeID))
	}
	if !slices.Equal(from.tags, to.tags) {
		out = append(out, db.FieldChange{Field: mapping.FieldTags, From: opt(strings.Join(from.tags, ", ")), To: opt(strings.Join(to.tags, ", "))})
	} else if !slices.Equal(from.tagFields, to.tagFields) {
		// The same tags, now attributed to (other) tag fields.
		out = append(out, db.FieldChange{Field: fieldTagFields, From: opt(strings.Join(from.tagFields, ", ")), To: opt(strings.Join(to.tagFields, ", "))})
	}
	return out
}

// fieldTagFields is the FieldChange.Field of a change of the tag fields alone.
const fieldTagFields = "tagFields"

// opt is nil for "" and a pointer to s otherwise.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
