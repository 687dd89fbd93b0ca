package db

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// DirectoryUserQuery selects a page of a company's directory users, ordered by email then id.
type DirectoryUserQuery struct {
	CompanyID string
	// Text keeps users with, for every word of it, a name or email word starting with it.
	Text string
	// Assigned, when set, keeps only assigned (true) or un-assigned (false) users.
	Assigned *bool
	// State, when set, keeps only users in that directory state (active, inactive).
	State string
	// GroupID, when set, keeps only members of that mirrored directory group.
	GroupID string
	// First is the page size, 1..100 (clamped).
	First int
	// After is the EndCursor of the previous page.
	After string
}

// DirectoryUserPage is one page of directory users.
type DirectoryUserPage struct {
	Users       []DirectoryUser
	EndCursor   string
	HasNextPage bool
	TotalCount  int
}

type directoryUserCursor struct {
	Email string `json:"e"`
	ID    string `json:"i"`
}

// ListDirectoryUsers returns a page of the company's mirror with the total matching count.
// A malformed cursor gives ErrInvalidCursor.
func ListDirectoryUsers(ctx context.Context, idb bun.IDB, q DirectoryUserQuery) (*DirectoryUserPage, error) {
	first := min(max(q.First, 1), 100)
	filter := func(sq *bun.SelectQuery) *bun.SelectQuery {
		sq = sq.Where("company_id = ?", q.CompanyID)
		if ts := directoryTSQuery(q.Text); ts != "" {
			sq = sq.Where("search_words @@ ?::tsquery", ts)
		}
		if q.Assigned != nil {
			sq = sq.Where("assigned = ?", *q.Assigned)
		}
		if q.State != "" {
			sq = sq.Where("state = ?", strings.ToLower(q.State))
		}
		if q.GroupID != "" {
			sq = sq.Where(`EXISTS (SELECT 1 FROM directory_group_members m
    WHERE m.company_id = directory_user.company_id AND m.group_id = ? AND m.user_id = directory_user.id)`, q.GroupID)
		}
		return sq
	}
	total, err := filter(idb.NewSelect().Model((*DirectoryUser)(nil))).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count directory users: %w", mapError(err))
	}
	var users []DirectoryUser
	sel := filter(idb.NewSelect().Model(&users)).
		OrderExpr("coalesce(email, ''), id").Limit(int64(first + 1))
	if q.After != "" {
		var c directoryUserCursor
		b, err := base64.RawURLEncoding.DecodeString(q.After)
		if err != nil || json.Unmarshal(b, &c) != nil {
			return nil, fmt.Errorf("list directory users: %w", ErrInvalidCursor)
		}
		sel = sel.Where("(coalesce(email, ''), id) > (?, ?)", c.Email, c.ID)
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list directory users: %w", mapError(err))
	}
	page := &DirectoryUserPage{TotalCount: int(total)}
	if len(users) > first {
		users, page.HasNextPage = users[:first], true
	}
	page.Users = users
	if n := len(users); n > 0 {
		page.EndCursor = users[n-1].Cursor()
	}
	return page, nil
}

// Cursor is the opaque position of the directory user in ListDirectoryUsers' order.
func (u *DirectoryUser) Cursor() string {
	b, _ := json.Marshal(directoryUserCursor{Email: strings.ToLower(deref(u.Email)), ID: u.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// directoryTSQuery turns text into a prefix tsquery over directory_users.search_words:
// "Ann Sm" becomes 'ann':* & 'sm':*. Terms hold only letters and digits. "" for no term.
func directoryTSQuery(text string) string {
	terms := searchTerms(text)
	if len(terms) > 8 {
		terms = terms[:8]
	}
	for i, t := range terms {
		terms[i] = "'" + t + "':*"
	}
	return strings.Join(terms, " & ")
}

// GetDirectoryUsers loads the company's directory users with the given ids, in the order
// of ids; ids of other companies or unknown ids are left out.
func GetDirectoryUsers(ctx context.Context, idb bun.IDB, companyID string, ids []string) ([]DirectoryUser, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var users []DirectoryUser
	err := idb.NewSelect().Model(&users).Where("company_id = ? AND id IN (?)", companyID, bun.In(ids)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("get directory users: %w", mapError(err))
	}
	byID := make(map[string]int, len(users))
	for i := range users {
		byID[users[i].ID] = i
	}
	out := make([]DirectoryUser, 0, len(users))
	for _, id := range ids {
		if i, ok := byID[id]; ok {
			out = append(out, users[i])
			delete(byID, id)
		}
	}
	return out, nil
}

// SetDirectoryUserAssignment sets assigned on the company's directory users with the given
// ids and returns them in the order of ids. Unknown ids (or other companies') are returned
// in missing and nothing is changed for any id.
func SetDirectoryUserAssignment(ctx context.Context, idb bun.IDB, companyID string, ids []string, assigned bool, now time.Time) (users []DirectoryUser, missing []string, err error) {
	found, err := GetDirectoryUsers(ctx, idb, companyID, ids)
	if err != nil {
		return nil, nil, err
	}
	have := make(map[string]bool, len(found))
	for _, u := range found {
		have[u.ID] = true
	}
	for _, id := range ids {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, missing, nil
	}
	_, err = idb.NewUpdate().Model((*DirectoryUser)(nil)).
		Set("assigned = ?, updated_at = ?", assigned, now).
		Where("company_id = ? AND id IN (?) AND assigned <> ?", companyID, bun.In(ids), assigned).Exec(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("set directory user assignment: %w", mapError(err))
	}
	for i := range found {
		if found[i].Assigned != assigned {
			found[i].Assigned, found[i].UpdatedAt = assigned, now
		}
	}
	return found, nil, nil
}

// EachDirectoryUser calls fn with the company's directory users in batches of up to size
// (ordered by id), for attribute discovery and previews over the whole mirror.
func EachDirectoryUser(ctx context.Context, idb bun.IDB, companyID string, size int, fn func([]DirectoryUser) error) error {
	after := ""
	for {
		var batch []DirectoryUser
		err := idb.NewSelect().Model(&batch).Where("company_id = ? AND id > ?", companyID, after).
			OrderExpr("id").Limit(int64(size)).Scan(ctx)
		if err != nil {
			return fmt.Errorf("read directory users after %q: %w", after, mapError(err))
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < size {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// UsersByDirectoryUserIDs loads the company's users linked to the given directory user ids,
// keyed by directory user id (for DirectoryUser.user).
func UsersByDirectoryUserIDs(ctx context.Context, idb bun.IDB, companyID string, ids []string) (map[string]*User, error) {
	out := make(map[string]*User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var users []User
	err := idb.NewSelect().Model(&users).
		Where("company_id = ? AND directory_user_id IN (?)", companyID, bun.In(ids)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load linked users: %w", mapError(err))
	}
	for i := range users {
		out[*users[i].DirectoryUserID] = &users[i]
	}
	return out, nil
}
