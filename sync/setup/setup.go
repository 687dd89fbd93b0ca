// Package setup connects a company's identity provider through WorkOS: it creates
// the company's WorkOS organization, hands out Admin Portal links, finds the
// directory the IT admin set up and records the connection.
package setup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/workos"
)

// ErrNoDirectory means the organization has no directory yet: the Admin Portal was
// not completed.
var ErrNoDirectory = errors.New("setup: no directory found for the organization; finish the Admin Portal setup first")

// ErrNotStarted means completeDirectorySetup was called before startDirectorySetup.
var ErrNotStarted = errors.New("setup: directory setup was not started")

// WorkOS is what setup needs from the WorkOS client.
type WorkOS interface {
	CreateOrganization(ctx context.Context, name, idempotencyKey string) (workos.Organization, error)
	PortalLink(ctx context.Context, organizationID, successURL, returnURL string) (string, error)
	ListDirectories(ctx context.Context, organizationID string) ([]workos.Directory, error)
	Providers() []workos.Provider
}

// Puller refreshes the mirror of a newly connected directory.
type Puller interface {
	PullMirror(ctx context.Context, companyID string) (*db.SyncRun, error)
}

// Config configures a Service. DB, WorkOS and Puller are required.
type Config struct {
	DB     *bun.DB
	WorkOS WorkOS
	Puller Puller
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives failures; default discard.
	Logger *slog.Logger
}

// Service runs the setup wizard's server side.
type Service struct {
	db     *bun.DB
	workos WorkOS
	puller Puller
	now    func() time.Time
	log    *slog.Logger
}

