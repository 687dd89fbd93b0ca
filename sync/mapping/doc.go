// Package mapping turns WorkOS directory users into OfficeTogether user fields.
//
// An admin's [Mapping] points each target field (first name, last name, email, job title,
// department, division, office and up to [MaxTags] tags) at a value in the WorkOS directory
// user object with an RFC 6901 JSON Pointer such as /custom_attributes/department_name.
// [Compile] validates a Mapping once and returns a [Mapper] that the sync engine and the
// preview in the mapping editor run over each user with [Mapper.Map] or [Mapper.MapJSON];
// MapJSON validates the whole JSON text but decodes only the values the pointers reach.
// A [Discoverer] lists the attribute paths present in a company's directory, with how many
// users have each and a few sample values, for the editor's attribute picker.
//
// The package is pure: no database, no network, no clock. Mapper is safe for concurrent use;
// Discoverer is not.
package mapping
