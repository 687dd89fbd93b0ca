package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// Sync issue kinds recorded on runs (besides mapping's wrong_type and too_many_values).
const (
	IssueMissingEmail    = "missing_email"
	IssueInvalidEmail    = "invalid_email"
	IssueDuplicateEmail  = "duplicate_email"
	IssueUnmatchedOffice = "unmatched_office"
	IssueLastAdmin       = "last_admin"
	IssueGuard           = "deactivation_guard"
	IssueFieldGuard      = "field_guard"
	IssueAdminGuard      = "admin_guard"
)

// FieldRole is the FieldChange.Field of a role change (roles.go); its values are the stored
// roles, COMPANY_ADMIN or MEMBER.
const FieldRole = "role"

// Change actions of db.SyncChange.
const (
	ActionCreate     = "CREATE"
	ActionUpdate     = "UPDATE"
	ActionDeactivate = "DEACTIVATE"
	ActionReactivate = "REACTIVATE"
)

// pulled is one directory user from the pull, reduced to what planning needs. A re-sync
// holds one per directory user, so it is small: most users map to the values their linked
// user already has, and then m is nil (planning takes the linked user's values).
type pulled struct {
	id, idpID, email string
	active           bool
	assigned         bool // to be synced: the admin's toggle, or autoAssignNewUsers for a new user
	admin            bool // the role rules make the user a company administrator (roles.go)
	m                *mapped
}

// mapped is a directory user's mapped values with the problems found mapping them.
type mapped struct {
	res      mapping.Result
	problems []mapping.Problem
}

// counts are a plan's per-action numbers.
type counts struct {
	Created, Updated, Deactivated, Reactivated, Unchanged, Skipped int
}

// plan is what a run will do to the company's users. It is stored as JSON on a run held
// for review so that an approval applies exactly it.
type plan struct {
	Upserts    []db.UserStageRow `json:"upserts"`
	Deactivate []string          `json:"deactivate"`
	Counts     counts            `json:"counts"`
	// Changes are the first db.MaxRunChanges per-user changes, for display.
	Changes []db.SyncChange `json:"changes"`
	Issues  []db.SyncIssue  `json:"issues"`
	// ActiveSynced is the number of active DIRECTORY users before the run (the guard's base).
	ActiveSynced int `json:"activeSynced"`
	// Holders counts, by clearable field (clearableFields), the active DIRECTORY users with a
	// value in it before the run; Cleared counts those whose value the plan empties (the
	// field guard's numbers).
	Holders map[string]int `json:"holders,omitempty"`
	Cleared map[string]int `json:"cleared,omitempty"`
	// Admins is the number of active company administrators before the run, and Demoted
	// how many of them the plan makes members (the demotion guard's numbers).
	Admins  int `json:"admins,omitempty"`
	Demoted int `json:"demoted,omitempty"`
}

// planInput is everything planning reads.
type planInput struct {
	users    []pulled
	existing existingUsers
	offices  officeIndex
	mapping  mapping.Mapping
	roles    bool // the group rules manage roles: pulled.admin decides linked users' roles
}

// planner holds the indexes of one planning pass.
type planner struct {
	in      *planInput
	out     *plan
	byDir   map[string]int
	byIdp   map[string]int
	byEmail map[string]int
	claimed []bool          // by existing user index: a candidate took the user over
	keep    map[string]bool // directory user ids whose linked user must not be inactivated
	// demotions are the planned demotions of administrators; adminsAfter is how many active
	// administrators the plan leaves (keepLastAdmin).
	demotions   []demotion
	adminsAfter int
}

// candidate is an active, assigned directory user to sync.
type candidate struct {
	p       *pulled
	user    int // existing user index, -1 for a new user
	skipped bool
}

func newPlanner(in *planInput) *planner {
	pl := &planner{
		in: in, out: &plan{Deactivate: []string{}}, // desire sizes Upserts
		byDir: in.existing.byDir, byIdp: make(map[string]int, len(in.existing.list)), byEmail: make(map[string]int, len(in.existing.list)),
		claimed: make([]bool, len(in.existing.list)), keep: map[string]bool{},
	}
	pl.out.Holders, pl.out.Cleared = map[string]int{}, map[string]int{}
	for i := range in.existing.list {
		u := &in.existing.list[i]
		pl.byEmail[u.Email] = i
		if u.IdpID != "" {
			pl.byIdp[u.IdpID] = i
		}
		if u.Admin && u.Active {
			pl.out.Admins++
		}
		if u.FromDirectory && u.Active {
			pl.out.ActiveSynced++
			countFilled(pl.out.Holders, currentValues(u))
		}
	}
	return pl
}

// buildPlan computes the plan (DESIGN.md §4.2).
func buildPlan(in *planInput) *plan {
	pl := newPlanner(in)
	cands := pl.candidates()
	pl.skipDuplicateEmails(cands)
	pl.match(cands)
	pl.adminsAfter = pl.out.Admins
	pl.desire(cands)
	pl.deactivations()
	pl.keepLastAdmin()
	return pl.out
}

func (pl *planner) issue(p *pulled, kind, format string, args ...any) {
	pl.out.Issues = append(pl.out.Issues, db.SyncIssue{
		DirectoryUserID: p.id, Email: p.email, Kind: kind, Message: fmt.Sprintf(format, args...),
	})
}

// skip marks a candidate skipped for an issue; its linked user is kept as it is.
func (pl *planner) skip(c *candidate) {
	c.skipped = true
	pl.keep[c.p.id] = true
	pl.out.Counts.Skipped++
}

