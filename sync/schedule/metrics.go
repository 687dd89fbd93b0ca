package schedule

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/promreg"
)

// metrics are the scheduler's Prometheus collectors; the runs themselves (by trigger and
// status, duration, users changed) are counted by the engine.
type metrics struct {
	claims    *prometheus.CounterVec
	events    *prometheus.CounterVec
	lag       prometheus.Histogram
	received  *prometheus.CounterVec
	polls     *prometheus.CounterVec
	feedLag   prometheus.Gauge
	depth     prometheus.Gauge
	oldest    prometheus.Gauge
	leaseHeld prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		claims: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_schedule_claims_total",
			Help: "Daily run slots by outcome: won (this replica ran it), lost (another replica claimed it), busy, reclaimed, error.",
		}, []string{"result"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_events_applied_total", Help: "WorkOS events applied by EVENTS runs, by event type.",
		}, []string{"type"}),
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dirsync_event_apply_lag_seconds",
			Help:    "Time from a WorkOS event's creation to its application to OfficeTogether users.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 900, 3600, 86400},
		}),
		received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_events_received_total",
			Help: "WorkOS events by source (poll: the events feed, webhook, inbox: pending events dropped later) and result " +
				"(inbox, duplicate, unknown_organization, paused, before_connection, not_directory_sync, unreadable).",
		}, []string{"source", "result"}),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_events_feed_polls_total",
			Help: "Pages of /events the feed read in this replica, by result: ok, error, cursor_reset.",
		}, []string{"result"}),
		feedLag: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dirsync_events_feed_lag_seconds",
			Help: "How far the events feed may be behind the newest WorkOS event: seconds since a poll last read to the newest one.",
		}),
		depth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dirsync_events_inbox_depth", Help: "Pending events in all companies' inboxes.",
		}),
		oldest: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dirsync_events_inbox_oldest_seconds", Help: "Age of the oldest pending inbox event (0 when none).",
		}),
		leaseHeld: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dirsync_events_feed_lease_held", Help: "1 in the replica that holds the events feed's lease (polls /events), else 0.",
		}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	if m.claims, err = promreg.Register(reg, m.claims); err != nil {
		return nil, err
	}
	if m.events, err = promreg.Register(reg, m.events); err != nil {
		return nil, err
	}
	if m.lag, err = promreg.Register(reg, m.lag); err != nil {
		return nil, err
	}
	if m.received, err = promreg.Register(reg, m.received); err != nil {
		return nil, err
	}
	if m.polls, err = promreg.Register(reg, m.polls); err != nil {
		return nil, err
	}
	for _, g := range []*prometheus.Gauge{&m.feedLag, &m.depth, &m.oldest, &m.leaseHeld} {
		if *g, err = promreg.Register(reg, *g); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// refreshGauges reads the feed's and the inboxes' state into the gauges (every replica
// reports the cluster's values; the lease gauge is this replica's own).
func (s *Scheduler) refreshGauges(ctx context.Context) {
	if s.holding.Load() {
		s.metrics.leaseHeld.Set(1)
	} else {
		s.metrics.leaseHeld.Set(0)
	}
	now := s.clock.Now()
	if f, err := db.GetEventsFeed(ctx, s.db); err != nil {
		s.log.Warn("schedule: read the events feed for metrics", slog.Any("error", err))
	} else if at := f.CaughtUpAt; at != nil {
		s.metrics.feedLag.Set(max(now.Sub(*at).Seconds(), 0))
	} else if at := f.RangeStart; at != nil {
		s.metrics.feedLag.Set(max(now.Sub(*at).Seconds(), 0))
	}
	n, oldest, err := db.InboxDepth(ctx, s.db)
	if err != nil {
		s.log.Warn("schedule: read the inbox depth for metrics", slog.Any("error", err))
		return
	}
	s.metrics.depth.Set(float64(n))
	if oldest != nil {
		s.metrics.oldest.Set(max(now.Sub(*oldest).Seconds(), 0))
	} else {
		s.metrics.oldest.Set(0)
	}
}
