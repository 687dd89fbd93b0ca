DROP TABLE IF EXISTS sync_runs;
DROP TABLE IF EXISTS directory_users;
DROP TABLE IF EXISTS sync_configurations;
DROP TABLE IF EXISTS directory_connections;
