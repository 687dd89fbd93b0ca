package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"sync/atomic"
	"time"
)

// roundRobin is a reverse proxy in the benchmark that hands each request to the next
// replica in turn, as a load balancer in front of the cluster would: the emulator's
// webhooks go through it.
type roundRobin struct {
	srv  *http.Server
	addr string
}

// startRoundRobin serves a round-robin proxy over the replicas' base URLs on a free
// loopback port.
func startRoundRobin(replicas []string) (*roundRobin, error) {
	targets := make([]*url.URL, len(replicas))
	for i, r := range replicas {
		u, err := url.Parse(r)
		if err != nil {
			return nil, fmt.Errorf("proxy target %q: %w", r, err)
		}
		targets[i] = u
	}
	var next atomic.Uint64
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(targets[(next.Add(1)-1)%uint64(len(targets))])
		pr.SetXForwarded()
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("proxy listen: %w", err)
	}
	rr := &roundRobin{srv: &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}, addr: ln.Addr().String()}
	go func() {
		if err := rr.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "bench-fleet: round-robin proxy:", err)
		}
	}()
	return rr, nil
}

// url is the proxy's base URL.
func (rr *roundRobin) url() string { return "http://" + rr.addr }

// close stops the proxy.
func (rr *roundRobin) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = rr.srv.Shutdown(ctx)
}

// setWebhook points the emulator's signed webhook delivery at hookURL (PUT
// /_emulator/webhook); an empty hookURL turns delivery off.
func setWebhook(ctx context.Context, emuURL, hookURL, secret string) error {
	body, _ := json.Marshal(map[string]string{"url": hookURL, "secret": secret})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, emuURL+"/_emulator/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("set the emulator's webhook: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		return fmt.Errorf("set the emulator's webhook: HTTP %d", res.StatusCode)
	}
	return nil
}
