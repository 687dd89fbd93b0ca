package server

import (
	"github.com/officetogether/dirsync/graph"
	"github.com/officetogether/dirsync/graph/model"
)

// complexity weighs list fields by the page size they ask for, so that the
// complexity limit bounds the rows a query can make the server produce.
func complexity() graph.ComplexityRoot {
	var c graph.ComplexityRoot
	c.Query.Users = func(child int, _ *model.UserFilter, first *int, _ *string, _ *model.UserOrder) int {
		return 1 + child*pageOr(first, 50)
	}
	c.DirectorySync.DirectoryUsers = func(child int, _ *model.DirectoryUserFilter, first *int, _ *string) int {
		return 1 + child*pageOr(first, 50)
	}
	c.DirectorySync.Runs = func(child int, first *int, _ *string) int {
		return 1 + child*pageOr(first, 20)
	}
	c.DirectorySync.AuditEvents = func(child int, first *int, _ *string) int {
		return 1 + child*pageOr(first, 50)
	}
	return c
}

// pageOr is the page size a list argument asks for, clamped to what resolvers allow.
func pageOr(first *int, def int) int {
	if first == nil {
		return def
	}
	return min(max(*first, 1), 100)
}
