package resolvers

import (
	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/graph/model"
	"github.com/officetogether/dirsync/search"
)

// toUser converts a user; labels name the tag fields of the user's tag values.
func toUser(u *db.User, office *db.Office, labels tagLabels) *model.User {
	return &model.User{
		ID:              u.ID,
		Email:           u.Email,
		FirstName:       u.FirstName,
		LastName:        u.LastName,
		Name:            u.Name(),
		JobTitle:        u.JobTitle,
		Department:      u.Department,
		Division:        u.Division,
		Office:          toOffice(office),
		Tags:            distinctTags(u.Tags),
		TagValues:       toTagValues(u.Tags, u.TagFields, labels),
		Status:          model.UserStatus(u.Status),
		Role:            model.UserRole(u.Role),
		Source:          model.UserSource(u.Source),
		DirectoryUserID: u.DirectoryUserID,
		LastSyncedAt:    u.LastSyncedAt,
	}
}

func toOffice(o *db.Office) *model.Office {
	if o == nil {
		return nil
	}
	aliases := o.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return &model.Office{ID: o.ID, Name: o.Name, Aliases: aliases}
}

func toUserConnection(res *search.Result, labels tagLabels) *model.UserConnection {
	conn := &model.UserConnection{
		Edges:      make([]*model.UserEdge, 0, len(res.Users)),
		PageInfo:   &model.PageInfo{HasNextPage: res.HasNextPage},
		TotalCount: res.TotalCount,
		Facets: &model.UserFacets{
			Departments: toFacetCounts(res.Facets.Departments),
			Divisions:   toFacetCounts(res.Facets.Divisions),
			Offices:     toFacetCounts(res.Facets.Offices),
			Tags:        toFacetCounts(res.Facets.Tags),
			TagFields:   toTagFieldFacets(res.Facets.TagFields, labels),
		},
	}
	for i := range res.Users {
		row := &res.Users[i]
		conn.Edges = append(conn.Edges, &model.UserEdge{Cursor: row.Cursor, Node: toUser(&row.User, row.Office, labels)})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn
}

func toFacetCounts(in []search.FacetCount) []*model.FacetCount {
	out := make([]*model.FacetCount, len(in))
	for i, f := range in {
		out[i] = &model.FacetCount{Value: f.Value, Label: f.Label, Count: f.Count}
	}
	return out
}
