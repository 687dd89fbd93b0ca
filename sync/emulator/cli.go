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
//	[--validation-delay 2s]
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
	validation := fs.Duration("validation-delay", DefaultValidationDelay, "how long new HRIS directories stay validating (0: linked at once)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("emulator flags: %w", err)
	}
	if (*hookURL == "") != (*hookSecret == "") {
		return errors.New("emulator flags: --webhook-url and --webhook-secret go together")
	}
	opts := Options{APIKey: *apiKey, BaseURL: *baseURL, WebhookURL: *hookURL, WebhookSecret: *hookSecret,
		ValidationDelay: *validation}
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
