package budget

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/officetogether/dirsync/promreg"
)

// metrics are the budget's Prometheus collectors.
type metrics struct {
	roundTrips prometheus.Counter
	waits      prometheus.Counter
	pauses     prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		roundTrips: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dirsync_workos_budget_round_trips_total",
			Help: "Round trips to the shared WorkOS key budget in PostgreSQL (each takes a batch of tokens).",
		}),
		waits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dirsync_workos_budget_waits_total",
			Help: "WorkOS requests that had to wait for the shared key budget.",
		}),
		pauses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dirsync_workos_budget_pauses_total",
			Help: "Shared pauses of the WorkOS key budget after a 429.",
		}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	if m.roundTrips, err = promreg.Register(reg, m.roundTrips); err != nil {
		return nil, err
	}
	if m.waits, err = promreg.Register(reg, m.waits); err != nil {
		return nil, err
	}
	if m.pauses, err = promreg.Register(reg, m.pauses); err != nil {
		return nil, err
	}
	return m, nil
}
