package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/officetogether/dirsync/sync/emulator"
)

// sample is the emulator's counters at one time.
type sample struct {
	at     time.Time
	total  uint64
	events uint64
	limit  uint64
}

// sampler polls GET /_emulator/stats every second.
type sampler struct {
	url string
	mu  sync.Mutex
	all []sample
}

func (s *sampler) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if st, err := stats(ctx, s.url); err == nil {
			smp := sample{at: time.Now(), total: st.Total, limit: st.KeyRateLimited}
			for _, r := range st.Routes {
				if r.Route == "GET /events" {
					smp.events += r.Count
				}
			}
			s.mu.Lock()
			s.all = append(s.all, smp)
			s.mu.Unlock()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// last is the newest sample.
func (s *sampler) last() sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.all) == 0 {
		return sample{}
	}
	return s.all[len(s.all)-1]
}

// peakPerMinute is the most requests in any 60 s between from and to.
func (s *sampler) peakPerMinute(from, to time.Time) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var best uint64
	lo := 0
	for hi, h := range s.all {
		if h.at.Before(from) || h.at.After(to) {
			continue
		}
		for lo < hi && (s.all[lo].at.Before(from) || h.at.Sub(s.all[lo].at) > time.Minute) {
			lo++
		}
		best = max(best, h.total-s.all[lo].total)
	}
	return best
}

func stats(ctx context.Context, emuURL string) (emulator.Stats, error) {
	var st emulator.Stats
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, emuURL+"/_emulator/stats", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return st, fmt.Errorf("emulator stats: %w", err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		return st, fmt.Errorf("decode emulator stats: %w", err)
	}
	return st, nil
}
