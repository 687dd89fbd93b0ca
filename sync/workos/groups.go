package workos

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// DirectoryGroup is one WorkOS directory group.
type DirectoryGroup struct {
	// ID is the WorkOS id (directory_group_...).
	ID string
	// IdpID is the identity provider's own id for the group.
	IdpID string
	// DirectoryID is the directory the group belongs to.
	DirectoryID string
	// Name is the group's name as the directory has it.
	Name string
	// UpdatedAt is WorkOS's updated_at; zero when absent.
	UpdatedAt time.Time
}

// groupsPage is one decoded page of GET /directory_groups.
type groupsPage struct {
	Data []struct {
		ID          string    `json:"id"`
		IdpID       string    `json:"idp_id"`
		DirectoryID string    `json:"directory_id"`
		Name        string    `json:"name"`
		UpdatedAt   time.Time `json:"updated_at"`
	} `json:"data"`
	ListMetadata struct {
		After *string `json:"after"`
	} `json:"list_metadata"`
}

// EachDirectoryGroup lists every group of the directory in pages of 100 (order asc) and
// calls fn once per page, like EachDirectoryUser: requests wait for the directory's rate
// limiter and are retried; a page that still fails ends the listing with an error
// wrapping ErrUpstream that names the directory and page.
func (c *Client) EachDirectoryGroup(ctx context.Context, directoryID string, fn func(page []DirectoryGroup) error) (FetchStats, error) {
	if directoryID == "" {
		return FetchStats{}, fmt.Errorf("list directory groups: %w: empty directory id", ErrInvalidRequest)
	}
	k := call{op: "list directory groups", directory: directoryID}
	return eachPage(ctx, c, k, func(ctx context.Context, after string) ([]DirectoryGroup, string, error) {
		q := url.Values{"directory": {directoryID}, "limit": {strconv.Itoa(usersPageSize)}, "order": {"asc"}}
		if after != "" {
			q.Set("after", after)
		}
		body, err := c.getRaw(ctx, "/directory_groups", q)
		if err != nil {
			return nil, "", err
		}
		var p groupsPage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, "", fmt.Errorf("%w: list of directory groups: %v", errDecode, err)
		}
		out := make([]DirectoryGroup, len(p.Data))
		for i, g := range p.Data {
			out[i] = DirectoryGroup{ID: g.ID, IdpID: g.IdpID, DirectoryID: g.DirectoryID, Name: g.Name, UpdatedAt: g.UpdatedAt}
		}
		next := ""
		if p.ListMetadata.After != nil {
			next = *p.ListMetadata.After
		}
		return out, next, nil
	}, fn)
}

// EachGroupMemberID lists the ids of the directory users in one group of the directory
// (GET /directory_users?group=, pages of 100) and calls fn once per page. The requests
// count against the directory's rate limit.
func (c *Client) EachGroupMemberID(ctx context.Context, directoryID, groupID string, fn func(ids []string) error) (FetchStats, error) {
	if directoryID == "" || groupID == "" {
		return FetchStats{}, fmt.Errorf("list group members: %w: empty directory or group id", ErrInvalidRequest)
	}
	k := call{op: "list members of group " + groupID, directory: directoryID}
	return eachPage(ctx, c, k, func(ctx context.Context, after string) ([]string, string, error) {
		q := url.Values{"group": {groupID}, "limit": {strconv.Itoa(usersPageSize)}, "order": {"asc"}}
		if after != "" {
			q.Set("after", after)
		}
		body, err := c.getRaw(ctx, "/directory_users", q)
		if err != nil {
			return nil, "", err
		}
		p, err := decodeUsersPage(body)
		if err != nil {
			return nil, "", err
		}
		ids := make([]string, len(p.users))
		for i := range p.users {
			ids[i] = p.users[i].ID
		}
		return ids, p.after, nil
	}, fn)
}

// eachPage follows a cursor-paginated listing to its end, retrying each page (see retry)
// and handing non-empty pages to fn in order. A repeated cursor is an ErrUpstream.
func eachPage[T any](ctx context.Context, c *Client, k call, fetch func(ctx context.Context, after string) ([]T, string, error), fn func([]T) error) (FetchStats, error) {
	var stats FetchStats
	seen := map[string]bool{}
	after := ""
	for page := 1; ; page++ {
		k.page = page
		type result struct {
			items []T
			after string
		}
		p, retries, err := retry(ctx, c, k, func(ctx context.Context) (result, error) {
			items, next, err := fetch(ctx, after)
			return result{items, next}, err
		})
		stats.Retries += retries
		if err != nil {
			return stats, c.redact(err)
		}
		if len(p.items) > 0 {
			if err := fn(p.items); err != nil {
				return stats, fmt.Errorf("%s: handling page: %w", k, err)
			}
			stats.Pages++
			stats.Users += len(p.items)
		}
		if p.after == "" {
			return stats, nil
		}
		if seen[p.after] {
			return stats, fmt.Errorf("%s: %w: pagination cursor %q repeated", k, ErrUpstream, p.after)
		}
		seen[p.after] = true
		after = p.after
	}
}
