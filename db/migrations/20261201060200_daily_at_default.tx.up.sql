-- A company that never chose a daily time gets a stable default spread over the night
-- (issue 11): daily_at NULL means "never chosen", and the effective time is computed from
-- the company id. Rows still at the old default 03:00 whose admins never sent a dailyAt
-- (no configuration.updated audit event carries one) never chose it.
ALTER TABLE sync_configurations ALTER COLUMN daily_at DROP NOT NULL, ALTER COLUMN daily_at DROP DEFAULT;
UPDATE sync_configurations s SET daily_at = NULL
WHERE daily_at = '03:00' AND NOT EXISTS (
    SELECT 1 FROM audit_events a
    WHERE a.company_id = s.company_id AND a.action = 'configuration.updated' AND a.details ? 'dailyAt');
