package schedule

import (
	"github.com/officetogether/dirsync/promreg"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the scheduler's Prometheus collectors; the runs themselves (by trigger and
// status, duration, users changed) are counted by the engine.
type metrics struct {
	claims *prometheus.CounterVec
	events *prometheus.CounterVec
	lag    prometheus.Histogram
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
	return m, nil
}
