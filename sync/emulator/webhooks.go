package emulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// webhookConfig is the webhook endpoint events are sent to.
type webhookConfig struct {
	url, secret string
}

// SetWebhook configures (or, with empty url, disables) webhook delivery of
// events emitted from now on.
func (e *Emulator) SetWebhook(url, secret string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.webhook = webhookConfig{url: url, secret: secret}
}

// Sign returns the WorkOS-Signature header value for body at time t:
// "t=<unix ms>, v1=<hex HMAC-SHA256(secret, "<unix ms>.<body>")>".
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return "t=" + ts + ", v1=" + hex.EncodeToString(mac.Sum(nil))
}

type delivery struct {
	ev  *event
	cfg webhookConfig
}

// deliverer posts queued events in order from one goroutine, started on
// the first delivery, retrying failures with exponential backoff.
type deliverer struct {
	e       *Emulator
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	wake    chan struct{}
	mu      sync.Mutex
	queue   []delivery
	started bool
	stopped bool
}

func newDeliverer(e *Emulator) *deliverer {
	ctx, cancel := context.WithCancel(context.Background())
	return &deliverer{e: e, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1)}
}

// enqueue queues an event for delivery.
func (d *deliverer) enqueue(ev *event, cfg webhookConfig) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.queue = append(d.queue, delivery{ev: ev, cfg: cfg})
	if !d.started {
		d.started = true
		d.wg.Add(1)
		go d.run()
	}
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// stop ends delivery and waits for the worker.
func (d *deliverer) stop() {
	d.mu.Lock()
	d.stopped = true
	d.queue = nil
	d.mu.Unlock()
	d.cancel()
	d.wg.Wait()
}

func (d *deliverer) run() {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		var next *delivery
		if len(d.queue) > 0 {
			next = &d.queue[0]
			d.queue = d.queue[1:]
		}
		d.mu.Unlock()
		if next == nil {
			select {
			case <-d.ctx.Done():
				return
			case <-d.wake:
				continue
			}
		}
		d.deliver(*next)
	}
}

// deliver posts one event with retries.
func (d *deliverer) deliver(job delivery) {
	body := job.ev.appendJSON(nil)
	backoff := d.e.opts.WebhookBackoff
	for attempt := 0; attempt <= d.e.opts.WebhookRetries; attempt++ {
		if attempt > 0 {
			t := time.NewTimer(backoff)
			select {
			case <-d.ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			backoff *= 2
		}
		if d.post(job.cfg, body) == nil {
			return
		}
		if d.ctx.Err() != nil {
			return
		}
	}
}

func (d *deliverer) post(cfg webhookConfig, body []byte) error {
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, cfg.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dirsync-workos-emulator")
	req.Header.Set("WorkOS-Signature", Sign(cfg.secret, d.e.opts.Now(), body))
	res, err := d.e.opts.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("webhook post: %w", err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("webhook post: status %d", res.StatusCode)
	}
	return nil
}
