package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/officetogether/dirsync/devpg"
)

// cmdDevDB prints the URL of a PostgreSQL server for tests and benchmarks: the
// local one if it answers, else a private one under .data (started if needed).
func cmdDevDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("devdb", flag.ContinueOnError)
	dataDir := fs.String("data-dir", defaultDataDir, "where the private PostgreSQL lives")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	url, err := devpg.Find(ctx, *dataDir, func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) })
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, url)
	return nil
}
