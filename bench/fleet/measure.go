package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
)

// nightResult is how the night's SCHEDULE runs ended.
type nightResult struct {
	finished, total int
	byStatus        map[string]int
	lastFinished    time.Time
}

// waitNight waits until every company has a finished SCHEDULE run, or until limit.
func waitNight(ctx context.Context, bdb *bun.DB, companies int, limit time.Duration) (nightResult, error) {
	deadline := time.Now().Add(limit)
	for {
		var rows []struct {
			Status string    `bun:"status"`
			N      int       `bun:"n"`
			Last   time.Time `bun:"last"`
		}
		err := bdb.NewRaw(`SELECT status, count(*) AS n, coalesce(max(finished_at), now()) AS last FROM sync_runs
WHERE trigger = 'SCHEDULE' GROUP BY status`).Scan(ctx, &rows)
		if err != nil {
			return nightResult{}, fmt.Errorf("count night runs: %w", err)
		}
		r := nightResult{byStatus: map[string]int{}}
		for _, row := range rows {
			r.byStatus[row.Status] = row.N
			r.total += row.N
			if row.Status != "QUEUED" && row.Status != "RUNNING" {
				r.finished += row.N
				r.lastFinished = maxTime(r.lastFinished, row.Last)
			}
		}
		if r.finished >= companies || time.Now().After(deadline) {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return r, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// timeChanges changes one random active user's job title in n random companies (four at a
// time) through the emulator and returns how long each took to reach the user's row.
func timeChanges(ctx context.Context, bdb *bun.DB, emuURL string, tenants []tenant, n int, within time.Duration) ([]time.Duration, int, error) {
	var mu sync.Mutex
	var took []time.Duration
	missed := 0
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	var firstErr error
	for i := range n {
		t := tenants[rand.IntN(len(tenants))]
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			d, err := timeChange(ctx, bdb, emuURL, t, i, within)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil && firstErr == nil:
				firstErr = err
			case err != nil:
			case d < 0:
				missed++
			default:
				took = append(took, d)
			}
		})
	}
	wg.Wait()
	slices.Sort(took)
	return took, missed, firstErr
}

func timeChange(ctx context.Context, bdb *bun.DB, emuURL string, t tenant, n int, within time.Duration) (time.Duration, error) {
	var row struct {
		ID  string          `bun:"id"`
		Raw json.RawMessage `bun:"raw"`
	}
	err := bdb.NewRaw(`SELECT id, raw FROM directory_users WHERE company_id = ? AND state = 'active' ORDER BY random() LIMIT 1`,
		t.companyID).Scan(ctx, &row)
	if err != nil {
		return 0, fmt.Errorf("pick a user of %s: %w", t.companyID, err)
	}
	var u map[string]any
	if err := json.Unmarshal(row.Raw, &u); err != nil {
		return 0, fmt.Errorf("decode user %s: %w", row.ID, err)
	}
	title := fmt.Sprintf("Bench change %d", n)
	custom, _ := u["custom_attributes"].(map[string]any)
	if custom == nil {
		custom = map[string]any{}
	}
	custom["job_title"] = title
	body, _ := json.Marshal(map[string]any{"email": u["email"], "first_name": u["first_name"], "last_name": u["last_name"],
		"idp_id": u["idp_id"], "state": "active", "custom_attributes": custom})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, emuURL+"/_emulator/users/"+row.ID, bytes.NewReader(body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("change user %s: %w", row.ID, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("change user %s: HTTP %d", row.ID, res.StatusCode)
	}
	start := time.Now()
	for time.Since(start) < within {
		n, err := bdb.NewSelect().Table("users").Where("company_id = ? AND directory_user_id = ? AND job_title = ?",
			t.companyID, row.ID, title).Count(ctx)
		if err != nil {
			return 0, fmt.Errorf("look for the change: %w", err)
		}
		if n == 1 {
			return time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return -1, nil
}

// search runs n Power Searches for random companies' admins, spread over the replicas.
func search(ctx context.Context, issuer *auth.Issuer, replicas []string, tenants []tenant, n int) (int, error) {
	failed := 0
	for i := range n {
		t := tenants[rand.IntN(len(tenants))]
		token, err := issuer.Issue(t.adminID, t.companyID, time.Hour)
		if err != nil {
			return failed, fmt.Errorf("token: %w", err)
		}
		q, _ := json.Marshal(map[string]string{"query": `{ users(first: 20, filter: {query: "a"}) { totalCount } }`})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, replicas[i%len(replicas)]+"/graphql", bytes.NewReader(q))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return failed, fmt.Errorf("search: %w", err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			failed++
		}
	}
	return failed, nil
}

// scrape reads the replica's metrics: plain series by name, and the sum of each family.
func scrape(ctx context.Context, metricsURL string) (map[string]float64, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, metricsURL, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("scrape %s: %w", metricsURL, err)
	}
	defer res.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			continue
		}
		name := line[:i]
		if j := strings.IndexByte(name, '{'); j >= 0 {
			out[name[:j]+"{}"] += v
			if strings.Contains(name, `status="429"`) {
				out[name[:j]+"{429}"] += v
			}
		}
		out[name] = v
	}
	return out, sc.Err()
}

// percentile is the p-th percentile (0..1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}
