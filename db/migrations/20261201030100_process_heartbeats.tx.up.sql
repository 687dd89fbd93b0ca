-- One row per running dirsync process (issue 10): the id it writes into sync_runs.claimed_by,
-- its stable instance name (DIRSYNC_INSTANCE_NAME, '' when not configured) and its last
-- heartbeat. A run whose holder stopped, or whose heartbeat is older than the holder timeout
-- (about 30 s), is taken over by any replica without waiting for the run's lease.
CREATE TABLE dirsync_processes (
    id           text PRIMARY KEY,
    name         text NOT NULL DEFAULT '',
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    stopped_at   timestamptz           -- set on a clean shutdown, or when a restart under the same name replaced it
);
CREATE INDEX dirsync_processes_heartbeat_idx ON dirsync_processes (heartbeat_at);
CREATE INDEX dirsync_processes_name_idx ON dirsync_processes (name) WHERE name <> '';
