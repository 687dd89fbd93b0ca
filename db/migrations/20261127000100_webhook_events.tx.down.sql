DROP TABLE workos_webhook_events;
