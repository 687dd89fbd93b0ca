package engine_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/officetogether/dirsync/sync/emulator"
)

// benchEmulatorEnv, when set to a user count, turns the test binary into the benchmarks'
// out-of-process WorkOS emulator (see startBenchEmulator), so that the benchmark process
// holds only what a dirsync server holds and its memory can be measured as the server's.
const benchEmulatorEnv = "DIRSYNC_BENCH_EMULATOR_USERS"

// benchRateLimitEnv set to "1" keeps the emulator's 4 requests/second limit on.
const benchRateLimitEnv = "DIRSYNC_BENCH_EMULATOR_RATE_LIMITED"

// benchGroupsEnv, when set to a group count above 0, puts the emulator's users in that many
// groups (1 to 8 each) instead of one per department, with users' "groups" arrays empty (as
// WorkOS sends them to teams created after it deprecated them), so that a sync reads each
// group's members.
const benchGroupsEnv = "DIRSYNC_BENCH_EMULATOR_GROUPS"

func TestMain(m *testing.M) {
	if n := os.Getenv(benchEmulatorEnv); n != "" {
		if err := serveBenchEmulator(n, os.Getenv(benchGroupsEnv), os.Getenv(benchRateLimitEnv) == "1"); err != nil {
			fmt.Fprintln(os.Stderr, "bench emulator:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// serveBenchEmulator generates a directory of users (in groups, see benchGroupsEnv), prints
// "URL ORG DIR" on stdout and serves until stdin closes. Each "change-1pct" line on stdin appends " II" to the job
// title of every 100th user and answers with the number changed.
func serveBenchEmulator(count, groupCount string, rateLimited bool) error {
	users, err := strconv.Atoi(count)
	if err != nil {
		return fmt.Errorf("user count %q: %w", count, err)
	}
	groups := 0
	if groupCount != "" {
		if groups, err = strconv.Atoi(groupCount); err != nil {
			return fmt.Errorf("group count %q: %w", groupCount, err)
		}
	}
	rate := float64(emulator.NoRateLimit)
	if rateLimited {
		rate = emulator.DefaultRateLimit
	}
	em := emulator.New(emulator.Options{RateLimit: rate})
	defer em.Close()
	org, err := em.CreateOrganization(emulator.Organization{Name: "Bench", Domains: []string{"bench.test"}})
	if err != nil {
		return err
	}
	d := emulator.Directory{OrganizationID: org.ID, Type: "okta scim v2.0"}
	if groups > 0 {
		d.UserGroups = emulator.GroupsEmpty
	}
	dir, err := em.CreateDirectory(d)
	if err != nil {
		return err
	}
	if err := em.GenerateUsersWith(dir.ID, emulator.GenerateOptions{Count: users, Seed: 11, Groups: groups, MinGroups: 1, MaxGroups: 8}); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: em}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	fmt.Printf("http://%s %s %s\n", ln.Addr(), org.ID, dir.ID)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() != "change-1pct" {
			return fmt.Errorf("unknown command %q", in.Text())
		}
		all, err := em.Users(dir.ID)
		if err != nil {
			return err
		}
		changed := 0
		for i := 0; i < len(all); i += 100 {
			u := all[i]
			u.JobTitle += " II"
			u.CustomAttributes["job_title"] = u.JobTitle
			if _, err := em.PutUser(dir.ID, u); err != nil {
				return err
			}
			changed++
		}
		fmt.Println(changed)
	}
	return in.Err()
}
