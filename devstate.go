package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// defaultDataDir holds what `dirsync dev` keeps between runs (git-ignored).
const defaultDataDir = ".data"

// devState is what `dirsync dev` remembers so tokens and data survive restarts
// and the CLI's admin commands find the dev database.
type devState struct {
	DatabaseURL   string `json:"databaseUrl"`
	SessionSecret string `json:"sessionSecret"`
}

func devStatePath(dataDir string) string { return filepath.Join(dataDir, "dev-state.json") }

func loadDevState(dataDir string) (devState, error) {
	var st devState
	b, err := os.ReadFile(devStatePath(dataDir))
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("read %s: %w", devStatePath(dataDir), err)
	}
	return st, nil
}

func saveDevState(dataDir string, st devState) error {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dataDir, err)
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(devStatePath(dataDir), b, 0o600)
}

func randomSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
