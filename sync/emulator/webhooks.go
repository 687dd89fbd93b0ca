package emulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
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

// WebhookFaults makes webhook delivery behave like an at-least-once,
// unordered transport, as WorkOS's webhooks are.
type WebhookFaults struct {
	// Duplicate is the share (0..1) of events delivered a second time, after
	// the rest of their batch.
	Duplicate float64 `json:"duplicate"`
	// Reorder, when 2 or more, sends events in batches of up to Reorder
	// (waiting up to ReorderWait for a batch to fill) in shuffled order,
	// never the order they happened in.
	Reorder int `json:"reorder"`
	// ReorderWait bounds the wait for a batch to fill (default 100ms).
	ReorderWait Duration `json:"reorder_wait"`
}

func (f WebhookFaults) validate() error {
	if f.Duplicate < 0 || f.Duplicate > 1 {
		return invalid("duplicate", "invalid", "duplicate must be within 0..1")
	}
	if f.Reorder < 0 || f.ReorderWait < 0 {
		return invalid("reorder", "invalid", "reorder and reorder_wait must not be negative")
	}
	return nil
}

// SetWebhookFaults sets duplicate and out-of-order delivery for events
// delivered from now on.
func (e *Emulator) SetWebhookFaults(f WebhookFaults) error {
	if err := f.validate(); err != nil {
		return fmt.Errorf("set webhook faults: %w", err)
	}
	if f.ReorderWait == 0 {
		f.ReorderWait = Duration(100 * time.Millisecond)
	}
	e.hooks.mu.Lock()
	defer e.hooks.mu.Unlock()
	e.hooks.faults = f
	return nil
}

// WebhookFaults returns the webhook delivery faults.
func (e *Emulator) WebhookFaults() WebhookFaults {
	e.hooks.mu.Lock()
	defer e.hooks.mu.Unlock()
	return e.hooks.faults
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
	faults  WebhookFaults
	rng     *rand.Rand // guarded by mu
}

func newDeliverer(e *Emulator) *deliverer {
	ctx, cancel := context.WithCancel(context.Background())
	return &deliverer{e: e, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1),
		rng: rand.New(rand.NewPCG(e.opts.Seed, 0x400c))}
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
		batch := d.next()
		if batch == nil {
			select {
			case <-d.ctx.Done():
				return
			case <-d.wake:
				continue
			}
		}
		for _, job := range batch {
			if d.ctx.Err() != nil {
				return
			}
			d.deliver(job)
		}
	}
}

// next takes the next deliveries off the queue: one, or with Reorder a
// shuffled batch; Duplicate appends repeats. It returns nil when idle.
func (d *deliverer) next() []delivery {
	d.mu.Lock()
	f := d.faults
	n := max(1, f.Reorder)
	d.mu.Unlock()
	if n > 1 {
		d.waitFor(n, time.Duration(f.ReorderWait))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.queue) == 0 {
		return nil
	}
	k := min(n, len(d.queue))
	batch := append([]delivery(nil), d.queue[:k]...)
	d.queue = d.queue[k:]
	if k > 1 {
		d.rng.Shuffle(k, func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
		if inOrder(batch) {
			slices.Reverse(batch)
		}
	}
	for i := range k {
		if f.Duplicate > 0 && d.rng.Float64() < f.Duplicate {
			batch = append(batch, batch[i])
		}
	}
	return batch
}

// waitFor waits until n deliveries are queued, the wait is over, or
// delivery stops.
func (d *deliverer) waitFor(n int, wait time.Duration) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		d.mu.Lock()
		queued := len(d.queue)
		d.mu.Unlock()
		if queued == 0 || queued >= n {
			return
		}
		select {
		case <-d.ctx.Done():
			return
		case <-deadline.C:
			return
		case <-d.wake:
		}
	}
}

func inOrder(batch []delivery) bool {
	for i := 1; i < len(batch); i++ {
		if batch[i-1].ev.id > batch[i].ev.id {
			return false
		}
	}
	return true
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
