ALTER TABLE directory_connections DROP COLUMN requested_provider;
