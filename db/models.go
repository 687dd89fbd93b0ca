package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Roles, statuses and sources of a user, as stored.
const (
	RoleCompanyAdmin = "COMPANY_ADMIN"
	RoleMember       = "MEMBER"

	StatusActive   = "ACTIVE"
	StatusInactive = "INACTIVE"

	SourceManual    = "MANUAL"
	SourceDirectory = "DIRECTORY"
)

// Company is a tenant; every other row carries its id.
type Company struct {
	bun.BaseModel `bun:"table:companies"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name      string    `bun:"name,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull,default:now()"`
}

// Office is one of a company's offices. Aliases are directory values that mean this office.
type Office struct {
	bun.BaseModel `bun:"table:offices"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	CompanyID string    `bun:"company_id,type:uuid,notnull"`
	Name      string    `bun:"name,notnull"`
	Aliases   []string  `bun:"aliases,array,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull,default:now()"`
	UpdatedAt time.Time `bun:"updated_at,notnull,default:now()"`
}

// User is an OfficeTogether user. Email is stored lower-cased and is unique per company.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID              string   `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	CompanyID       string   `bun:"company_id,type:uuid,notnull"`
	Email           string   `bun:"email,notnull"`
	Role            string   `bun:"role,notnull"`
	Status          string   `bun:"status,notnull"`
	Source          string   `bun:"source,notnull"`
	DirectoryUserID *string  `bun:"directory_user_id"`
	IdpID           *string  `bun:"idp_id"`
	FirstName       *string  `bun:"first_name"`
	LastName        *string  `bun:"last_name"`
	JobTitle        *string  `bun:"job_title"`
	Department      *string  `bun:"department"`
	Division        *string  `bun:"division"`
	OfficeID        *string  `bun:"office_id,type:uuid"`
	Tags            []string `bun:"tags,array,notnull"`
	// TagFields names the tag field (mapping.TagField.Key) of each element of Tags; empty
	// when the fields are unknown (manual tags, or tags written before tag fields).
	TagFields     []string   `bun:"tag_fields,array,notnull"`
	LastSyncedAt  *time.Time `bun:"last_synced_at"`
	DeactivatedAt *time.Time `bun:"deactivated_at"`
	CreatedAt     time.Time  `bun:"created_at,notnull,default:now()"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull,default:now()"`
}

var _ bun.BeforeAppendModelHook = (*User)(nil)

// BeforeAppendModel writes nil tag lists as empty arrays (the columns are NOT NULL).
func (u *User) BeforeAppendModel(context.Context, bun.Query) error {
	if u.Tags == nil {
		u.Tags = []string{}
	}
	if u.TagFields == nil {
		u.TagFields = []string{}
	}
	return nil
}

// Name is the user's display name: first and last name, else the email.
func (u *User) Name() string {
	return DisplayName(deref(u.FirstName), deref(u.LastName), u.Email)
}

// DisplayName joins first and last name, falling back to the email.
func DisplayName(first, last, email string) string {
	switch {
	case first != "" && last != "":
		return first + " " + last
	case first != "":
		return first
	case last != "":
		return last
	}
	return email
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
