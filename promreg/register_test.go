package promreg

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
)

func TestRegisterSharesACollector(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	opts := prometheus.CounterOpts{Name: "dirsync_test_total", Help: "test"}
	first, err := Register(reg, prometheus.NewCounter(opts))
	require.NoError(t, err)
	second, err := Register(reg, prometheus.NewCounter(opts))
	require.NoError(t, err)
	require.Same(t, first, second, "the second registration gets the first collector")

	_, err = Register(reg, prometheus.NewGauge(prometheus.GaugeOpts{Name: "dirsync_test_total", Help: "other"}))
	require.Error(t, err, "a different metric under the same name is an error")
}
