package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
)

// tenant is one seeded company.
type tenant struct {
	companyID, adminID, orgID, dirID string
}

// freshDatabase creates an empty database on the server of serverURL and returns its
// URL and a function dropping it.
func freshDatabase(ctx context.Context, serverURL string) (string, func(), error) {
	admin, err := db.Open(ctx, serverURL)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("bench_fleet_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("database URL: %w", err)
	}
	u.Path = "/" + name
	drop := func() {
		dctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = admin.ExecContext(dctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}
	return u.String(), drop, nil
}

// generateFleet asks the emulator for the fleet and returns what it created.
func generateFleet(ctx context.Context, emuURL string, o options) (emulator.FleetSummary, error) {
	large := o.large
	if large == 0 {
		large = emulator.NoLarge // the emulator reads 0 as its default, 1 in 100
	}
	body, _ := json.Marshal(emulator.FleetOptions{Organizations: o.orgs, Large: large, LargeUsers: o.largeUsers,
		MinUsers: o.minUsers, MaxUsers: o.maxUsers, Seed: 1})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, emuURL+"/_emulator/fleet", bytes.NewReader(body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return emulator.FleetSummary{}, fmt.Errorf("generate fleet: %w", err)
	}
	defer res.Body.Close()
	var sum emulator.FleetSummary
	if res.StatusCode != http.StatusCreated {
		return sum, fmt.Errorf("generate fleet: HTTP %d", res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(&sum); err != nil {
		return sum, fmt.Errorf("decode fleet: %w", err)
	}
	return sum, nil
}

// seed creates a company per directory, connected a day ago, whose daily time is its
// default night minute (db.DefaultDailyAtOf) mapped from 01:00-05:00 onto the compressed
// night [nightStart, nightStart+night) in UTC. It returns the tenants and the night's end.
func seed(ctx context.Context, bdb *bun.DB, sum emulator.FleetSummary, nightStart time.Time, night time.Duration) ([]tenant, time.Time, error) {
	out := make([]tenant, 0, len(sum.Directories))
	last := nightStart
	now := time.Now()
	connected := now.Add(-24 * time.Hour)
	err := bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i, d := range sum.Directories {
			c, err := db.CreateCompany(ctx, tx, fmt.Sprintf("Fleet %05d", i))
			if err != nil {
				return err
			}
			u, err := db.CreateUser(ctx, tx, db.NewUser{CompanyID: c.ID, Email: fmt.Sprintf("admin@fleet-%05d.bench", i), Role: db.RoleCompanyAdmin})
			if err != nil {
				return err
			}
			if _, err := db.StartDirectoryConnection(ctx, tx, c.ID, d.OrganizationID); err != nil {
				return err
			}
			if _, err := db.CompleteDirectoryConnection(ctx, tx, c.ID, db.DirectoryDetails{
				DirectoryID: d.ID, Provider: d.Type, Name: d.Name, State: "linked"}, connected); err != nil {
				return err
			}
			at := nightStart.Add(nightOffset(c.ID, night))
			last = maxTime(last, at)
			cfg := db.DefaultSyncConfiguration(c.ID)
			cfg.DailyAt, cfg.UpdatedAt = at.UTC().Format("15:04"), &now
			if _, err := db.SaveSyncConfiguration(ctx, tx, cfg); err != nil {
				return err
			}
			out = append(out, tenant{companyID: c.ID, adminID: u.ID, orgID: d.OrganizationID, dirID: d.ID})
		}
		return nil
	})
	if err != nil {
		return nil, last, fmt.Errorf("seed companies: %w", err)
	}
	return out, last.Add(time.Minute), nil
}

// nightOffset maps the company's default minute in 01:00-05:00 onto [0, night), whole minutes.
func nightOffset(companyID string, night time.Duration) time.Duration {
	var hh, mm int
	_, _ = fmt.Sscanf(db.DefaultDailyAtOf(companyID), "%02d:%02d", &hh, &mm)
	frac := float64(hh*60+mm-db.DefaultNightStart) / db.DefaultNightMinutes
	return time.Duration(frac * float64(night)).Truncate(time.Minute)
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
