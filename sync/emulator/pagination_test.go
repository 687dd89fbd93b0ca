package emulator_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workos/workos-go/v4/pkg/common"
	"github.com/workos/workos-go/v4/pkg/directorysync"
	"github.com/workos/workos-go/v4/pkg/workos_errors"
)

// cursorDir names one of the two list_metadata cursors.
type cursorDir string

const (
	useAfter  cursorDir = "after"
	useBefore cursorDir = "before"
)

func (c cursorDir) get(m common.ListMetadata) string {
	if c == useAfter {
		return m.After
	}
	return m.Before
}

func (c cursorDir) set(o *directorysync.ListUsersOpts, id string) {
	o.After, o.Before = "", ""
	if c == useAfter {
		o.After = id
	} else {
		o.Before = id
	}
}

// walkPages lists pages following cursor c until it is null; it returns
// the pages' ids and the last page's metadata.
func walkPages(t *testing.T, b *bundle, opts directorysync.ListUsersOpts, c cursorDir) ([][]string, common.ListMetadata) {
	t.Helper()
	var pages [][]string
	for range 1000 {
		res, err := b.dsync.ListUsers(context.Background(), opts)
		require.NoError(t, err)
		page := make([]string, 0, len(res.Data))
		for _, u := range res.Data {
			page = append(page, u.ID)
		}
		pages = append(pages, page)
		next := c.get(res.ListMetadata)
		if next == "" {
			return pages, res.ListMetadata
		}
		c.set(&opts, next)
	}
	t.Fatal("pagination did not end")
	return nil, common.ListMetadata{}
}

func TestListUsersPagination(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "okta", 47)
	all, err := b.em.Users(d.ID)
	require.NoError(t, err)
	asc := make([]string, len(all))
	for i, u := range all {
		asc[i] = u.ID
	}
	require.True(t, slices.IsSorted(asc), "ids sort by creation")
	desc := slices.Clone(asc)
	slices.Reverse(desc)

	tests := []struct {
		name          string
		order         directorysync.Order
		limit         int
		forward, back cursorDir
		want          []string
	}{
		{"asc", directorysync.Asc, 10, useAfter, useBefore, asc},
		{"desc", directorysync.Desc, 10, useAfter, useBefore, desc},
		{"normal", "normal", 10, useBefore, useAfter, desc},
		{"default order is desc", "", 10, useAfter, useBefore, desc},
		{"asc limit 1", directorysync.Asc, 1, useAfter, useBefore, asc},
		{"desc limit 100", directorysync.Desc, 100, useAfter, useBefore, desc},
		{"normal limit 7", "normal", 7, useBefore, useAfter, desc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := directorysync.ListUsersOpts{Directory: d.ID, Limit: tt.limit, Order: tt.order}
			fwd, last := walkPages(t, b, opts, tt.forward)
			require.Equal(t, tt.want, slices.Concat(fwd...), "forwards: every user once, in order")
			if len(fwd) == 1 {
				require.Empty(t, tt.back.get(last), "single page has no previous page")
				return
			}
			// Backwards from the last page to the first.
			start := tt.back.get(last)
			require.NotEmpty(t, start)
			tt.back.set(&opts, start)
			backPages, first := walkPages(t, b, opts, tt.back)
			slices.Reverse(backPages)
			require.Equal(t, fwd[:len(fwd)-1], backPages, "backwards yields the same pages")
			require.Equal(t, fwd[0], backPages[0])
			require.NotEmpty(t, tt.forward.get(first), "first page points forward")
		})
	}
}

func TestListUsersLimitAndOrderValidation(t *testing.T) {
	t.Parallel()
	b := setup(t, noRateLimit)
	d := b.directory(t, "generic", 3)
	tests := []struct {
		name  string
		opts  directorysync.ListUsersOpts
		field string
	}{
		{"negative limit", directorysync.ListUsersOpts{Directory: d.ID, Limit: -1}, "limit"},
		{"limit 101", directorysync.ListUsersOpts{Directory: d.ID, Limit: 101}, "limit"},
		{"limit 500", directorysync.ListUsersOpts{Directory: d.ID, Limit: 500}, "limit"},
		{"bad order", directorysync.ListUsersOpts{Directory: d.ID, Limit: 10, Order: "sideways"}, "order"},
		{"no directory or group", directorysync.ListUsersOpts{Limit: 10}, "directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := b.dsync.ListUsers(context.Background(), tt.opts)
			var he workos_errors.HTTPError
			require.True(t, errors.As(err, &he), "%v", err)
			require.Equal(t, 422, he.Code)
			require.Len(t, he.FieldErrors, 1)
			require.Equal(t, tt.field, he.FieldErrors[0].Field)
			require.NotEmpty(t, he.RequestID)
		})
	}
	for _, limit := range []int{1, 100} {
		res, err := b.dsync.ListUsers(context.Background(), directorysync.ListUsersOpts{Directory: d.ID, Limit: limit})
		require.NoError(t, err, "limit %d", limit)
		require.Len(t, res.Data, min(limit, 3))
	}
}
