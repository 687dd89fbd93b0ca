package emulator_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/workos/workos-go/v4/pkg/directorysync"

	"github.com/officetogether/dirsync/sync/emulator"
)

// BenchmarkListDirectoryUsers100k walks 100,000 generated users in pages of
// 100 through the SDK over HTTP with the rate limit off. One iteration is a
// full walk (1,000 pages). It reports pages/s, the heap in use after
// generation, and the allocations per walk.
func BenchmarkListDirectoryUsers100k(b *testing.B) {
	const users, limit = 100_000, 100
	em := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, KeyRateLimit: 1 << 30})
	defer em.Close()
	org, err := em.CreateOrganization(emulator.Organization{Name: "Bench Corp", Domains: []string{"bench.example"}})
	if err != nil {
		b.Fatal(err)
	}
	d, err := em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "generic scim v2.0"})
	if err != nil {
		b.Fatal(err)
	}
	genStart := time.Now()
	if err := em.GenerateUsers(d.ID, users, 1); err != nil {
		b.Fatal(err)
	}
	genTime := time.Since(genStart)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	srv := httptest.NewServer(em)
	defer srv.Close()
	client := &directorysync.Client{APIKey: "sk_bench", Endpoint: srv.URL, HTTPClient: srv.Client()}
	ctx := context.Background()

	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		seen := 0
		opts := directorysync.ListUsersOpts{Directory: d.ID, Limit: limit}
		for {
			res, err := client.ListUsers(ctx, opts)
			if err != nil {
				b.Fatal(err)
			}
			pages++
			seen += len(res.Data)
			if res.ListMetadata.After == "" {
				break
			}
			opts.After = res.ListMetadata.After
		}
		if seen != users {
			b.Fatalf("walk saw %d users, want %d", seen, users)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(genTime.Seconds(), "gen-s")
}

// BenchmarkServeDirectoryUsers100kRaw is the same walk with a plain HTTP
// client that reads each body without decoding it: the emulator's own
// throughput, without the SDK's JSON decoding.
func BenchmarkServeDirectoryUsers100kRaw(b *testing.B) {
	const users = 100_000
	em := emulator.New(emulator.Options{RateLimit: emulator.NoRateLimit, KeyRateLimit: 1 << 30})
	defer em.Close()
	org, _ := em.CreateOrganization(emulator.Organization{Name: "Bench Corp", Domains: []string{"bench.example"}})
	d, _ := em.CreateDirectory(emulator.Directory{OrganizationID: org.ID, Type: "generic scim v2.0"})
	if err := em.GenerateUsers(d.ID, users, 1); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(em)
	defer srv.Close()
	client := srv.Client()
	b.ReportAllocs()
	b.ResetTimer()
	pages, size := 0, 0
	var buf bytes.Buffer
	for b.Loop() {
		after := ""
		for {
			url := srv.URL + "/directory_users?limit=100&order=desc&directory=" + d.ID
			if after != "" {
				url += "&after=" + after
			}
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("Authorization", "Bearer sk_bench")
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			buf.Reset()
			_, err = buf.ReadFrom(res.Body)
			res.Body.Close()
			if err != nil || res.StatusCode != 200 {
				b.Fatalf("page %d: %d %v", pages, res.StatusCode, err)
			}
			body := buf.Bytes()
			pages++
			size += len(body)
			i := bytes.LastIndex(body, []byte(`"after":"`))
			if i < 0 {
				break
			}
			after = string(body[i+len(`"after":"`) : len(body)-3])
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(size)/float64(pages)/1024, "KB/page")
}