// candidates are the active, assigned directory users with a usable email.
func (pl *planner) candidates() []candidate {
	out := make([]candidate, 0, len(pl.in.users))
	for i := range pl.in.users {
		p := &pl.in.users[i]
		if !p.active || !p.assigned {
			continue
		}
		c := candidate{p: p, user: -1}
		switch {
		case p.email == "":
			pl.issue(p, IssueMissingEmail, "no email at %s; the user was skipped", pl.in.mapping.Email)
			pl.skip(&c)
		case !strings.Contains(p.email, "@"):
			pl.issue(p, IssueInvalidEmail, "%q is not an email address; the user was skipped", p.email)
			pl.skip(&c)
		}
		out = append(out, c)
	}
	return out
}

// skipDuplicateEmails skips directory users sharing an email: when an existing user with
// that email is linked to one of them, that one stays; otherwise all are skipped. Sharers
// are found by sorting the candidates by email (no map of every email), in directory order
// within an email.
func (pl *planner) skipDuplicateEmails(cands []candidate) {
	email := func(i int32) string { return cands[i].p.email }
	order := make([]int32, 0, len(cands))
	for i := range cands {
		if !cands[i].skipped {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(email(a), email(b)) })
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && email(order[end]) == email(order[start]) {
			end++
		}
		if end-start > 1 {
			pl.skipSharers(cands, order[start:end])
		}
		start = end
	}
}

// skipSharers skips the candidates of one shared email but the one its user is linked to.
func (pl *planner) skipSharers(cands []candidate, sharers []int32) {
	email := cands[sharers[0]].p.email
	linked := ""
	if u, ok := pl.byEmail[email]; ok {
		linked = pl.in.existing.list[u].DirectoryUserID
	}
	for _, i := range sharers {
		c := &cands[i]
		if c.p.id == linked {
			continue
		}
		pl.issue(c.p, IssueDuplicateEmail, "%d directory users share the email %s; this one was skipped", len(sharers), email)
		pl.skip(c)
	}
}

// match links candidates to existing users by directory user id, then idp id, then email.
func (pl *planner) match(cands []candidate) {
	// linkedToCandidate, by existing user index: the user's directory user is a candidate.
	linkedToCandidate := make([]bool, len(pl.in.existing.list))
	for i := range cands {
		if u, ok := pl.byDir[cands[i].p.id]; ok {
			linkedToCandidate[u] = true
		}
	}
	claim := func(i, u int) bool {
		if pl.claimed[u] {
			return false
		}
		pl.claimed[u], cands[i].user = true, u
		return true
	}
	for i := range cands {
		if u, ok := pl.byDir[cands[i].p.id]; ok && !cands[i].skipped {
			claim(i, u)
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.skipped || c.user >= 0 || c.p.idpID == "" {
			continue
		}
		if u, ok := pl.byIdp[c.p.idpID]; ok {
			if !linkedToCandidate[u] {
				claim(i, u)
			}
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.skipped || c.user >= 0 {
			continue
		}
		u, ok := pl.byEmail[c.p.email]
		if !ok {
			continue
		}
		link := pl.in.existing.list[u].DirectoryUserID
		if (link != c.p.id && linkedToCandidate[u]) || !claim(i, u) {
			pl.issue(c.p, IssueDuplicateEmail, "the email %s belongs to a user linked to another directory user; this one was skipped", c.p.email)
			pl.skip(c)
		}
	}
}

// change records a per-user change for display; only the first db.MaxRunChanges are kept
// (the counts, upserts and inactivations are always complete).
func (pl *planner) change(c db.SyncChange) {
	if len(pl.out.Changes) < db.MaxRunChanges {
		pl.out.Changes = append(pl.out.Changes, c)
	}
}

// deactivations inactivates active DIRECTORY users no candidate claimed, except those whose
// directory user was skipped, and never the last active company admin.
func (pl *planner) deactivations() {
	var gone []int
	admins, adminsLeaving := 0, 0
	for i := range pl.in.existing.list {
		u := &pl.in.existing.list[i]
		claimed := pl.claimed[i]
		if u.Admin && (u.Active || claimed) {
			admins++
		}
		if claimed || !u.FromDirectory || !u.Active || pl.keep[u.DirectoryUserID] {
			continue
		}
		gone = append(gone, i)
		if u.Admin {
			adminsLeaving++
		}
	}
	slices.SortFunc(gone, func(a, b int) int { return strings.Compare(pl.in.existing.list[a].Email, pl.in.existing.list[b].Email) })
	spareAdmin := admins > 0 && admins == adminsLeaving
	for _, i := range gone {
		u := &pl.in.existing.list[i]
		if spareAdmin && u.Admin {
			spareAdmin = false
			pl.out.Issues = append(pl.out.Issues, db.SyncIssue{
				DirectoryUserID: u.DirectoryUserID, Email: u.Email, Kind: IssueLastAdmin,
				Message: fmt.Sprintf("%s is the last active company administrator and was not inactivated", u.Email),
			})
			continue
		}
		if u.Admin {
			pl.adminsAfter--
		}
		id := u.ID.String()
		pl.out.Deactivate = append(pl.out.Deactivate, id)
		pl.out.Counts.Deactivated++
		pl.change(db.SyncChange{
			Action: ActionDeactivate, UserID: id, DirectoryUserID: u.DirectoryUserID, Email: u.Email,
			Name: db.DisplayName(u.FirstName, u.LastName, u.Email), Fields: []db.FieldChange{},
		})
	}
}
