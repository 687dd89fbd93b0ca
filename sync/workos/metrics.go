package workos

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/officetogether/dirsync/promreg"
)

// metrics are the client's Prometheus collectors.
type metrics struct {
	requests *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dirsync_workos_requests_total",
			Help: `WorkOS API requests (each attempt) by route, e.g. "GET /directory_users/{id}", and HTTP status or "error".`,
		}, []string{"route", "status"}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	if m.requests, err = promreg.Register(reg, m.requests); err != nil {
		return nil, err
	}
	return m, nil
}

// routeResources are the first path segments the client uses; anything else is counted
// as "other" so that a label never carries an id.
var routeResources = map[string]bool{
	"directories": true, "directory_users": true, "directory_groups": true, "events": true,
	"organizations": true, "portal": true,
}

// routeOf templates a request path below the Endpoint's prefix: the resource is kept,
// deeper segments become {id} except portal's fixed generate_link.
func routeOf(method, path, prefix string) string {
	rest := strings.Trim(strings.TrimPrefix(path, prefix), "/")
	segs := strings.Split(rest, "/")
	if !routeResources[segs[0]] {
		return method + " other"
	}
	var b strings.Builder
	b.WriteString(method)
	b.WriteString(" /")
	b.WriteString(segs[0])
	for _, s := range segs[1:] {
		if segs[0] == "portal" && s == "generate_link" {
			b.WriteString("/" + s)
			continue
		}
		b.WriteString("/{id}")
	}
	return b.String()
}
