package engine

import (
	"github.com/officetogether/dirsync/promreg"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the engine's Prometheus collectors.
type metrics struct {
	runs     *prometheus.CounterVec
	duration *prometheus.HistogramVec
	changed  *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_sync_runs_total", Help: "Finished directory sync runs by trigger and status.",
		}, []string{"trigger", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dirsync_sync_run_duration_seconds", Help: "Duration of directory sync runs by trigger.",
			Buckets: []float64{0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800},
		}, []string{"trigger"}),
		changed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_sync_users_changed_total", Help: "Users changed by directory sync runs, by action.",
		}, []string{"action"}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	if m.runs, err = promreg.Register(reg, m.runs); err != nil {
		return nil, err
	}
	if m.duration, err = promreg.Register(reg, m.duration); err != nil {
		return nil, err
	}
	if m.changed, err = promreg.Register(reg, m.changed); err != nil {
		return nil, err
	}
	return m, nil
}
