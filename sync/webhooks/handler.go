package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/officetogether/dirsync/sync/workos"
)

// maxBody bounds a webhook body; WorkOS events are a few kilobytes.
const maxBody = 1 << 20

// Config configures a Handler. Secret and Deliver are required.
type Config struct {
	// Secret is WORKOS_WEBHOOK_SECRET.
	Secret string
	// Deliver writes the event into its company's inbox (deduplicated by event id with the
	// events feed) and has it applied soon; it answers "accepted", "duplicate" or
	// "ignored". (*schedule.Scheduler).Deliver does.
	Deliver func(ctx context.Context, e workos.Event) (string, error)
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Tolerance is the accepted signature age; default DefaultTolerance.
	Tolerance time.Duration
	// Logger receives rejected requests and failures; default: discard.
	Logger *slog.Logger
}

// Handler serves POST /webhooks/workos.
type Handler struct{ cfg Config }

// NewHandler returns the webhook handler.
func NewHandler(cfg Config) (*Handler, error) {
	if cfg.Secret == "" || cfg.Deliver == nil {
		return nil, errors.New("webhooks: config: Secret and Deliver are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Tolerance <= 0 {
		cfg.Tolerance = DefaultTolerance
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{cfg: cfg}, nil
}

// ServeHTTP verifies the request and answers at once: 400 for an unsigned or malformed
// request, 401 for a wrong or stale signature (nothing changes), 500 when the event
// could not be stored (WorkOS retries), 200 otherwise, with the status Deliver gave. The
// event is read like a polled one (workos.ParseEvent), so an odd field loses nothing.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		reply(w, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	if err := Verify(r.Header.Get("WorkOS-Signature"), body, h.cfg.Secret, h.cfg.Now(), h.cfg.Tolerance); err != nil {
		h.cfg.Logger.Warn("webhooks: rejected request", slog.String("remote", r.RemoteAddr), slog.Any("error", err))
		status := http.StatusUnauthorized
		if errors.Is(err, ErrNotSigned) || errors.Is(err, ErrMalformedHeader) {
			status = http.StatusBadRequest
		}
		reply(w, status, "invalid signature")
		return
	}
	ev := workos.ParseEvent(body)
	if ev.ID == "" || ev.Type == "" {
		reply(w, http.StatusBadRequest, "not a WorkOS event")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status, err := h.cfg.Deliver(ctx, ev)
	if err != nil {
		h.cfg.Logger.Error("webhooks: store event", slog.String("event", ev.ID), slog.Any("error", err))
		reply(w, http.StatusInternalServerError, "try again")
		return
	}
	reply(w, http.StatusOK, status)
}

func reply(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"status": msg})
	_, _ = w.Write(append(b, '\n'))
}