// New returns a Service.
func New(cfg Config) (*Service, error) {
	if cfg.DB == nil || cfg.WorkOS == nil || cfg.Puller == nil {
		return nil, errors.New("setup: config: DB, WorkOS and Puller are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Service{db: cfg.DB, workos: cfg.WorkOS, puller: cfg.Puller, now: cfg.Now, log: cfg.Logger}, nil
}

// Providers lists the identity providers the wizard offers.
func (s *Service) Providers() []workos.Provider { return s.workos.Providers() }

// SuccessPath is where the Admin Portal sends the admin back to, under the app's URL.
const SuccessPath = "/settings/directory-sync?setup=complete"

// LinkTTL is how long WorkOS lets an Admin Portal link be used after it was generated.
const LinkTTL = 5 * time.Minute

// Link is an Admin Portal link handed to the admin (or on to the IT admin).
type Link struct {
	URL string
	// ExpiresAt is LinkTTL after the link was generated.
	ExpiresAt time.Time
	// Provider is the directory type the admin picked; empty for none. WorkOS's
	// generate_link takes no provider (the IT admin picks it in the portal), so it is
	// only remembered on the connection, to compare with the directory connected.
	Provider string
}

// UnknownProviderError means Start was given a provider the wizard does not offer.
type UnknownProviderError struct{ Provider string }

// Error implements error.
func (e *UnknownProviderError) Error() string {
	return "provider " + e.Provider + " is not one of the offered identity providers"
}

// Start creates the company's WorkOS organization on first use (idempotently),
// remembers the provider the admin picked and returns an Admin Portal link whose
// success URL leads back to appURL.
func (s *Service) Start(ctx context.Context, companyID, actorUserID, provider, appURL string) (Link, error) {
	if provider != "" && !s.offers(provider) {
		return Link{}, &UnknownProviderError{Provider: provider}
	}
	conn, err := db.GetDirectoryConnection(ctx, s.db, companyID)
	switch {
	case errors.Is(err, db.ErrNotFound):
		company, err := db.GetCompany(ctx, s.db, companyID)
		if err != nil {
			return Link{}, err
		}
		org, err := s.workos.CreateOrganization(ctx, company.Name, "dirsync-organization-"+companyID)
		if err != nil {
			return Link{}, fmt.Errorf("create WorkOS organization: %w", err)
		}
		if conn, err = db.StartDirectoryConnection(ctx, s.db, companyID, org.ID); err != nil {
			return Link{}, err
		}
	case err != nil:
		return Link{}, err
	case conn.DisconnectedAt != nil:
		if conn, err = db.StartDirectoryConnection(ctx, s.db, companyID, conn.OrganizationID); err != nil {
			return Link{}, err
		}
	}
	if err := db.SetRequestedProvider(ctx, s.db, companyID, provider); err != nil {
		return Link{}, err
	}
	success, back := "", ""
	if appURL != "" {
		base := strings.TrimRight(appURL, "/")
		success, back = base+SuccessPath, base+"/settings/directory-sync"
	}
	generated := s.now()
	link, err := s.workos.PortalLink(ctx, conn.OrganizationID, success, back)
	if err != nil {
		return Link{}, fmt.Errorf("generate Admin Portal link: %w", err)
	}
	if _, err := url.Parse(link); err != nil {
		return Link{}, fmt.Errorf("WorkOS returned an unusable portal link: %w", err)
	}
	details := map[string]any{"organizationId": conn.OrganizationID}
	if provider != "" {
		details["provider"] = provider
	}
	if err := db.RecordAudit(ctx, s.db, companyID, actorUserID, db.AuditSetupStarted, details); err != nil {
		return Link{}, err
	}
	return Link{URL: link, ExpiresAt: generated.Add(LinkTTL), Provider: provider}, nil
}

// offers reports whether provider is one of the wizard's providers.
func (s *Service) offers(provider string) bool {
	for _, p := range s.workos.Providers() {
		if p.Type == provider {
			return true
		}
	}
	return false
}

// Complete finds the organization's directory (directoryID when given: one of its linked
// directories, else the newest linked one), stores the connection with the organization's
// other active directories and pulls the directory's users into the mirror. No
// OfficeTogether user changes. An unknown or not linked directoryID gives an
// *UnknownDirectoryError.
func (s *Service) Complete(ctx context.Context, companyID, actorUserID, directoryID string) (*db.DirectoryConnection, error) {
	conn, err := db.GetDirectoryConnection(ctx, s.db, companyID)
	if errors.Is(err, db.ErrNotFound) {
		return nil, ErrNotStarted
	}
	if err != nil {
		return nil, err
	}
	dirs, err := s.workos.ListDirectories(ctx, conn.OrganizationID)
	if err != nil {
		return nil, fmt.Errorf("list the organization's directories: %w", err)
	}
	dir, ok := pickDirectory(dirs, directoryID)
	if !ok && directoryID != "" {
		return nil, &UnknownDirectoryError{ID: directoryID}
	}
	if !ok {
		return nil, ErrNoDirectory
	}
	conn, err = db.CompleteDirectoryConnection(ctx, s.db, companyID, db.DirectoryDetails{
		DirectoryID: dir.ID, Provider: dir.Type, Name: dir.Name, State: workos.NormalizeDirectoryState(dir.State),
		Others: engine.OtherDirectories(dirs, dir.ID), MirrorPending: true,
	}, s.now())
	if err != nil {
		return nil, err
	}
	if err := db.RecordAudit(ctx, s.db, companyID, actorUserID, db.AuditSetupCompleted,
		map[string]any{"directoryId": dir.ID, "provider": dir.Type, "name": dir.Name}); err != nil {
		return nil, err
	}
	run, err := s.puller.PullMirror(ctx, companyID)
	if err != nil {
		s.log.WarnContext(ctx, "first pull after setup did not run", "company", companyID, "err", err)
	} else if run.Status == db.RunFailed {
		s.log.WarnContext(ctx, "first pull after setup failed", "company", companyID, "run", run.ID)
	}
	return db.GetDirectoryConnection(ctx, s.db, companyID)
}

// Disconnect stops syncing the company's directory; nobody is inactivated and users
// keep their data. ErrNotFound when directory sync was never set up.
func (s *Service) Disconnect(ctx context.Context, companyID, actorUserID string) error {
	conn, err := db.GetDirectoryConnection(ctx, s.db, companyID)
	if err != nil {
		return err
	}
	if err := db.DisconnectDirectoryConnection(ctx, s.db, companyID, s.now()); err != nil {
		return err
	}
	details := map[string]any{"directoryId": deref(conn.DirectoryID), "provider": deref(conn.Provider), "name": deref(conn.Name)}
	return db.RecordAudit(ctx, s.db, companyID, actorUserID, db.AuditDirectoryDisconnect, details)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pickDirectory returns the directory id when given (only if it is linked), else it
// prefers a linked directory, then the newest; deleting or unlinked (inactive)
// directories are never picked. States are read in either WorkOS vocabulary.
func pickDirectory(dirs []workos.Directory, id string) (workos.Directory, bool) {
	var best workos.Directory
	found := false
	for _, d := range dirs {
		if id != "" {
			if d.ID == id && workos.DirectoryUsable(d.State) {
				return d, true
			}
			continue
		}
		switch workos.NormalizeDirectoryState(d.State) {
		case workos.DirectoryDeleting, workos.DirectoryUnlinked:
			continue
		}
		if !found || outranks(d, best) {
			best, found = d, true
		}
	}
	return best, found
}

func outranks(a, b workos.Directory) bool {
	aLinked, bLinked := workos.DirectoryUsable(a.State), workos.DirectoryUsable(b.State)
	if aLinked != bLinked {
		return aLinked
	}
	return a.CreatedAt.After(b.CreatedAt)
}

// UnknownDirectoryError means completeDirectorySetup named a directory that is not a
// linked directory of the company's organization.
type UnknownDirectoryError struct{ ID string }

// Error implements error.
func (e *UnknownDirectoryError) Error() string {
	return "directory " + e.ID + " is not a linked directory of the company's organization"
}
