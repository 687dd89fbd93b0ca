package search

import (
	"container/list"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// cache keeps the snapshots of the most recently searched companies within a budget of
// bytes (each snapshot's estimated size, see snapshot.bytes), evicting the least recently
// used companies first. A snapshot larger than the whole budget is not kept.
type cache struct {
	mu        sync.Mutex
	maxBytes  int64
	used      int64
	evictions int64
	order     *list.List // of *cached, most recently used first
	byID      map[string]*list.Element
}

// cached is one company's snapshot and its size when it was stored.
type cached struct {
	snap *snapshot
	size int64
}

func newCache(maxBytes int64) *cache {
	return &cache{maxBytes: maxBytes, order: list.New(), byID: map[string]*list.Element{}}
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
	return e.Value.(*cached).snap
}

// put stores s unless a newer snapshot of its company is already there, and evicts the
// least recently used companies until the cache is within its bytes again.
func (c *cache) put(s *snapshot) {
	size := s.bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[s.companyID]; ok {
		old := e.Value.(*cached)
		if old.snap.version > s.version {
			c.order.MoveToFront(e)
			return
		}
		c.remove(e)
	}
	if size > c.maxBytes {
		return
	}
	c.byID[s.companyID] = c.order.PushFront(&cached{snap: s, size: size})
	c.used += size
	for c.used > c.maxBytes {
		c.remove(c.order.Back())
		c.evictions++
	}
}

func (c *cache) remove(e *list.Element) {
	v := c.order.Remove(e).(*cached)
	delete(c.byID, v.snap.companyID)
	c.used -= v.size
}

// stats returns the bytes used, the companies kept and the evictions so far.
func (c *cache) stats() (used int64, companies int, evictions int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, c.order.Len(), c.evictions
}

var (
	cacheBytesDesc = prometheus.NewDesc("dirsync_search_cache_bytes",
		"Estimated bytes of the Power Search indexes this replica keeps.", nil, nil)
	cacheLimitDesc = prometheus.NewDesc("dirsync_search_cache_limit_bytes",
		"The Power Search cache's limit (DIRSYNC_SEARCH_CACHE_MB).", nil, nil)
	cacheCompaniesDesc = prometheus.NewDesc("dirsync_search_cache_companies",
		"Companies whose Power Search index this replica keeps.", nil, nil)
	cacheEvictionsDesc = prometheus.NewDesc("dirsync_search_cache_evictions_total",
		"Power Search indexes evicted to stay within the cache's bytes.", nil, nil)
)

// cacheCollector exposes a cache's stats as Prometheus metrics.
type cacheCollector struct{ c *cache }

// Describe implements prometheus.Collector.
func (cc cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cacheBytesDesc
	ch <- cacheLimitDesc
	ch <- cacheCompaniesDesc
	ch <- cacheEvictionsDesc
}

// Collect implements prometheus.Collector.
func (cc cacheCollector) Collect(ch chan<- prometheus.Metric) {
	used, companies, evictions := cc.c.stats()
	ch <- prometheus.MustNewConstMetric(cacheBytesDesc, prometheus.GaugeValue, float64(used))
	ch <- prometheus.MustNewConstMetric(cacheLimitDesc, prometheus.GaugeValue, float64(cc.c.maxBytes))
	ch <- prometheus.MustNewConstMetric(cacheCompaniesDesc, prometheus.GaugeValue, float64(companies))
	ch <- prometheus.MustNewConstMetric(cacheEvictionsDesc, prometheus.CounterValue, float64(evictions))
}
