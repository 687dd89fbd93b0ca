UPDATE sync_configurations SET daily_at = '03:00' WHERE daily_at IS NULL;
ALTER TABLE sync_configurations ALTER COLUMN daily_at SET DEFAULT '03:00', ALTER COLUMN daily_at SET NOT NULL;
