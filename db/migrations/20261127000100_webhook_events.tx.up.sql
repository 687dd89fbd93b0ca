-- Ids of received WorkOS webhook events, so a redelivered event is acknowledged without
-- triggering another events poll (issue 5). Rows older than a week are deleted on insert.
CREATE TABLE workos_webhook_events (
    id          text PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX workos_webhook_events_received_idx ON workos_webhook_events (received_at);
