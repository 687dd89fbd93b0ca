package dbtest

import (
	"context"
	"sync/atomic"

	"github.com/uptrace/bun"
)

// QueryCounter is a bun query hook that counts the statements sent to PostgreSQL.
type QueryCounter struct{ n atomic.Int64 }

var _ bun.QueryHook = (*QueryCounter)(nil)

// CountQueries installs a counter on the database and returns it.
func CountQueries(bdb *bun.DB) *QueryCounter {
	c := &QueryCounter{}
	bdb.AddQueryHook(c)
	return c
}

// BeforeQuery implements bun.QueryHook.
func (c *QueryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

// AfterQuery implements bun.QueryHook.
func (c *QueryCounter) AfterQuery(_ context.Context, _ *bun.QueryEvent) { c.n.Add(1) }

// Reset sets the count back to zero.
func (c *QueryCounter) Reset() { c.n.Store(0) }

// Count is the number of statements since the last Reset.
func (c *QueryCounter) Count() int { return int(c.n.Load()) }
