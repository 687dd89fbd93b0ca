package schedule

import (
	"context"
	"log/slog"
	"strings"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/workos"
)

// Outcomes of routing one event (the result label of dirsync_events_received_total).
const (
	routeInbox           = "inbox"                // written into its company's inbox
	routeDuplicate       = "duplicate"            // already in the inbox (from a poll or a webhook)
	routeUnknownOrg      = "unknown_organization" // no connected company has its organization or directory
	routePaused          = "paused"               // its company's sync is off or quarantined: dropped, full pull due
	routeBeforeConnect   = "before_connection"    // older than the company's connection (its setup pull has it)
	routeNotDirectory    = "not_directory_sync"   // not a dsync.* event
	routeUnreadable      = "unreadable"           // no event id
	deliveredFromPoll    = db.InboxFromPoll
	deliveredFromWebhook = db.InboxFromWebhook
)

// delivery is what writing a set of events into the inboxes did.
type delivery struct {
	// fresh counts the new inbox events per company.
	fresh map[string]int
	// results counts the events by routing outcome.
	results map[string]int
}

// deliver routes events to their companies by organization (the key: a dsync.activated
// of a new directory of a known organization reaches its company) or else directory, and
// writes them into the inboxes in idb (deduplicated by event id). Events of a paused
// company are dropped and the company is marked for a full pull when it comes back.
func (s *Scheduler) deliver(ctx context.Context, idb bun.IDB, evs []workos.Event, source string) (delivery, error) {
	d := delivery{fresh: map[string]int{}, results: map[string]int{}}
	var orgs, dirs []string
	for _, e := range evs {
		if e.OrganizationID != "" {
			orgs = append(orgs, e.OrganizationID)
		}
		if e.DirectoryID != "" {
			dirs = append(dirs, e.DirectoryID)
		}
	}
	routes, err := db.ListEventRoutes(ctx, idb, orgs, dirs)
	if err != nil {
		return d, err
	}
	byOrg, byDir := map[string]*db.EventRoute{}, map[string]*db.EventRoute{}
	for i := range routes {
		r := &routes[i]
		byOrg[r.OrganizationID] = r
		if r.DirectoryID != nil {
			byDir[*r.DirectoryID] = r
		}
	}
	now := s.clock.Now()
	var rows []db.InboxEvent
	var paused []string
	for _, e := range evs {
		if e.Issue != "" {
			s.log.Warn("schedule: odd WorkOS event", slog.String("event", e.ID), slog.String("type", e.Type), slog.String("issue", e.Issue))
		}
		r := byOrg[e.OrganizationID]
		if r == nil || e.OrganizationID == "" {
			r = byDir[e.DirectoryID]
		}
		switch {
		case e.ID == "":
			d.results[routeUnreadable]++
		case !strings.HasPrefix(e.Type, "dsync."):
			d.results[routeNotDirectory]++
		case r == nil:
			d.results[routeUnknownOrg]++
		case r.Paused:
			d.results[routePaused]++
			paused = append(paused, r.CompanyID)
		case !e.CreatedAt.IsZero() && r.ConnectedAt != nil && e.CreatedAt.Before(*r.ConnectedAt):
			d.results[routeBeforeConnect]++
		default:
			row := db.InboxEvent{EventID: e.ID, CompanyID: r.CompanyID, Type: e.Type, Data: e.Data, Source: source, ReceivedAt: now}
			if !e.CreatedAt.IsZero() {
				at := e.CreatedAt
				row.CreatedAt = &at
			}
			if row.Data == nil {
				row.Data = []byte("null")
			}
			rows = append(rows, row)
		}
	}
	if err := db.MarkInboxResync(ctx, idb, paused, now); err != nil {
		return d, err
	}
	fresh, err := db.InsertInboxEvents(ctx, idb, rows)
	if err != nil {
		return d, err
	}
	for _, f := range fresh {
		d.fresh[f.CompanyID]++
	}
	d.results[routeInbox] += len(fresh)
	d.results[routeDuplicate] += len(rows) - len(fresh)
	return d, nil
}

// count adds a delivery's outcomes to the metrics.
func (s *Scheduler) count(source string, d delivery) {
	for result, n := range d.results {
		s.metrics.received.WithLabelValues(source, result).Add(float64(n))
	}
}

// Deliver writes a signed webhook's event into its company's inbox and has it applied
// at once, asynchronously. It returns "accepted" for a new event of a known company,
// "duplicate" for one already in the inbox (from a poll or an earlier delivery), and
// "ignored" otherwise.
func (s *Scheduler) Deliver(ctx context.Context, e workos.Event) (string, error) {
	d, err := s.deliver(ctx, s.db, []workos.Event{e}, deliveredFromWebhook)
	if err != nil {
		return "", err
	}
	s.count(deliveredFromWebhook, d)
	switch {
	case d.results[routeInbox] > 0:
		s.wakeApplier()
		return "accepted", nil
	case d.results[routeDuplicate] > 0:
		return "duplicate", nil
	}
	return "ignored", nil
}
