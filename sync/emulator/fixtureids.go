package emulator

import (
	"fmt"
	"strings"
	"time"
)

// putFixtureGroup creates a fixture group under its given id when it has
// one (then sets its role through PutGroup); without an id it is PutGroup.
func (e *Emulator) putFixtureGroup(dirID string, g Group) error {
	if g.ID != "" {
		if err := e.createFixtureGroup(dirID, g); err != nil {
			return err
		}
		if g.Role == "" {
			return nil
		}
	}
	_, err := e.PutGroup(dirID, g)
	return err
}

func (e *Emulator) createFixtureGroup(dirID string, g Group) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return notFound("directory", dirID)
	}
	name := strings.TrimSpace(g.Name)
	if name == "" {
		return invalid("name", "required", "group name is required")
	}
	if d.byName[groupKey(name)] != nil {
		return invalid("name", "taken", "directory %s already has a group %q", dirID, name)
	}
	id, err := e.presetID("group", "directory_group_", g.ID, e.now())
	if err != nil {
		return err
	}
	e.createGroupWithIDLocked(d, id, name, g.IdpID)
	return nil
}

// putFixtureUser creates a fixture user under its given id (and
// timestamps) when it has one; without an id it is PutUser.
func (e *Emulator) putFixtureUser(dirID string, u User) error {
	if u.ID == "" {
		_, err := e.PutUser(dirID, u)
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.dirs[dirID]
	if !ok {
		return notFound("directory", dirID)
	}
	id, err := e.presetID("user", "directory_user_", u.ID, e.now())
	if err != nil {
		return err
	}
	u.ID = ""
	f, err := e.fieldsFromUser(d, u)
	if err != nil {
		return err
	}
	if f.state == StateInactive && d.flow == SecureFlow {
		return invalid("state", "invalid", "directory %s uses the secure flow: inactive users are deleted", d.id)
	}
	f.id = id
	if u.CreatedAt != "" {
		if f.createdAt, err = parseFixtureTime("created_at", u.CreatedAt); err != nil {
			return err
		}
		f.updatedAt = f.createdAt
		if u.UpdatedAt != "" {
			if f.updatedAt, err = parseFixtureTime("updated_at", u.UpdatedAt); err != nil {
				return err
			}
		}
	}
	rec := e.createUserLocked(d, &f)
	if u.Groups != nil {
		e.setGroupsLocked(rec, u.Groups)
	}
	return nil
}

func parseFixtureTime(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("user %s: %w", field, invalid(field, "invalid", "%q is not an RFC 3339 time", s))
	}
	return t.UTC(), nil
}
