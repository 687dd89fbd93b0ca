package search

import (
	"container/list"
	"sync"
)

// cache keeps the snapshots of the most recently searched companies, at most max.
type cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *snapshot, most recently used first
	byID  map[string]*list.Element
}

func newCache(max int) *cache {
	return &cache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

// get returns the company's snapshot, or nil, and marks it recently used.
func (c *cache) get(companyID string) *snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[companyID]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*snapshot)
}

// put stores s unless a newer snapshot of its company is already there, and
// evicts the least recently used companies beyond max.
func (c *cache) put(s *snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[s.companyID]; ok {
		if e.Value.(*snapshot).version <= s.version {
			e.Value = s
		}
		c.order.MoveToFront(e)
		return
	}
	c.byID[s.companyID] = c.order.PushFront(s)
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byID, oldest.Value.(*snapshot).companyID)
	}
}
