package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/officetogether/dirsync/db"
)

// Limits of GroupRules.
const (
	// MaxRuleGroups is the most groups one rule may list.
	MaxRuleGroups = 500
	// MaxRoleSlugs is the most WorkOS role slugs AdminRoleSlugs may list.
	MaxRoleSlugs = 50
	// MaxRoleSlugLength is the longest role slug, in bytes.
	MaxRoleSlugLength = 200
)

// GroupRules say what a company's directory groups do. The zero value (the default) does
// nothing: no group tags, everyone synced, roles never changed.
type GroupRules struct {
	// AllGroupsAsTags makes every group a tag of the mapping's groups tag field.
	AllGroupsAsTags bool `json:"allGroupsAsTags,omitempty"`
	// TagGroupIDs are the groups that become tags (besides all, with AllGroupsAsTags).
	TagGroupIDs []string `json:"tagGroupIds,omitempty"`
	// SyncOnlyGroupIDs, when not empty, limit the sync to members of at least one of them;
	// the others are treated as un-assigned.
	SyncOnlyGroupIDs []string `json:"syncOnlyGroupIds,omitempty"`
	// AdminGroupIDs are the groups whose members are company administrators. With it or
	// AdminRoleSlugs set, the sync manages the role of every user linked to the directory
	// (roles.go); with neither, roles are never changed.
	AdminGroupIDs []string `json:"adminGroupIds,omitempty"`
	// AdminRoleSlugs are WorkOS role slugs (the directory user's role.slug or any
	// roles[].slug) whose users are company administrators.
	AdminRoleSlugs []string `json:"adminRoleSlugs,omitempty"`
}

// tagsGroup reports whether group id becomes a tag.
func (g *GroupRules) tagsGroup(id string) bool {
	return g.AllGroupsAsTags || slices.Contains(g.TagGroupIDs, id)
}

// GroupRules returns the company's group rules (the zero value when none were saved).
func (s *Service) GroupRules(ctx context.Context, companyID string) (GroupRules, error) {
	raw, err := db.GetGroupRules(ctx, s.db, companyID)
	if err != nil || raw == nil {
		return GroupRules{}, err
	}
	var g GroupRules
	if err := json.Unmarshal(raw, &g); err != nil {
		return GroupRules{}, fmt.Errorf("decode group rules: %w", err)
	}
	return g, nil
}

// CheckGroupRules normalises in (trimmed, duplicates dropped) and checks it: every group id
// must be a mirrored group of the company, else a *ValidationError naming the field and
// the unknown ids.
func (s *Service) CheckGroupRules(ctx context.Context, companyID string, in GroupRules) (GroupRules, error) {
	lists := []struct {
		field string
		ids   *[]string
	}{{"groupRules.tagGroupIds", &in.TagGroupIDs}, {"groupRules.syncOnlyGroupIds", &in.SyncOnlyGroupIDs}, {"groupRules.adminGroupIds", &in.AdminGroupIDs}}
	for _, l := range lists {
		*l.ids = cleanList(*l.ids)
		if len(*l.ids) > MaxRuleGroups {
			return in, &ValidationError{Field: l.field, Message: fmt.Sprintf("at most %d groups", MaxRuleGroups)}
		}
		unknown, err := db.UnknownDirectoryGroups(ctx, s.db, companyID, *l.ids)
		if err != nil {
			return in, err
		}
		if len(unknown) > 0 {
			return in, &ValidationError{Field: l.field, Message: "unknown directory groups: " + strings.Join(unknown, ", ")}
		}
	}
	// Blank slugs are dropped like blank group ids.
	in.AdminRoleSlugs = cleanList(in.AdminRoleSlugs)
	if len(in.AdminRoleSlugs) > MaxRoleSlugs {
		return in, &ValidationError{Field: "groupRules.adminRoleSlugs", Message: fmt.Sprintf("at most %d role slugs", MaxRoleSlugs)}
	}
	for _, slug := range in.AdminRoleSlugs {
		if len(slug) > MaxRoleSlugLength || !utf8.ValidString(slug) || strings.ContainsRune(slug, 0) {
			return in, &ValidationError{Field: "groupRules.adminRoleSlugs",
				Message: fmt.Sprintf("a role slug must be valid text of at most %d bytes", MaxRoleSlugLength)}
		}
	}
	return in, nil
}

// SaveGroupRules saves rules checked by CheckGroupRules.
func (s *Service) SaveGroupRules(ctx context.Context, companyID string, rules GroupRules) error {
	b, err := json.Marshal(rules)
	if err != nil {
		return fmt.Errorf("encode group rules: %w", err)
	}
	return db.SaveGroupRules(ctx, s.db, companyID, b, s.now())
}

// cleanList trims the values and drops empty and repeated ones, keeping the first order.
func cleanList(in []string) []string {
	var out []string
	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
