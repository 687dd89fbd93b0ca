package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := commandConfig("serve", args, stderr, nil)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	a, err := newApp(ctx, cfg, logger, appOptions{})
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	logger.Info("dirsync serving", "addr", ln.Addr().String())
	return a.serve(ctx, ln)
}
