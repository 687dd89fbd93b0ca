package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// maxBody bounds a webhook body; WorkOS events are a few kilobytes.
const maxBody = 1 << 20

// keepIDs is how long received event ids are remembered (WorkOS retries for 3 days).
const keepIDs = 7 * 24 * time.Hour

// Config configures a Handler. DB, Secret and Trigger are required.
type Config struct {
	// DB remembers event ids and finds the company of an event.
	DB *bun.DB
	// Secret is WORKOS_WEBHOOK_SECRET.
	Secret string
	// Trigger asks for an events poll of the company, asynchronously (it must not block).
	Trigger func(companyID string)
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
	if cfg.DB == nil || cfg.Secret == "" || cfg.Trigger == nil {
		return nil, errors.New("webhooks: config: DB, Secret and Trigger are required")
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

// envelope is the part of a webhook event the handler reads.
type envelope struct {
	ID    string `json:"id"`
	Event string `json:"event"`
	Data  struct {
		Object         string `json:"object"`
		ID             string `json:"id"`
		OrganizationID string `json:"organization_id"`
		DirectoryID    string `json:"directory_id"`
	} `json:"data"`
}

// ServeHTTP verifies the request and answers at once: 400 for an unsigned or malformed
// request, 401 for a wrong or stale signature (nothing changes), 200 otherwise. A new
// event id of a connected company triggers that company's events poll.
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
	var ev envelope
	if err := json.Unmarshal(body, &ev); err != nil || ev.ID == "" {
		reply(w, http.StatusBadRequest, "not a WorkOS event")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	fresh, err := db.RecordWebhookEvent(ctx, h.cfg.DB, ev.ID, h.cfg.Now(), keepIDs)
	if err != nil {
		h.cfg.Logger.Error("webhooks: record event", slog.String("event", ev.ID), slog.Any("error", err))
		reply(w, http.StatusInternalServerError, "try again")
		return
	}
	if !fresh {
		reply(w, http.StatusOK, "duplicate")
		return
	}
	dirID := ev.Data.DirectoryID
	if ev.Data.Object == "directory" {
		dirID = ev.Data.ID
	}
	conn, err := db.ConnectionByWorkOS(ctx, h.cfg.DB, ev.Data.OrganizationID, dirID)
	switch {
	case errors.Is(err, db.ErrNotFound):
		reply(w, http.StatusOK, "ignored")
	case err != nil:
		h.cfg.Logger.Error("webhooks: find company", slog.String("event", ev.ID), slog.Any("error", err))
		reply(w, http.StatusOK, "accepted")
	default:
		h.cfg.Trigger(conn.CompanyID)
		reply(w, http.StatusOK, "accepted")
	}
}

func reply(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"status": msg})
	_, _ = w.Write(append(b, '\n'))
}
