ALTER TABLE users DROP COLUMN idp_provider;
ALTER TABLE directory_connections
    DROP COLUMN state_changed_at,
    DROP COLUMN other_directories,
    DROP COLUMN mirror_pending;
