package dbtest

import (
	"context"
	"sync"

	"github.com/uptrace/bun"
)

// QueryCounter is a bun query hook that counts the statements sent to PostgreSQL and,
// once Reset, keeps their text.
type QueryCounter struct {
	mu        sync.Mutex
	n         int
	recording bool
	texts     []string
}

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
func (c *QueryCounter) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	if c.recording {
		c.texts = append(c.texts, e.Query)
	}
}

// Reset sets the count back to zero and starts keeping the statements' text.
func (c *QueryCounter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n, c.recording, c.texts = 0, true, nil
}

// Count is the number of statements since the last Reset.
func (c *QueryCounter) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Statements are the statements sent since the last Reset, in order.
func (c *QueryCounter) Statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.texts...)
}
