package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// ConfigurationUpdate changes a sync configuration; nil fields stay as they are.
type ConfigurationUpdate struct {
	Enabled *bool
	// DailyAt is "HH:MM" (24-hour).
	DailyAt *string
	// TimeZone is an IANA time zone name.
	TimeZone *string
	// Mapping replaces the whole field mapping.
	Mapping                *mapping.Mapping
	AutoAssignNewUsers     *bool
	MaxDeactivationPercent *float64
	MaxDeactivationCount   *int
}

var dailyAtPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// Configuration returns the company's sync configuration (the defaults when never saved).
func (s *Service) Configuration(ctx context.Context, companyID string) (*db.SyncConfiguration, error) {
	return db.GetSyncConfiguration(ctx, s.db, companyID)
}

// SaveConfiguration validates in and saves it over the company's configuration as actor.
// Invalid input gives a *ValidationError naming the field ("dailyAt", "timeZone",
// "maxDeactivationPercent", "maxDeactivationCount", "mapping.<field>").
func (s *Service) SaveConfiguration(ctx context.Context, companyID, actor string, in ConfigurationUpdate) (*db.SyncConfiguration, error) {
	cfg, err := db.GetSyncConfiguration(ctx, s.db, companyID)
	if err != nil {
		return nil, err
	}
	if in.Enabled != nil {
		cfg.Enabled = *in.Enabled
	}
	if in.DailyAt != nil {
		v := strings.TrimSpace(*in.DailyAt)
		if !dailyAtPattern.MatchString(v) {
			return nil, &ValidationError{Field: "dailyAt", Message: fmt.Sprintf("%q is not a time of day as HH:MM (00:00 to 23:59)", *in.DailyAt)}
		}
		cfg.DailyAt = v
	}
	if in.TimeZone != nil {
		v := strings.TrimSpace(*in.TimeZone)
		if _, err := time.LoadLocation(v); err != nil || v == "" || strings.EqualFold(v, "local") {
			return nil, &ValidationError{Field: "timeZone", Message: fmt.Sprintf("%q is not an IANA time zone such as Europe/Berlin", *in.TimeZone)}
		}
		cfg.TimeZone = v
	}
	if in.Mapping != nil {
		if err := in.Mapping.Validate(); err != nil {
			var fe *mapping.FieldError
			if errors.As(err, &fe) {
				return nil, &ValidationError{Field: fe.Field, Message: fe.Message}
			}
			return nil, &ValidationError{Field: "mapping", Message: err.Error()}
		}
		m := *in.Mapping
		m.Normalize()
		b, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("encode mapping: %w", err)
		}
		cfg.Mapping = b
	}
	if in.AutoAssignNewUsers != nil {
		cfg.AutoAssignNewUsers = *in.AutoAssignNewUsers
	}
	if v := in.MaxDeactivationPercent; v != nil {
		if !(*v >= 0 && *v <= 100) {
			return nil, &ValidationError{Field: "maxDeactivationPercent", Message: "must be between 0 and 100"}
		}
		cfg.MaxDeactivationPercent = *v
	}
	if v := in.MaxDeactivationCount; v != nil {
		if *v < 0 {
			return nil, &ValidationError{Field: "maxDeactivationCount", Message: "must not be negative"}
		}
		cfg.MaxDeactivationCount = *v
	}
	now := s.now()
	cfg.UpdatedAt = &now
	cfg.UpdatedBy = nil
	if actor != "" {
		cfg.UpdatedBy = &actor
	}
	return db.SaveSyncConfiguration(ctx, s.db, cfg)
}

// MappingOf returns the configuration's field mapping, or mapping.DefaultMapping() when
// none was saved.
func MappingOf(cfg *db.SyncConfiguration) (mapping.Mapping, error) {
	if len(cfg.Mapping) == 0 || string(cfg.Mapping) == "null" {
		return mapping.DefaultMapping(), nil
	}
	var m mapping.Mapping
	if err := json.Unmarshal(cfg.Mapping, &m); err != nil {
		return mapping.Mapping{}, fmt.Errorf("decode saved mapping: %w", err)
	}
	m.Normalize()
	return m, nil
}
