// Package engine is dirsync's directory sync engine (DESIGN.md §4): it pulls every user
// of a company's WorkOS directory into the mirror, plans the OfficeTogether user changes
// through the company's field mapping, stops for review when a run would inactivate too
// many users, applies the plan in one transaction with set-based SQL, and records each
// run with counts, issues, changes and progress.
//
// A [Service] runs at most one run per company at a time (a unique index on sync_runs
// enforces it across replicas). [Service.StartRun] queues a run and executes it in the
// background; [Service.RunNow] runs one synchronously (CLI, scheduler, tests);
// [Service.PullMirror] refreshes the mirror only (after setup). Runs held for review are
// applied with [Service.Approve] or dropped with [Service.Reject].
//
// # Decisions
//
//   - Fields whose mapping pointer is empty are not managed: the user keeps its value.
//     A wrong_type value likewise leaves the user's current value in place.
//   - Duplicate emails within the directory: if an existing user with that email is already
//     linked to one of the duplicates, that one is synced and the others are skipped;
//     otherwise all of them are skipped (issue duplicate_email). A skipped record never
//     inactivates its linked user.
//   - An email owned by a user linked to a different directory user that is still active
//     and assigned in the directory is a duplicate_email; if that other directory user is
//     gone, inactive or un-assigned, the user is re-linked to the new one.
//   - Emails may move between users in one run (two users swap, or each takes the next
//     one's): the users table checks email uniqueness at the end of the apply statement.
//   - NUL characters, which PostgreSQL text and jsonb cannot hold, are dropped from
//     directory values (the raw JSON of the mirror keeps them escaped).
//   - The last active company admin is never inactivated (issue last_admin); role is never
//     changed by sync.
//   - Guard (guard.go): a run stops as NEEDS_REVIEW when its inactivations D, counted with
//     the R applied without review since the last approval within 24 hours, against the
//     A+R active DIRECTORY users before them, take all of them or more than half (whatever
//     the configuration), or exceed both maxDeactivationPercent/100 × (A+R) and
//     maxDeactivationCount; or when it empties a mapped job title, department, division,
//     office or tags for more than that share and count of A, or for everyone who has a
//     value there (at least 2 users). Dry runs report it as an issue instead. A held or
//     applied run marks older held runs SUPERSEDED: only the newest asks for review.
package engine
