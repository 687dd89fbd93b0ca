ALTER TABLE directory_connections ADD COLUMN events_cursor text;
CREATE TABLE workos_webhook_events (
    id          text PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX workos_webhook_events_received_idx ON workos_webhook_events (received_at);
DROP TABLE workos_inbox_companies;
DROP TABLE workos_event_inbox;
DROP TABLE workos_events_feed;
