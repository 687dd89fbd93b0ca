DROP INDEX sync_runs_approved_idx;
DROP INDEX sync_runs_applied_deactivations_idx;
ALTER TABLE sync_runs DROP COLUMN approved_by, DROP COLUMN approved_at;
UPDATE sync_runs SET status = 'REJECTED' WHERE status = 'SUPERSEDED';
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'REJECTED'));
