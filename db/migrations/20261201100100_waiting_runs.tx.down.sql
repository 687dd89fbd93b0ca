DROP INDEX sync_runs_one_waiting_key;
DELETE FROM sync_runs WHERE status = 'WAITING';
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'REJECTED', 'SUPERSEDED'));
