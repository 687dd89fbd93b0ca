// Package emulator is an in-memory emulator of the WorkOS API that dirsync
// uses (Directory Sync, Events, Organizations, Admin Portal), served over
// real HTTP so that the real SDK (github.com/workos/workos-go/v4) can talk
// to it. It backs the dev server, the engine tests and `dirsync emulator`.
//
// # Serving
//
//	em := emulator.New(emulator.Options{})      // all options are optional
//	defer em.Close()                              // stops webhook delivery
//	srv := httptest.NewServer(em)                 // or mount: http.StripPrefix("/workos-emulator", em)
//	client := &directorysync.Client{APIKey: "sk_test", Endpoint: srv.URL}
//
// Options: APIKey (fix the accepted key; default any "sk_..." key), BaseURL
// and PathPrefix (absolute portal links; X-Forwarded-Prefix is honoured),
// Now (the clock), Seed (ids and fault PRNGs), RateLimit (default limit of
// /directory_users per directory: 0 = 4/s, NoRateLimit = off),
// AllowUnfilteredEvents, WebhookURL/WebhookSecret, WebhookRetries,
// WebhookBackoff, HTTPClient, ValidationDelay (how long new HRIS directories
// stay "validating") and Roles (role priority for group role assignment).
//
// # WorkOS routes
//
// GET /directories, GET|DELETE /directories/{id}, GET /directory_users,
// GET /directory_users/{id}, GET /directory_groups, GET
// /directory_groups/{id}, GET /events, GET|POST /organizations, GET|PUT|DELETE
// /organizations/{id} (first path segment case-insensitive), GET
// /organizations/external_id/{id}, POST /portal/generate_link, and the
// Admin Portal pages GET|POST /portal/setup?token=....
// Lists use WorkOS cursor pagination: limit 1..100 (default 10, else 422),
// order asc|desc|normal (default desc), before/after object ids,
// list_metadata cursors null at the ends. Ids are ULID-like and sort by
// creation, so every list is kept as a slice sorted by id and a page costs
// O(log n + limit); each user's JSON is encoded once per change.
//
// # Go API (the same operations as the control API under /_emulator/)
//
//	CreateOrganization(Organization) (Organization, error)
//	Organization(id) / DeleteOrganization(id)
//	CreateDirectory(Directory) (Directory, error)   // emits dsync.activated
//	Directory(id) / Directories() / UpdateDirectory(id, Directory) / DeleteDirectory(id)
//	PutUser(dirID, User) (User, error)              // create or replace; user.created/updated/deleted
//	User(id) / Users(dirID) / RemoveUser(id) / SetUserState(id, state)
//	PutGroup(dirID, Group) / Groups(dirID) / RemoveGroup(id)
//	AddUserToGroup(groupID, userID) / RemoveUserFromGroup(groupID, userID)
//	GenerateUsers(dirID, n, seed)                   // deterministic realistic users
//	GenerateUsersWith(dirID, GenerateOptions)       // ... in N provider-styled groups
//	GenerateFleet(FleetOptions)                     // many organizations, one directory each
//	SetFaults(dirID, Faults) / Faults(dirID)
//	Stats() / ResetStats()                          // requests per route and status
//	SetWebhook(url, secret) / SetWebhookFaults(WebhookFaults) // duplicates, out of order
//	SetGroupRole(groupID, slug)                     // directory group role assignment
//	LoadFixture(json) / LoadEmbedded(name) / LoadDemo()
//	Close()
//
// Every change emits the matching dsync.* event to the Events API and, when
// a webhook is configured, as a webhook signed with "WorkOS-Signature:
// t=<unix ms>, v1=<hex HMAC-SHA256(secret, t + "." + body)>" (see Sign),
// delivered in order from one goroutine with retries.
//
// Directory state changes emit dsync.activated (becoming linked) and
// dsync.deactivated (leaving linked); HRIS directories start validating.
//
// Per directory, RawAttributes chooses between the provider's legacy
// raw_attributes payload (RawLegacy) and {} with null job_title/username and
// [] emails (RawEmpty, WorkOS since 2026-04-15, the default), UserGroups
// between filled users[].groups and [] (GroupsEmpty, WorkOS teams created
// from 2026-05-01), and InactiveUsers between the secure flow
// (inactive users are deleted: dsync.user.deleted, the default) and the
// custom flow (kept with state inactive: dsync.user.updated).
//
// Every API key may make KeyRateLimit requests (default 6,000) per
// KeyRateWindow (60 s), all routes together, as WorkOS allows; beyond that
// any route answers 429 with Retry-After.
//
// Faults (per directory): the 4 requests/s limit on /directory_users with
// 429 and Retry-After (on by default), random 5xx at a rate, latency, hanging
// responses, truncated bodies and a failing page k (once or always).
//
// The control API and the CLI (RunCLI) are documented in README.md.
package emulator
