package db

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// DirectoryGroup is one mirrored directory group with its member count.
type DirectoryGroup struct {
	ID          string `bun:"id"`
	Name        string `bun:"name"`
	MemberCount int    `bun:"member_count"`
}

// DirectoryGroupPage is one page of directory groups.
type DirectoryGroupPage struct {
	Groups      []DirectoryGroup
	HasNextPage bool
	TotalCount  int
}

type groupCursor struct {
	Name string `json:"n"`
	ID   string `json:"i"`
}

// Cursor is the opaque position of g in the name order of ListDirectoryGroups.
func (g *DirectoryGroup) Cursor() string {
	b, _ := json.Marshal(groupCursor{Name: strings.ToLower(g.Name), ID: g.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// ListDirectoryGroups returns a page of the company's mirrored groups by name (case-
// insensitively) whose name contains query (case-insensitively; "" for all), with the
// total matching count. A malformed cursor gives ErrInvalidCursor.
func ListDirectoryGroups(ctx context.Context, idb bun.IDB, companyID, query string, first int, after string) (*DirectoryGroupPage, error) {
	first = min(max(first, 1), 100)
	where := "g.company_id = ?"
	args := []any{companyID}
	if q := strings.TrimSpace(query); q != "" {
		where += " AND strpos(lower(g.name), lower(?)) > 0"
		args = append(args, q)
	}
	page := &DirectoryGroupPage{}
	if err := idb.QueryRowContext(ctx, "SELECT count(*) FROM directory_groups g WHERE "+where, args...).Scan(&page.TotalCount); err != nil {
		return nil, fmt.Errorf("count directory groups: %w", mapError(err))
	}
	if after != "" {
		var c groupCursor
		b, err := base64.RawURLEncoding.DecodeString(after)
		if err != nil || json.Unmarshal(b, &c) != nil {
			return nil, fmt.Errorf("list directory groups: %w", ErrInvalidCursor)
		}
		where += " AND (lower(g.name), g.id) > (?, ?)"
		args = append(args, c.Name, c.ID)
	}
	args = append(args, first+1)
	var groups []DirectoryGroup
	err := idb.NewRaw(`SELECT g.id, g.name, (SELECT count(*) FROM directory_group_members m
    WHERE m.company_id = g.company_id AND m.group_id = g.id) AS member_count
FROM directory_groups g WHERE `+where+` ORDER BY lower(g.name), g.id LIMIT ?`, args...).Scan(ctx, &groups)
	if err != nil {
		return nil, fmt.Errorf("list directory groups: %w", mapError(err))
	}
	if len(groups) > first {
		groups, page.HasNextPage = groups[:first], true
	}
	page.Groups = groups
	return page, nil
}

// GroupsOfDirectoryUsers returns the mirrored groups of each of the company's given
// directory users (by name), keyed by directory user id.
func GroupsOfDirectoryUsers(ctx context.Context, idb bun.IDB, companyID string, userIDs []string) (map[string][]DirectoryGroup, error) {
	var rows []struct {
		UserID string `bun:"user_id"`
		DirectoryGroup
	}
	err := idb.NewRaw(`SELECT m.user_id, g.id, g.name, (SELECT count(*) FROM directory_group_members c
    WHERE c.company_id = g.company_id AND c.group_id = g.id) AS member_count
FROM directory_group_members m JOIN directory_groups g ON g.company_id = m.company_id AND g.id = m.group_id
WHERE m.company_id = ? AND m.user_id = ANY(?::text[]) ORDER BY lower(g.name), g.id`, companyID, pgArray(userIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load groups of directory users: %w", mapError(err))
	}
	out := make(map[string][]DirectoryGroup, len(userIDs))
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.DirectoryGroup)
	}
	return out, nil
}

// UnknownDirectoryGroups returns the ids among ids that are not groups of the company's
// mirror, in the order given.
func UnknownDirectoryGroups(ctx context.Context, idb bun.IDB, companyID string, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var known []string
	if err := idb.NewRaw("SELECT id FROM directory_groups WHERE company_id = ? AND id = ANY(?::text[])",
		companyID, pgArray(ids)).Scan(ctx, &known); err != nil {
		return nil, fmt.Errorf("check directory groups: %w", mapError(err))
	}
	have := make(map[string]bool, len(known))
	for _, id := range known {
		have[id] = true
	}
	var out []string
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// DirectoryGroupsByIDs returns the company's mirrored groups among ids, keyed by id.
func DirectoryGroupsByIDs(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]DirectoryGroup, error) {
	out := make(map[string]DirectoryGroup, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var groups []DirectoryGroup
	err := idb.NewRaw(`SELECT g.id, g.name, (SELECT count(*) FROM directory_group_members m
    WHERE m.company_id = g.company_id AND m.group_id = g.id) AS member_count
FROM directory_groups g WHERE g.company_id = ? AND g.id = ANY(?::text[])`, companyID, pgArray(ids)).Scan(ctx, &groups)
	if err != nil {
		return nil, fmt.Errorf("load directory groups: %w", mapError(err))
	}
	for _, g := range groups {
		out[g.ID] = g
	}
	return out, nil
}
