package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/seed"
	"github.com/officetogether/dirsync/sync/emulator"
)

// emulatorSaveInterval is how often `dirsync dev` checks whether its
// emulator changed and saves it.
const emulatorSaveInterval = 5 * time.Second

// devPortalPeople is how many of the demo company's people `dirsync dev` hands its
// emulator: a directory set up in the emulator's Admin Portal holds some of them (two in
// five of its users), so the first sync links them by email instead of creating them.
const devPortalPeople = 200

// demoPortalPeople returns up to n active people of the demo company other than its
// admin and member, in a fixed order that mixes names and departments.
func demoPortalPeople(ctx context.Context, bdb *bun.DB, demo *seed.DemoCompany, n int) ([]emulator.KnownPerson, error) {
	var users []db.User
	err := bdb.NewSelect().Model(&users).Column("email", "first_name", "last_name").
		Where("company_id = ?", demo.CompanyID).Where("status = ?", db.StatusActive).
		Where("id NOT IN (?, ?)", demo.AdminUserID, demo.MemberUserID).
		OrderExpr("md5(email)").Limit(int64(n)).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("read demo people for the emulator: %w", err)
	}
	out := make([]emulator.KnownPerson, len(users))
	for i, u := range users {
		out[i] = emulator.KnownPerson{Email: u.Email, FirstName: deref(u.FirstName), LastName: deref(u.LastName)}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func devEmulatorPath(dataDir string) string { return filepath.Join(dataDir, "emulator.json") }

// loadDevEmulator restores the emulator state `dirsync dev` saved in dataDir,
// or loads the demo directories when none was saved.
func loadDevEmulator(em *emulator.Emulator, dataDir string, logf func(string, ...any)) error {
	path := devEmulatorPath(dataDir)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := em.LoadDemo(); err != nil {
			return fmt.Errorf("load emulator demo directories: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read emulator state: %w", err)
	}
	if err := em.Restore(b); err != nil {
		return fmt.Errorf("restore emulator state from %s (delete it to start over with the demo directories): %w", path, err)
	}
	logf("restored the WorkOS emulator's directories from %s", path)
	return nil
}

// emulatorSaver writes the emulator's snapshot to a file whenever its
// revision moved since the last save.
type emulatorSaver struct {
	em     *emulator.Emulator
	path   string
	logger *slog.Logger
	saved  uint64
}

func newEmulatorSaver(em *emulator.Emulator, dataDir string, logger *slog.Logger) *emulatorSaver {
	// A restored emulator is what the file already holds.
	return &emulatorSaver{em: em, path: devEmulatorPath(dataDir), logger: logger, saved: em.Revision()}
}

// save writes the snapshot when something changed and says whether it wrote.
// The file is replaced atomically, so a crash leaves the previous one.
func (s *emulatorSaver) save() (bool, error) {
	rev := s.em.Revision()
	if rev == s.saved && fileExists(s.path) {
		return false, nil
	}
	b, err := json.Marshal(s.em.Snapshot())
	if err != nil {
		return false, fmt.Errorf("encode emulator state: %w", err)
	}
	tmp := s.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return false, fmt.Errorf("save emulator state: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return false, fmt.Errorf("save emulator state: %w", err)
	}
	s.saved = rev
	return true, nil
}

// run saves every interval until ctx ends, then once more.
func (s *emulatorSaver) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			if _, err := s.save(); err != nil {
				s.logger.Error("saving the emulator's state failed", "error", err)
			}
			return
		case <-t.C:
			if _, err := s.save(); err != nil {
				s.logger.Error("saving the emulator's state failed", "error", err)
			}
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
