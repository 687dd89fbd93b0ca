package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors returned by the Go API (and mapped to HTTP statuses by the
// control API: ErrNotFound -> 404, ErrInvalid -> 422).
var (
	// ErrNotFound means the organization, directory, user or group id is unknown.
	ErrNotFound = errors.New("emulator: not found")
	// ErrInvalid means an argument failed validation.
	ErrInvalid = errors.New("emulator: invalid argument")
)

// RawMode says what a directory returns in raw_attributes.
type RawMode string

const (
	// RawLegacy returns the provider's legacy payload (WorkOS before 2026-04-15).
	RawLegacy RawMode = "legacy"
	// RawEmpty returns {} as WorkOS does since 2026-04-15. It is the default.
	RawEmpty RawMode = "empty"
)

// GroupsMode says whether directory users carry their groups.
type GroupsMode string

const (
	// GroupsFilled lists each user's groups in users[].groups (teams created
	// before 2026-05-01). It is the default.
	GroupsFilled GroupsMode = "filled"
	// GroupsEmpty returns "groups": [] on every user, as WorkOS does for teams
	// created from 2026-05-01; memberships come from GET /directory_groups?user=
	// and GET /directory_users?group=.
	GroupsEmpty GroupsMode = "empty"
)

// InactiveFlow is a directory's handling of users that become inactive.
type InactiveFlow string

const (
	// SecureFlow deletes users that become inactive (dsync.user.deleted). Default.
	SecureFlow InactiveFlow = "secure"
	// CustomFlow keeps them with state "inactive" (dsync.user.updated).
	CustomFlow InactiveFlow = "custom"
)

// User states.
const (
	StateActive   = "active"
	StateInactive = "inactive"
)

// Slug is a role reference. It marshals as {"slug": "..."} and unmarshals
// from either that object or a bare string.
type Slug string

// MarshalJSON renders {"slug": s}.
func (s Slug) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Slug string `json:"slug"`
	}{string(s)})
}

// UnmarshalJSON accepts "admin" or {"slug":"admin"}.
func (s *Slug) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err == nil {
		*s = Slug(str)
		return nil
	}
	var obj struct {
		Slug string `json:"slug"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("role: want a string or {\"slug\":...}: %w", err)
	}
	*s = Slug(obj.Slug)
	return nil
}

// Organization is a WorkOS organization.
type Organization struct {
	// ID is assigned by the emulator ("org_...") unless given.
	ID string `json:"id"`
	// Name is required.
	Name string `json:"name"`
	// Domains are the organization's domains.
	Domains []string `json:"domains,omitempty"`
	// ExternalID is an optional caller-chosen id.
	ExternalID string `json:"external_id,omitempty"`
	// Metadata holds string key/values.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Directory describes a directory to create (CreateDirectory) or one that exists.
type Directory struct {
	// ID is assigned by the emulator ("directory_...") unless given.
	ID string `json:"id"`
	// OrganizationID is required and must exist.
	OrganizationID string `json:"organization_id"`
	// Name defaults to "<organization name> <provider name>".
	Name string `json:"name"`
	// Type is the provider: a WorkOS type ("okta scim v2.0") or an alias
	// ("okta", "entra", "google", "workday", "bamboohr", "rippling",
	// "generic", "gusto"). Default "generic scim v2.0".
	Type string `json:"type"`
	// Domain defaults to the organization's first domain.
	Domain string `json:"domain,omitempty"`
	// ExternalKey is generated unless given.
	ExternalKey string `json:"external_key,omitempty"`
	// State is the REST state: linked, validating, invalid_credentials,
	// unlinked or deleting ("active" and "inactive" are read as linked and
	// unlinked). Default: linked, or validating for HRIS types until
	// Options.ValidationDelay has passed.
	State string `json:"state"`
	// RawAttributes selects legacy payloads or {} (default RawEmpty).
	RawAttributes RawMode `json:"raw_attributes"`
	// InactiveUsers selects the inactive-user flow (default SecureFlow).
	InactiveUsers InactiveFlow `json:"inactive_users"`
	// UserGroups selects users[].groups filled or [] (default GroupsFilled).
	UserGroups GroupsMode `json:"user_groups"`
}

// User is a directory user as the Go API and the control API accept it.
// Rendered WorkOS JSON uses the same field names.
type User struct {
	// ID is assigned on creation; set it to update an existing user.
	ID string `json:"id,omitempty"`
	// DirectoryID and OrganizationID are filled in by the emulator.
	DirectoryID    string `json:"directory_id,omitempty"`
	OrganizationID string `json:"organization_id,omitempty"`
	// IdpID is the provider's id; generated in the provider's format when empty.
	// PutUser without ID updates the user with this IdpID if one exists.
	IdpID string `json:"idp_id,omitempty"`
	// Email is the primary work email; empty renders as null.
	Email     string `json:"email,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
	JobTitle  string `json:"job_title,omitempty"`
	// State is "active" (default) or "inactive".
	State string `json:"state,omitempty"`
	// Role defaults to "member"; Roles defaults to [Role]. They are the
	// user's own role: the API renders the role of the user's groups' role
	// assignments instead when it has any (see SetGroupRole).
	Role  Slug   `json:"role,omitempty"`
	Roles []Slug `json:"roles,omitempty"`
	// CustomAttributes are the normalized WorkOS attributes (department_name, ...).
	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`
	// RawAttributes is the provider payload; derived from the other fields in
	// the directory's provider shape when nil.
	RawAttributes map[string]any `json:"raw_attributes,omitempty"`
	// Groups are group names. When non-nil, PutUser makes the user a member of
	// exactly these groups (creating missing groups); nil keeps memberships.
	Groups []string `json:"groups,omitempty"`
	// CreatedAt and UpdatedAt are WorkOS timestamps, set by the emulator.
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

// Group is a directory group.
type Group struct {
	// ID is assigned on creation; set it to rename an existing group.
	ID          string `json:"id,omitempty"`
	DirectoryID string `json:"directory_id,omitempty"`
	// IdpID is generated in the provider's format when empty.
	IdpID string `json:"idp_id,omitempty"`
	// Name is required.
	Name string `json:"name"`
	// Role is the group's role assignment: its members get this role slug
	// (PutGroup sets it when non-empty; SetGroupRole also removes it).
	Role      string `json:"role,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

// invalid wraps ErrInvalid with a field name for 422 field errors.
type invalidError struct {
	field, code, msg string
}

func (e *invalidError) Error() string { return "emulator: " + e.field + ": " + e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

func invalid(field, code, format string, args ...any) error {
	return &invalidError{field: field, code: code, msg: fmt.Sprintf(format, args...)}
}

func notFound(kind, id string) error {
	return fmt.Errorf("%s %q: %w", kind, id, ErrNotFound)
}

// normalizeState validates a user state, defaulting to active.
func normalizeState(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", StateActive:
		return StateActive, nil
	case StateInactive, "suspended":
		return StateInactive, nil
	}
	return "", invalid("state", "invalid", "state %q is not active or inactive", s)
}
