package engine_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/emulator"
	"github.com/officetogether/dirsync/sync/engine"
	"github.com/officetogether/dirsync/sync/mapping"
)

// TestTagFieldsSync: each tag remembers its field; the same value in two fields is kept
// in both; tags written before tag fields are attributed by the next run, which is then
// the last to write.
func TestTagFieldsSync(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, opts{flow: emulator.CustomFlow})
	b.put(t, emulator.User{Email: "ada@acme.test", FirstName: "Ada", CustomAttributes: map[string]any{
		"cost_center_name": "engineering", "teams": []any{"engineering", "platform"}, "employee_type": "FT"}})
	m := mapping.DefaultMapping()
	m.TagFields = []mapping.TagField{
		{Key: "cost", Label: "Cost center", Pointer: "/custom_attributes/cost_center_name"},
		{Key: "teams", Label: "Teams", Pointer: "/custom_attributes/teams"},
	}
	_, err := b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	run := b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Created)
	ada := b.users(t)["ada@acme.test"]
	require.Equal(t, []string{"engineering", "engineering", "platform"}, ada.Tags)
	require.Equal(t, []string{"cost", "teams", "teams"}, ada.TagFields)

	// As the migration leaves users of a mapping with several tag pointers: fields unknown.
	_, err = b.db.ExecContext(ctx, "UPDATE users SET tag_fields = '{}' WHERE id = ?", ada.ID)
	require.NoError(t, err)
	dry := b.sync(t, engine.RunOptions{DryRun: true}, db.RunSucceeded)
	require.Equal(t, 1, dry.Updated)
	require.Len(t, dry.Changes, 1)
	require.Equal(t, "tagFields", dry.Changes[0].Fields[0].Field, "the same tags, newly attributed")
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated)
	require.Equal(t, []string{"cost", "teams", "teams"}, b.users(t)["ada@acme.test"].TagFields)
	before := snapshot(t, b.db)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Unchanged)
	require.Equal(t, before, snapshot(t, b.db))

	// Moving a value's source to another field is a change, though the tags stay the same.
	m.TagFields = []mapping.TagField{
		{Key: "cost", Label: "Cost center", Pointer: "/custom_attributes/cost_center_name"},
		{Key: "squads", Label: "Squads", Pointer: "/custom_attributes/teams"},
	}
	_, err = b.svc.SaveConfiguration(ctx, b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	run = b.sync(t, engine.RunOptions{}, db.RunSucceeded)
	require.Equal(t, 1, run.Updated)
	require.Equal(t, []string{"cost", "squads", "squads"}, b.users(t)["ada@acme.test"].TagFields)
}

// TestLegacyTagsInputSavesTagFields: a mapping saved with the flat tags list is stored
// as unnamed tag fields.
func TestLegacyTagsInputSavesTagFields(t *testing.T) {
	t.Parallel()
	b := setup(t, opts{})
	m := mapping.DefaultMapping()
	m.Tags = []string{"/custom_attributes/employee_type", "/custom_attributes/cost_center_name"}
	cfg, err := b.svc.SaveConfiguration(context.Background(), b.company, b.admin, engine.ConfigurationUpdate{Mapping: &m})
	require.NoError(t, err)
	got, err := engine.MappingOf(cfg)
	require.NoError(t, err)
	require.Nil(t, got.Tags)
	require.Equal(t, mapping.UnnamedTagFields(m.Tags), got.TagFields)
	require.JSONEq(t, `[{"key": "tag1", "label": "", "pointer": "/custom_attributes/employee_type"},
		{"key": "tag2", "label": "", "pointer": "/custom_attributes/cost_center_name"}]`, jsonField(t, cfg.Mapping, "tagFields"))
}

// jsonField returns one member of a JSON object as JSON text.
func jsonField(t *testing.T, raw []byte, name string) string {
	t.Helper()
	var obj map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &obj))
	return string(obj[name])
}
