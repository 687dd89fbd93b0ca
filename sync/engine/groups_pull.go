package engine

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// pulledGroups are the directory's groups and memberships as one pull read them.
type pulledGroups struct {
	groups  []db.GroupRow
	members []db.MemberRow
	// fromUsers are the memberships the users' deprecated "groups" arrays listed, and filled
	// whether any user had a non-empty one (WorkOS still fills them for this team).
	fromUsers []db.MemberRow
	filled    bool
	// change, when not nil, is how groups and members differ from the mirror (an events
	// run's fold, groupevents.go): only that is written.
	change *db.GroupMirrorChange
}

// noteUserGroups records the groups a pulled user's own "groups" array listed.
func (g *pulledGroups) noteUserGroups(userID string, groupIDs []string) {
	if len(groupIDs) == 0 {
		return
	}
	g.filled = true
	for _, id := range groupIDs {
		g.fromUsers = append(g.fromUsers, db.MemberRow{GroupID: id, UserID: userID})
	}
}

// pullGroups reads every group of the directory and, unless the users' own "groups" arrays
// already listed the memberships (teams WorkOS still fills them for), each group's members
// (GET /directory_users?group=), all within the directory's rate limit. A page that cannot
// be read fails the pull, so the run changes nothing.
func (r *runner) pullGroups(ctx context.Context) error {
	dirID := *r.connection.DirectoryID
	g := r.groups
	stats, err := r.s.dir.EachDirectoryGroup(ctx, dirID, func(page []workos.DirectoryGroup) error {
		for _, x := range page {
			row := db.GroupRow{ID: x.ID, DirectoryID: x.DirectoryID, IdpID: x.IdpID, Name: x.Name}
			if row.DirectoryID == "" {
				row.DirectoryID = dirID
			}
			if !x.UpdatedAt.IsZero() {
				t := x.UpdatedAt
				row.WorkOSUpdatedAt = &t
			}
			g.groups = append(g.groups, row)
		}
		return nil
	})
	if err != nil {
		return &readingError{what: "the directory's groups", err: fmt.Errorf("pull groups of directory %s: %w", dirID, err)}
	}
	pages, retries := stats.Pages, stats.Retries
	if g.filled {
		g.members, g.fromUsers = g.fromUsers, nil
	} else {
		g.fromUsers = nil
		for _, grp := range g.groups {
			st, err := r.s.dir.EachGroupMemberID(ctx, dirID, grp.ID, func(ids []string) error {
				for _, id := range ids {
					g.members = append(g.members, db.MemberRow{GroupID: grp.ID, UserID: r.existing.directoryUserID([]byte(id))})
				}
				return nil
			})
			pages, retries = pages+st.Pages, retries+st.Retries
			if err != nil {
				return &readingError{what: "the directory's group members", err: fmt.Errorf("pull members of group %s: %w", grp.ID, err)}
			}
		}
	}
	r.phases = append(r.phases, slog.Int("groups", len(g.groups)), slog.Int("group_pages", pages), slog.Int("group_retries", retries))
	return nil
}

// writeGroups replaces the group mirror with what the pull read, or writes what a batch of
// group events changed, in the run's transaction; a run without either leaves it alone.
func (r *runner) writeGroups(ctx context.Context, tx bun.Tx) error {
	if r.groups == nil {
		return nil
	}
	if r.groups.change != nil {
		_, err := db.ChangeGroupMirror(ctx, tx, r.run.CompanyID, *r.groups.change, r.s.now())
		return err
	}
	_, err := db.ReplaceGroupMirror(ctx, r.conn, tx, r.run.CompanyID, r.groups.groups, r.groups.members, r.s.now())
	return err
}
