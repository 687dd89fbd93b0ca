package emulator

import (
	"html/template"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultRateLimit is WorkOS's documented limit on /directory_users:
// 4 requests a second per directory.
const DefaultRateLimit = 4

// NoRateLimit as Options.RateLimit turns the /directory_users limit off for
// new directories.
const NoRateLimit = -1

// Options configures an Emulator. The zero value is usable.
type Options struct {
	// APIKey, when set, is the only accepted bearer token; otherwise any key
	// starting with "sk_" is accepted.
	APIKey string
	// BaseURL is the absolute URL the emulator is reachable at (no trailing
	// slash), used for portal links. Default: derived from each request
	// (scheme, Host, X-Forwarded-Prefix or PathPrefix).
	BaseURL string
	// PathPrefix is the path the emulator is mounted under with
	// http.StripPrefix (e.g. "/workos-emulator"), used for links when
	// BaseURL is empty and the request has no X-Forwarded-Prefix.
	PathPrefix string
	// Now is the clock (default time.Now). Timestamps, ids, the rate limiter,
	// portal link expiry and webhook signatures use it.
	Now func() time.Time
	// Seed seeds the id generator and the fault PRNGs (default 1).
	Seed uint64
	// RateLimit is the default /directory_users limit in requests per second
	// per directory for new directories: 0 means DefaultRateLimit, NoRateLimit
	// (or any negative value) disables it.
	RateLimit float64
	// AllowUnfilteredEvents lets GET /events omit the events filter; by
	// default that is a 422 like the real API.
	AllowUnfilteredEvents bool
	// WebhookURL and WebhookSecret configure webhook delivery (both needed).
	WebhookURL    string
	WebhookSecret string
	// WebhookRetries is the number of retries after a failed delivery (default 3).
	WebhookRetries int
	// WebhookBackoff is the delay before the first retry, doubled each time
	// (default 200ms).
	WebhookBackoff time.Duration
	// HTTPClient delivers webhooks (default: a client with a 5 s timeout).
	HTTPClient *http.Client
	// ValidationDelay is how long a new HRIS directory (Workday, BambooHR,
	// Rippling, Gusto, ...) created without an explicit state stays
	// "validating" on the emulator's clock before it links and emits
	// dsync.activated: 0 means DefaultValidationDelay, NoValidation (or any
	// negative value) creates them linked.
	ValidationDelay time.Duration
	// KeyRateLimit is the number of WorkOS API requests each API key may
	// make per KeyRateWindow, all routes together, before it gets 429 with
	// Retry-After: 0 means DefaultKeyRateLimit, NoRateLimit (or any negative
	// value) turns it off. It applies on top of the per-directory limit.
	KeyRateLimit int
	// KeyRateWindow is the window of KeyRateLimit (default 60 s).
	KeyRateWindow time.Duration
	// Roles are the environment's role slugs, highest priority first, used
	// to pick a directory user's role from its groups' role assignments
	// (default DefaultRoles; unknown slugs rank after them).
	Roles []string
}

// Emulator is an in-memory WorkOS API (Directory Sync, Events,
// Organizations, Admin Portal) plus a control API under /_emulator/.
// It is an http.Handler and safe for concurrent use. Call Close when done.
type Emulator struct {
	opts Options
	now  func() time.Time

	mu        sync.RWMutex
	ids       *idGen
	rng       *rand.Rand // idp ids and demo data; guarded by mu
	providers []*provider
	orgs      map[string]*orgRec
	orgList   []*orgRec // sorted by id
	dirs      map[string]*dirRec
	dirList   []*dirRec // sorted by id
	users     map[string]*userRec
	groups    map[string]*groupRec
	events    []*event // sorted by id (creation order)
	idem      map[string]string
	portal    map[string]*portalSession
	// portalLinks are the generate_link requests received, oldest first.
	portalLinks []PortalLinkRequest
	webhook     webhookConfig
	requests    uint64
	// rev counts changes (Revision); muted drops events while Restore
	// rebuilds a snapshot.
	rev   uint64
	muted bool
	// validating counts directories waiting to link (settleValidations).
	validating atomic.Int32
	// portalPeople are people a directory set up in the Admin Portal may hold
	// (SetPortalPeople); guarded by mu.
	portalPeople []KnownPerson

	hooks    *deliverer
	bufs     bufPool
	keyLimit *keyLimiter
	stats    statCounter
	routes   map[routeKey]string
	pages    *template.Template

	closeOnce sync.Once
	done      chan struct{}
}

// New returns an Emulator with no data. Seed it with the Go methods,
// LoadFixture, LoadDemo or the control API.
func New(opts Options) *Emulator {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = DefaultRateLimit
	}
	if opts.WebhookRetries == 0 {
		opts.WebhookRetries = 3
	}
	if opts.WebhookBackoff == 0 {
		opts.WebhookBackoff = 200 * time.Millisecond
	}
	if opts.KeyRateLimit == 0 {
		opts.KeyRateLimit = DefaultKeyRateLimit
	}
	if opts.KeyRateWindow <= 0 {
		opts.KeyRateWindow = DefaultKeyRateWindow
	}
	if len(opts.Roles) == 0 {
		opts.Roles = DefaultRoles
	}
	if opts.ValidationDelay == 0 {
		opts.ValidationDelay = DefaultValidationDelay
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 5 * time.Second}
	}
	e := &Emulator{
		opts:      opts,
		now:       func() time.Time { return opts.Now().UTC().Truncate(time.Millisecond) },
		ids:       newIDGen(opts.Seed),
		rng:       rand.New(rand.NewPCG(opts.Seed, 0x5eed)),
		providers: newProviders(),
		orgs:      map[string]*orgRec{},
		dirs:      map[string]*dirRec{},
		users:     map[string]*userRec{},
		groups:    map[string]*groupRec{},
		idem:      map[string]string{},
		portal:    map[string]*portalSession{},
		webhook:   webhookConfig{url: opts.WebhookURL, secret: opts.WebhookSecret},
		done:      make(chan struct{}),
		pages:     portalTemplates(),
		keyLimit:  newKeyLimiter(opts.KeyRateLimit, opts.KeyRateWindow),
		routes:    newRouteNames(),
	}
	e.hooks = newDeliverer(e)
	return e
}

// Close stops webhook delivery and releases hanging requests. It is
// idempotent and always returns nil.
func (e *Emulator) Close() error {
	e.closeOnce.Do(func() {
		close(e.done)
		e.hooks.stop()
	})
	return nil
}
