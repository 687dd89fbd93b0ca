package main

import (
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/sync/emulator"
)

// TestEmulatorSaverSavesChanges: the dev emulator's state is written when
// nothing is saved yet and again only after a change, and a new emulator
// restores it instead of the demo directories.
func TestEmulatorSaverSavesChanges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	logf := func(string, ...any) {}
	em := emulator.New(emulator.Options{ValidationDelay: emulator.NoValidation})
	t.Cleanup(func() { _ = em.Close() })
	require.NoError(t, loadDevEmulator(em, dir, logf))
	demo := em.Directories()
	s := newEmulatorSaver(em, dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	wrote, err := s.save()
	require.NoError(t, err)
	require.True(t, wrote, "nothing was saved yet")
	wrote, err = s.save()
	require.NoError(t, err)
	require.False(t, wrote, "nothing changed")

	users, err := em.Users(demo[0].ID)
	require.NoError(t, err)
	require.NoError(t, em.RemoveUser(users[0].ID))
	wrote, err = s.save()
	require.NoError(t, err)
	require.True(t, wrote, "a user was removed")

	again := emulator.New(emulator.Options{ValidationDelay: emulator.NoValidation})
	t.Cleanup(func() { _ = again.Close() })
	require.NoError(t, loadDevEmulator(again, dir, logf))
	require.Equal(t, demo, again.Directories())
	left, err := again.Users(demo[0].ID)
	require.NoError(t, err)
	require.Len(t, left, len(users)-1)

	require.NoError(t, os.WriteFile(devEmulatorPath(dir), []byte("{"), 0o600))
	broken := emulator.New(emulator.Options{ValidationDelay: emulator.NoValidation})
	t.Cleanup(func() { _ = broken.Close() })
	require.ErrorContains(t, loadDevEmulator(broken, dir, logf), "delete it to start over")
}
