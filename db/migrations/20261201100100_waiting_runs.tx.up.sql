-- WAITING: a Sync now asked while another run of the company was active; it is promoted
-- to QUEUED (and run) by whichever replica sees the company free (issue 14, point 1).
-- SUPERSEDED is listed too, so the constraint holds whichever of the two migrations adding
-- a status (20261201020100_run_review_guard) runs first.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('WAITING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'REJECTED', 'SUPERSEDED'));
-- At most one run waits per company.
CREATE UNIQUE INDEX sync_runs_one_waiting_key ON sync_runs (company_id) WHERE status = 'WAITING';
