package main

import (
	"context"
	"io"

	"github.com/officetogether/dirsync/sync/emulator"
)

func cmdEmulator(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return emulator.RunCLI(ctx, args, stdout, stderr)
}
