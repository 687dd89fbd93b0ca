package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// errSourcesFound stops the mirror scan of MappingWarnings once every checked source has
// a value.
var errSourcesFound = errors.New("engine: every checked source has a value")

// MappingWarnings checks m against the company's mirror: each pointer under
// /raw_attributes, /job_title, /username or /emails that no active directory user fills
// (WorkOS stopped filling them on 2026-04-15) is a warning; saving stays allowed. An
// invalid m is a *ValidationError naming the field. A mapping without such pointers reads
// nothing; otherwise the scan stops at the first users that fill them.
func (s *Service) MappingWarnings(ctx context.Context, companyID string, m mapping.Mapping) ([]mapping.Warning, error) {
	check, err := mapping.NewSourceCheck(m)
	if err != nil {
		var fe *mapping.FieldError
		if errors.As(err, &fe) {
			return nil, &ValidationError{Field: fe.Field, Message: fe.Message}
		}
		return nil, &ValidationError{Field: "mapping", Message: err.Error()}
	}
	if !check.Pending() {
		return check.Warnings(), nil
	}
	err = db.EachDirectoryUser(ctx, s.db, companyID, 1000, func(batch []db.DirectoryUser) error {
		for i := range batch {
			if batch[i].State != db.DirectoryUserActive {
				continue // an inactive user's record may predate the deprecation
			}
			if err := check.AddJSON(batch[i].Raw); err != nil {
				return fmt.Errorf("check directory user %s: %w", batch[i].ID, err)
			}
		}
		if !check.Pending() {
			return errSourcesFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errSourcesFound) {
		return nil, fmt.Errorf("mapping warnings: %w", err)
	}
	return check.Warnings(), nil
}

// ConfigurationWarnings is MappingWarnings for the company's saved mapping.
func (s *Service) ConfigurationWarnings(ctx context.Context, companyID string) ([]mapping.Warning, error) {
	cfg, err := db.GetSyncConfiguration(ctx, s.db, companyID)
	if err != nil {
		return nil, err
	}
	m, err := MappingOf(cfg)
	if err != nil {
		return nil, err
	}
	return s.MappingWarnings(ctx, companyID, m)
}
