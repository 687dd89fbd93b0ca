package emulator

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed fixtures/*.json
var fixtureFS embed.FS

// Embedded fixture names (files fixtures/<name>.json).
const (
	// FixtureDemo holds one organization per provider shape, each with a
	// directory of realistic users (emails unique within each directory).
	FixtureDemo = "demo"
	// FixtureBadRecords holds a directory with deliberately bad records: a
	// user without an email and two users sharing one email.
	FixtureBadRecords = "bad_records"
)

// Fixture is the seed file format (embedded fixtures, --seed FILE, POST
// /_emulator/seed): organizations with directories, groups and users.
type Fixture struct {
	Organizations []FixtureOrganization `json:"organizations"`
}

// FixtureOrganization is an organization with its directories.
type FixtureOrganization struct {
	Organization
	Directories []FixtureDirectory `json:"directories"`
}

// FixtureDirectory is a directory with explicit groups and users and an
// optional generated population.
type FixtureDirectory struct {
	Directory
	// Generate adds Users generated users with Seed after the explicit ones,
	// in Groups provider-styled groups when set (see GenerateOptions).
	Generate *struct {
		Users     int    `json:"users"`
		Seed      uint64 `json:"seed"`
		Groups    int    `json:"groups,omitempty"`
		MinGroups int    `json:"min_groups,omitempty"`
		MaxGroups int    `json:"max_groups,omitempty"`
	} `json:"generate,omitempty"`
	Groups []Group `json:"groups,omitempty"`
	Users  []User  `json:"users,omitempty"`
	Faults *Faults `json:"faults,omitempty"`
}

// Seeded lists what a fixture created.
type Seeded struct {
	Organizations []Organization `json:"organizations"`
	Directories   []Directory    `json:"directories"`
}

// FixtureData returns an embedded fixture document by name.
func FixtureData(name string) ([]byte, error) {
	b, err := fixtureFS.ReadFile("fixtures/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("fixture %q: %w", name, ErrNotFound)
	}
	return b, nil
}

// LoadDemo loads the embedded demo fixture.
func (e *Emulator) LoadDemo() (Seeded, error) {
	return e.LoadEmbedded(FixtureDemo)
}

// LoadEmbedded loads an embedded fixture by name (FixtureDemo, FixtureBadRecords).
func (e *Emulator) LoadEmbedded(name string) (Seeded, error) {
	b, err := FixtureData(name)
	if err != nil {
		return Seeded{}, err
	}
	return e.LoadFixture(b)
}

// LoadFixture creates the organizations, directories, groups and users of a
// fixture document, emitting events as the Go methods do. Ids given in the
// document are kept (each must carry its kind's prefix and be unused), and a
// user's given created_at and updated_at too, so a Snapshot loads back
// under the same ids.
func (e *Emulator) LoadFixture(data []byte) (Seeded, error) {
	var doc Fixture
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return Seeded{}, fmt.Errorf("parse fixture: %w", invalid("body", "invalid", "%v", err))
	}
	var out Seeded
	for _, fo := range doc.Organizations {
		org, err := e.CreateOrganization(fo.Organization)
		if err != nil {
			return out, fmt.Errorf("fixture organization %q: %w", fo.Name, err)
		}
		out.Organizations = append(out.Organizations, org)
		for _, fd := range fo.Directories {
			d, err := e.loadDirectory(org.ID, fd)
			if err != nil {
				return out, fmt.Errorf("fixture directory %q of %q: %w", fd.Name, fo.Name, err)
			}
			out.Directories = append(out.Directories, d)
		}
	}
	return out, nil
}

func (e *Emulator) loadDirectory(orgID string, fd FixtureDirectory) (Directory, error) {
	fd.OrganizationID = orgID
	d, err := e.CreateDirectory(fd.Directory)
	if err != nil {
		return Directory{}, err
	}
	for _, g := range fd.Groups {
		if err := e.putFixtureGroup(d.ID, g); err != nil {
			return Directory{}, fmt.Errorf("group %q: %w", g.Name, err)
		}
	}
	for _, u := range fd.Users {
		if err := e.putFixtureUser(d.ID, u); err != nil {
			return Directory{}, fmt.Errorf("user %q: %w", u.Email, err)
		}
	}
	if fd.Generate != nil {
		g := fd.Generate
		if err := e.GenerateUsersWith(d.ID, GenerateOptions{Count: g.Users, Seed: g.Seed, Groups: g.Groups,
			MinGroups: g.MinGroups, MaxGroups: g.MaxGroups}); err != nil {
			return Directory{}, err
		}
	}
	if fd.Faults != nil {
		if err := e.SetFaults(d.ID, *fd.Faults); err != nil {
			return Directory{}, err
		}
	}
	return e.Directory(d.ID)
}
