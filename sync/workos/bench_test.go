package workos_test

import (
	"context"
	"testing"

	"github.com/officetogether/dirsync/sync/workos"
)

// BenchmarkEachDirectoryUser pulls 10,000 emulator users (100 pages) over real HTTP with
// the rate limit off on both sides; it reports pages/s and users/s.
func BenchmarkEachDirectoryUser(b *testing.B) {
	bu := setup(b, setupOpts{users: 10000})
	c := bu.client(b, nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		stats, err := c.EachDirectoryUser(ctx, bu.dir.ID, func([]workos.DirectoryUser) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		if stats.Users != 10000 {
			b.Fatalf("got %d users, want 10000", stats.Users)
		}
		pages += stats.Pages
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(pages)/secs, "pages/s")
	b.ReportMetric(float64(pages*100)/secs, "users/s")
}
