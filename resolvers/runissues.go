package resolvers

import (
	"context"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/officetogether/dirsync/graph/model"
)

// issueGroupKey is the opaque key of the group an issue belongs to: its kind and value,
// or its kind and message when it has no value.
func issueGroupKey(is *model.SyncIssue) string {
	k := is.Kind + "\x1f"
	if is.Value != nil && *is.Value != "" {
		k += "v:" + *is.Value
	} else {
		k += "m:" + is.Message
	}
	return base64.RawURLEncoding.EncodeToString([]byte(k))
}

// issueGroups groups a run's issues, largest group first (ties in the run's order).
func issueGroups(issues []*model.SyncIssue) []*model.SyncIssueGroup {
	byKey := map[string]*model.SyncIssueGroup{}
	var order []*model.SyncIssueGroup
	for _, is := range issues {
		key := issueGroupKey(is)
		g, ok := byKey[key]
		if !ok {
			g = &model.SyncIssueGroup{Key: key, Kind: is.Kind, Value: is.Value, Message: is.Message}
			byKey[key] = g
			order = append(order, g)
		}
		g.Count++
	}
	slices.SortStableFunc(order, func(a, b *model.SyncIssueGroup) int { return b.Count - a.Count })
	return order
}

// groupIssuesPage pages the issues of one group; after is a cursor of an earlier page.
func groupIssuesPage(issues []*model.SyncIssue, key string, first *int, after *string) (*model.SyncIssueConnection, error) {
	n, err := pageSize(first, 50)
	if err != nil {
		return nil, err
	}
	start := 0
	if after != nil && *after != "" {
		i, err := strconv.Atoi(strings.TrimPrefix(*after, "i"))
		if err != nil || i < 0 || !strings.HasPrefix(*after, "i") {
			return nil, inputErr("after", "not a cursor of this list")
		}
		start = i + 1
	}
	out := &model.SyncIssueConnection{Edges: []*model.SyncIssueEdge{}, PageInfo: &model.PageInfo{}}
	for _, is := range issues {
		if issueGroupKey(is) != key {
			continue
		}
		if out.TotalCount >= start && len(out.Edges) < n {
			out.Edges = append(out.Edges, &model.SyncIssueEdge{Cursor: "i" + strconv.Itoa(out.TotalCount), Node: is})
		} else if out.TotalCount >= start {
			out.PageInfo.HasNextPage = true
		}
		out.TotalCount++
	}
	setPageEnds(out.PageInfo, len(out.Edges), func(i int) string { return out.Edges[i].Cursor })
	return out, nil
}

// runDetailsRequested reports whether a runs page asks for its runs' issues or changes
// (then each run is loaded whole; otherwise only its counts).
func runDetailsRequested(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return true
	}
	op := graphql.GetOperationContext(ctx)
	for _, edges := range graphql.CollectFields(op, fc.Field.Selections, nil) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(op, edges.Selections, nil) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(op, node.Selections, nil) {
				switch f.Name {
				case "issues", "changes", "issueGroups", "groupIssues":
					return true
				}
			}
		}
	}
	return false
}
