-- The environment-wide WorkOS events feed (issue 11): one lease holder at a time lists
-- /events without organization_id after one cursor and writes each event into the inbox
-- of its company; any replica applies a company's inbox as EVENTS runs.

-- The feed's single row: its cursor and its lease.
CREATE TABLE workos_events_feed (
    id             smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    cursor         text,        -- id of the last event written into the inboxes; null before the first
    range_start    timestamptz, -- without a cursor: list events created from here (the first poll's time)
    caught_up_at   timestamptz, -- the last poll that read to the newest event
    holder         text,        -- the process holding the lease
    lease_until    timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO workos_events_feed (id) VALUES (1);

-- Events of each company, from the feed and from signed webhooks, deduplicated by id.
CREATE TABLE workos_event_inbox (
    event_id    text PRIMARY KEY,
    company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    type        text NOT NULL,
    created_at  timestamptz, -- null when WorkOS sent no readable created_at
    data        bytea NOT NULL, -- the event's data exactly as received
    source      text NOT NULL CHECK (source IN ('poll', 'webhook')),
    received_at timestamptz NOT NULL,
    done_at     timestamptz, -- null while pending
    outcome     text CHECK (outcome IN ('applied', 'dropped')),
    run_id      uuid REFERENCES sync_runs (id) ON DELETE SET NULL
);
CREATE INDEX workos_event_inbox_pending_idx ON workos_event_inbox (company_id, event_id) WHERE done_at IS NULL;
CREATE INDEX workos_event_inbox_done_idx ON workos_event_inbox (done_at) WHERE done_at IS NOT NULL;

-- Per company: who applies its inbox now, its backoff after failures, and whether it
-- needs a full pull (events were dropped while it was paused, or the feed lost events).
CREATE TABLE workos_inbox_companies (
    company_id   uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    claimed_by   text,
    lease_until  timestamptz,
    failures     int NOT NULL DEFAULT 0,
    retry_at     timestamptz,
    resync_since timestamptz, -- non-null: a full pull is due (set at this time)
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Webhook ids are now deduplicated by the inbox; per-company cursors gave way to the feed's.
DROP TABLE workos_webhook_events;
ALTER TABLE directory_connections DROP COLUMN events_cursor;
