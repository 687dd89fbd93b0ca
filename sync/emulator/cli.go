package emulator

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

// RunCLI implements `dirsync emulator`: it serves the emulator until ctx is
// cancelled. args exclude the subcommand name:
//
//	--addr :8090 [--seed FILE] [--generate N] [--api-key K]
//	[--webhook-url U --webhook-secret S] [--demo] [--no-rate-limit]
//	[--validation-delay 2s] [--key-rate-limit 6000] [--fleet N [--fleet-groups]]
func RunCLI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8090", "listen address")
	seed := fs.String("seed", "", "fixture `FILE` (JSON) to load")
	generate := fs.Int("generate", 0, "create one organization with a generic SCIM directory of `N` users")
	apiKey := fs.String("api-key", "", "accept only this API key (default: any key starting with sk_)")
	hookURL := fs.String("webhook-url", "", "deliver events as signed webhooks to this `URL`")
	hookSecret := fs.String("webhook-secret", "", "webhook signing `secret`")
	demo := fs.Bool("demo", false, "load the embedded demo directories")
	noLimit := fs.Bool("no-rate-limit", false, "turn off the 4 requests/s limit on /directory_users")
	baseURL := fs.String("base-url", "", "public URL of the emulator for portal links (default: from each request)")
	fleet := fs.Int("fleet", 0, "create `N` organizations, each with one directory of 20-500 users (1 in 100 with 10,000)")
	fleetGroups := fs.Bool("fleet-groups", false, "give the --fleet directories groups (one per 25 users, each user in 1-8)")
	keyLimit := fs.Int("key-rate-limit", DefaultKeyRateLimit, "WorkOS API requests per minute per API key, all routes together (0: off)")
	validation := fs.Duration("validation-delay", DefaultValidationDelay, "how long new HRIS directories stay validating (0: linked at once)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("emulator flags: %w", err)
	}
	if (*hookURL == "") != (*hookSecret == "") {
		return errors.New("emulator flags: --webhook-url and --webhook-secret go together")
	}
	opts := Options{APIKey: *apiKey, BaseURL: *baseURL, WebhookURL: *hookURL, WebhookSecret: *hookSecret,
		ValidationDelay: *validation, KeyRateLimit: *keyLimit}
	if *keyLimit <= 0 {
		opts.KeyRateLimit = NoRateLimit
	}
	if *validation <= 0 {
		opts.ValidationDelay = NoValidation
	}
	if *noLimit {
		opts.RateLimit = NoRateLimit
	}
	em := New(opts)
	defer em.Close()
	if err := seedCLI(em, *seed, *generate, *demo, stdout); err != nil {
		return err
	}
	if *fleet > 0 {
		sum, err := em.GenerateFleet(FleetOptions{Organizations: *fleet, Groups: *fleetGroups, Seed: 1})
		if err != nil {
			return fmt.Errorf("generate fleet: %w", err)
		}
		fmt.Fprintf(stdout, "Generated a fleet of %d organizations with %d users\n", sum.Organizations, sum.Users)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("emulator listen on %s: %w", *addr, err)
	}
	key := *apiKey
	if key == "" {
		key = "sk_test_emulator"
	}
	host := ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
	}
	fmt.Fprintf(stdout, "WorkOS emulator listening on http://%s\nAPI key: %s\nControl API: http://%s/_emulator/\n",
		host, key, host)
	srv := &http.Server{Handler: em, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("emulator serve: %w", err)
	case <-ctx.Done():
	}
	em.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("emulator shutdown: %w", err)
	}
	return nil
}

// seedCLI loads the data the CLI flags ask for.
func seedCLI(em *Emulator, seedFile string, generate int, demo bool, stdout io.Writer) error {
	if demo {
		if _, err := em.LoadDemo(); err != nil {
			return fmt.Errorf("load demo: %w", err)
		}
	}
	if seedFile != "" {
		data, err := os.ReadFile(seedFile)
		if err != nil {
			return fmt.Errorf("read seed file: %w", err)
		}
		if _, err := em.LoadFixture(data); err != nil {
			return fmt.Errorf("load seed file %s: %w", seedFile, err)
		}
	}
	if generate > 0 {
		org, err := em.CreateOrganization(Organization{Name: "Generated Corp", Domains: []string{"generated.example"}})
		if err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		d, err := em.CreateDirectory(Directory{OrganizationID: org.ID, Type: "generic scim v2.0", Name: "Generated SCIM"})
		if err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		if err := em.GenerateUsers(d.ID, generate, 1); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		fmt.Fprintf(stdout, "Generated organization %s, directory %s with %d users\n", org.ID, d.ID, generate)
	}
	return nil
}
