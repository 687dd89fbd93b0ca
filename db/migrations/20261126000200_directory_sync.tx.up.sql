-- Directory sync: the company's WorkOS connection, its sync configuration, the mirror of
-- the directory's users and the record of sync runs (DESIGN.md §2, §4).

-- One WorkOS organization (and, once the Admin Portal is done, one directory) per company.
CREATE TABLE directory_connections (
    company_id           uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    organization_id      text NOT NULL UNIQUE CHECK (organization_id <> ''),
    directory_id         text UNIQUE,              -- null until completeDirectorySetup
    provider             text,                     -- WorkOS directory type, e.g. 'okta scim v2.0'
    name                 text,
    state                text,                     -- WorkOS directory state, e.g. 'linked'
    user_count           int NOT NULL DEFAULT 0,   -- directory users in the last pull
    quarantined          boolean NOT NULL DEFAULT false,
    last_error           text,                     -- client-safe text of the last failed run
    consecutive_failures int NOT NULL DEFAULT 0,
    events_cursor        text,                     -- WorkOS Events API cursor (issue 5)
    connected_at         timestamptz,
    disconnected_at      timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- A missing row means the defaults below.
CREATE TABLE sync_configurations (
    company_id               uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    enabled                  boolean NOT NULL DEFAULT true,
    daily_at                 text NOT NULL DEFAULT '03:00' CHECK (daily_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    time_zone                text NOT NULL DEFAULT 'UTC',
    mapping                  jsonb,                -- mapping.Mapping; null means mapping.DefaultMapping()
    auto_assign_new_users    boolean NOT NULL DEFAULT true,
    max_deactivation_percent double precision NOT NULL DEFAULT 5
        CHECK (max_deactivation_percent >= 0 AND max_deactivation_percent <= 100),
    max_deactivation_count   int NOT NULL DEFAULT 10 CHECK (max_deactivation_count >= 0),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    updated_by               uuid
);

-- The mirror: the last full record WorkOS returned for each directory user.
CREATE TABLE directory_users (
    company_id        uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    id                text NOT NULL,               -- WorkOS directory user id
    directory_id      text NOT NULL,
    idp_id            text,
    email             text CHECK (email = lower(email)),
    first_name        text,
    last_name         text,
    state             text NOT NULL,               -- active | inactive
    raw               json COMPRESSION lz4 NOT NULL, -- the complete WorkOS object as sent (no SQL reads inside it)
    raw_sha256        bytea NOT NULL,              -- SHA-256 of raw as WorkOS sent it: unchanged users are not re-sent
    assigned          boolean NOT NULL,            -- the admin's toggle
    workos_updated_at timestamptz,
    last_changed_run  uuid,                        -- the run whose pull last inserted or changed this row
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- Words (runs of letters and digits) of the lower-cased name and email, for the admin
    -- list's prefix search; written with the row by the sync's staging COPY (db.CopyPullRows),
    -- the only writer of names and emails here.
    search_words      tsvector NOT NULL,
    PRIMARY KEY (company_id, id)
);
-- The admin list's order; email is lower-case (CHECK above).
CREATE INDEX directory_users_list_idx ON directory_users (company_id, coalesce(email, ''), id);
CREATE INDEX directory_users_search_idx ON directory_users USING gin (search_words);

CREATE TABLE sync_runs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id    uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    trigger       text NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'EVENTS', 'SETUP')),
    status        text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'REJECTED')),
    dry_run       boolean NOT NULL DEFAULT false,
    started_by    uuid,
    queued_at     timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    fetched       int NOT NULL DEFAULT 0,
    created       int NOT NULL DEFAULT 0,
    updated       int NOT NULL DEFAULT 0,
    deactivated   int NOT NULL DEFAULT 0,
    reactivated   int NOT NULL DEFAULT 0,
    unchanged     int NOT NULL DEFAULT 0,
    skipped       int NOT NULL DEFAULT 0,
    progress      double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    issues        jsonb NOT NULL DEFAULT '[]',     -- [{directoryUserId, email, kind, message}]
    changes       jsonb NOT NULL DEFAULT '[]',     -- [{action, userId, directoryUserId, email, name, fields}], at most 1000
    plan          jsonb,                           -- the full plan of a NEEDS_REVIEW run
    error         text,                            -- client-safe
    scheduled_for timestamptz,                     -- the schedule slot this run claims (issue 5)
    lease_until   timestamptz,                     -- a RUNNING run whose lease passed was abandoned
    claimed_by    text                             -- the process running it
);
-- Never more than one active run per company.
CREATE UNIQUE INDEX sync_runs_one_active_key ON sync_runs (company_id) WHERE status IN ('QUEUED', 'RUNNING');
-- Each scheduled slot is claimed once across replicas.
CREATE UNIQUE INDEX sync_runs_schedule_claim_key ON sync_runs (company_id, trigger, scheduled_for)
    WHERE scheduled_for IS NOT NULL;
CREATE INDEX sync_runs_company_queued_idx ON sync_runs (company_id, queued_at DESC, id DESC);
