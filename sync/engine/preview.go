package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// Preview is what the company's saved mapping makes of one directory user (the GraphQL
// DirectoryUser.preview).
type Preview struct {
	DirectoryUserID string
	// Mapped are the mapped values; Mapped.Office is the raw office value.
	Mapped mapping.Result
	// Office is the office Mapped.Office matches by name or alias, if any.
	Office *db.Office
	// Issues are the problems a run would record for this user.
	Issues []db.SyncIssue
	// Role is the role a run would give the user (db.RoleCompanyAdmin or db.RoleMember);
	// "" when the group rules do not manage roles.
	Role string
}

// Preview maps directory users (e.g. one page of the admin list) through the company's
// saved mapping, offices and group rules, in the order given.
func (s *Service) Preview(ctx context.Context, companyID string, users []db.DirectoryUser) ([]Preview, error) {
	cfg, err := db.GetSyncConfiguration(ctx, s.db, companyID)
	if err != nil {
		return nil, err
	}
	m, err := MappingOf(cfg)
	if err != nil {
		return nil, err
	}
	mapper, err := mapping.Compile(m)
	if err != nil {
		return nil, fmt.Errorf("compile saved mapping: %w", err)
	}
	offices, err := db.ListOffices(ctx, s.db, companyID)
	if err != nil {
		return nil, err
	}
	officeIx := newOfficeIndex(offices)
	rules, err := s.GroupRules(ctx, companyID)
	if err != nil {
		return nil, err
	}
	groupIDs, err := s.groupIDsOf(ctx, companyID, &rules, users)
	if err != nil {
		return nil, err
	}
	out := make([]Preview, len(users))
	for i := range users {
		u := &users[i]
		res, problems, err := mapper.MapJSON(u.Raw)
		if err != nil {
			return nil, fmt.Errorf("map directory user %s: %w", u.ID, err)
		}
		role, err := rules.desiredRole(groupIDs[u.ID], u.Raw)
		if err != nil {
			return nil, fmt.Errorf("directory user %s: %w", u.ID, err)
		}
		pv := Preview{DirectoryUserID: u.ID, Mapped: res, Issues: []db.SyncIssue{}, Role: role}
		add := func(kind, msg string) {
			pv.Issues = append(pv.Issues, db.SyncIssue{DirectoryUserID: u.ID, Email: res.Email, Kind: kind, Message: msg})
		}
		for _, p := range problems {
			add(p.Kind, p.Message)
		}
		switch {
		case res.Email == "":
			add(IssueMissingEmail, fmt.Sprintf("no email at %s; the user would be skipped", m.Email))
		case !strings.Contains(res.Email, "@"):
			add(IssueInvalidEmail, fmt.Sprintf("%q is not an email address; the user would be skipped", res.Email))
		}
		if m.Office != "" && res.Office != "" {
			if o, ok := officeIx.find(res.Office); ok {
				pv.Office = o
			} else {
				add(IssueUnmatchedOffice, fmt.Sprintf("office %q matches no office name or alias", res.Office))
			}
		}
		out[i] = pv
	}
	return out, nil
}

// groupIDsOf returns the mirrored group ids of users by directory user id, when the admin
// groups need them (nil otherwise).
func (s *Service) groupIDsOf(ctx context.Context, companyID string, rules *GroupRules, users []db.DirectoryUser) (map[string][]string, error) {
	if len(rules.AdminGroupIDs) == 0 || len(users) == 0 {
		return nil, nil
	}
	ids := make([]string, len(users))
	for i := range users {
		ids[i] = users[i].ID
	}
	groups, err := db.GroupsOfDirectoryUsers(ctx, s.db, companyID, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(groups))
	for id, gs := range groups {
		for _, g := range gs {
			out[id] = append(out[id], g.ID)
		}
	}
	return out, nil
}

// SetAssignment assigns or un-assigns the company's directory users with the given ids
// (un-assigned users are inactivated by the next run) and returns them. Unknown ids, and
// other companies' ids, give a *NotFoundError naming them and change nothing.
func (s *Service) SetAssignment(ctx context.Context, companyID string, ids []string, assigned bool) ([]db.DirectoryUser, error) {
	seen := make(map[string]bool, len(ids))
	uniq := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	users, missing, err := db.SetDirectoryUserAssignment(ctx, s.db, companyID, uniq, assigned, s.now())
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, &NotFoundError{What: "directory user", IDs: missing}
	}
	return users, nil
}
