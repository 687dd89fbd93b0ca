// Package server assembles dirsync's HTTP handler: GraphQL, the playground,
// health and metrics endpoints, webhooks and the SPA.
package server

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uptrace/bun"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/graph"
	"github.com/officetogether/dirsync/resolvers"
)

// Limits on GraphQL requests.
const (
	MaxBodyBytes    = 1 << 20 // 1 MiB request body
	ComplexityLimit = 5000
	ParserTokens    = 10_000
)

// Config is what the handler needs. DB, Issuer, Resolver and Registry are required.
type Config struct {
	// DB serves readiness checks and the auth lookups.
	DB *bun.DB
	// Issuer checks bearer tokens.
	Issuer *auth.Issuer
	// Resolver is the root GraphQL resolver with its services.
	Resolver *resolvers.Resolver
	// Registry receives the HTTP metrics; /metrics serves it.
	Registry *prometheus.Registry
	// MetricsElsewhere keeps /metrics off this handler (a 404): it is served on its own
	// listener (DIRSYNC_METRICS_ADDR, the operators' network) by MetricsHandler.
	MetricsElsewhere bool
	// Logger receives request errors.
	Logger *slog.Logger
	// SPA is the built frontend (index.html and assets); nil serves nothing at /.
	SPA fs.FS
	// Mounts are extra handlers by pattern (webhooks, the dev emulator, dev sign-in).
	Mounts map[string]http.Handler
}

// MetricsHandler serves GET /metrics (Prometheus) of reg and nothing else, for a
// listener of its own.
func MetricsHandler(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux
}

// New returns the HTTP handler of the whole service.
func New(cfg Config) http.Handler {
	metrics := newHTTPMetrics(cfg.Registry)
	mux := http.NewServeMux()

	gql := newGraphQL(cfg)
	authed := limitBody(requireTextBody(withBaseURL(auth.Middleware(cfg.Issuer, cfg.DB)(cfg.Resolver.WithLoaders(gql)))))
	mux.Handle("/graphql", metrics.wrap("/graphql", authed))
	mux.Handle("GET /playground", pageHandler(cfg.SPA, "playground.html"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := cfg.DB.PingContext(ctx); err != nil {
			writeText(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		writeText(w, http.StatusOK, "ready")
	})
	if cfg.MetricsElsewhere {
		mux.Handle("/metrics", http.NotFoundHandler())
	} else {
		mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Registry, promhttp.HandlerOpts{}))
	}
	for pattern, h := range cfg.Mounts {
		mux.Handle(pattern, metrics.wrap(pattern, h))
	}
	if cfg.SPA != nil {
		mux.Handle("/", spaHandler(cfg.SPA))
	}
	return mux
}

func newGraphQL(cfg Config) *handler.Server {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: cfg.Resolver, Complexity: complexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(ParserTokens)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(literalGuard{})
	srv.Use(extension.FixedComplexityLimit(ComplexityLimit))
	srv.Use(resolvers.TextGuard{})
	srv.SetErrorPresenter(resolvers.ErrorPresenter(cfg.Logger))
	srv.SetRecoverFunc(resolvers.Recover(cfg.Logger))
	return srv
}

// limitBody answers 413 for bodies declared over MaxBodyBytes and cuts off
// undeclared ones at the limit.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			writeBadInput(w, http.StatusRequestEntityTooLarge, "request body too large: the limit is 1 MiB")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// withBaseURL records the URL the request came in at, for links back to the app.
func withBaseURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme := "http"
		if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
			scheme = "https"
		}
		host := r.Host
		if fwd := r.Header.Get("X-Forwarded-Host"); fwd != "" {
			host = fwd
		}
		next.ServeHTTP(w, r.WithContext(resolvers.WithBaseURL(r.Context(), scheme+"://"+host)))
	})
}

func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body + "\n"))
}
