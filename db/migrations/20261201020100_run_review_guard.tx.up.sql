-- SUPERSEDED: a run held for review whose plan a newer plan (a newer held run, or a later
-- successful run) replaced; only the newest held run asks for review (issue 10).
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'REJECTED', 'SUPERSEDED'));
-- Held runs that piled up before this status existed: all but the newest are superseded.
UPDATE sync_runs r SET status = 'SUPERSEDED'
WHERE r.status = 'NEEDS_REVIEW' AND EXISTS (
    SELECT 1 FROM sync_runs n
    WHERE n.company_id = r.company_id AND NOT n.dry_run AND n.status IN ('SUCCEEDED', 'NEEDS_REVIEW')
      AND (n.queued_at, n.id) > (r.queued_at, r.id));
-- Who approved a held run, and when: the guard counts the inactivations applied without
-- review since the last approval (within 24 hours) together with a run's own.
ALTER TABLE sync_runs ADD COLUMN approved_by uuid, ADD COLUMN approved_at timestamptz;
-- The guard's look-back: the company's applied runs that inactivated someone.
CREATE INDEX sync_runs_applied_deactivations_idx ON sync_runs (company_id, finished_at)
    WHERE status = 'SUCCEEDED' AND NOT dry_run AND deactivated > 0;
CREATE INDEX sync_runs_approved_idx ON sync_runs (company_id, approved_at) WHERE approved_at IS NOT NULL;
