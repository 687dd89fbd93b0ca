-- Notifications (issue 13): who is told, the incidents that need a person and the
-- outbox of one mail per recipient per incident. Triggers on sync_runs and
-- directory_connections open and resolve incidents and write their messages in the
-- same transaction as the change that causes them, whichever code makes the change.

-- A missing row means the defaults: admins are told, no extra addresses, no digest.
CREATE TABLE notification_settings (
    company_id          uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    notify_admins       boolean NOT NULL DEFAULT true,
    notification_emails text[] NOT NULL DEFAULT '{}',
    weekly_digest       boolean NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          uuid
);

-- A company admin who turned directory sync alerts off for themselves.
CREATE TABLE notification_opt_outs (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Something that needs a person: held_run, run_failed, quarantined,
-- directory_broken (open until the condition clears), directory_restored and
-- weekly_digest (subject: the week's Monday) are told once and born resolved.
CREATE TABLE notification_incidents (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('held_run', 'run_failed', 'quarantined', 'directory_broken',
                                              'directory_restored', 'weekly_digest')),
    subject     text NOT NULL DEFAULT '',
    details     jsonb NOT NULL DEFAULT '{}',
    opened_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
-- The unique key of an incident: one open incident per company, kind and subject ...
CREATE UNIQUE INDEX notification_incidents_open_key ON notification_incidents (company_id, kind, subject)
    WHERE resolved_at IS NULL;
-- ... and one digest per company and week, whichever replica writes it first.
CREATE UNIQUE INDEX notification_incidents_digest_key ON notification_incidents (company_id, subject)
    WHERE kind = 'weekly_digest';
CREATE INDEX notification_incidents_company_idx ON notification_incidents (company_id, opened_at DESC);

-- The outbox: one mail per recipient per incident. A sender claims a PENDING message by
-- setting claimed_by and lease_until; it ends SENT, FAILED (attempts used up) or SKIPPED
-- (its incident was resolved before it could be sent).
CREATE TABLE notification_messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    incident_id     uuid NOT NULL REFERENCES notification_incidents (id) ON DELETE CASCADE,
    company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email           text NOT NULL,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,                 -- null: due now
    lease_until     timestamptz,
    claimed_by      text,
    last_error      text,                        -- the SMTP server's answer, no secrets
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_messages_recipient_key ON notification_messages (incident_id, lower(email));
CREATE INDEX notification_messages_pending_idx ON notification_messages (next_attempt_at NULLS FIRST)
    WHERE status = 'PENDING';

-- notify_fan_out writes one message per recipient of the company's alerts: its active
-- company admins who did not opt out (unless notify_admins is off) and its
-- notification_emails, each address once.
CREATE FUNCTION notify_fan_out(incident uuid, company uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notification_messages (incident_id, company_id, email, user_id)
    SELECT DISTINCT ON (lower(r.email)) incident, company, r.email, r.user_id
    FROM (
        SELECT u.email, u.id AS user_id, 0 AS pri
        FROM users u
        WHERE u.company_id = company AND u.role = 'COMPANY_ADMIN' AND u.status = 'ACTIVE'
          AND coalesce((SELECT s.notify_admins FROM notification_settings s WHERE s.company_id = company), true)
          AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.user_id = u.id)
        UNION ALL
        SELECT e, NULL, 1
        FROM notification_settings s, unnest(s.notification_emails) e
        WHERE s.company_id = company
    ) r
    ORDER BY lower(r.email), r.pri
    ON CONFLICT DO NOTHING;
END $$;

-- notify_open opens an incident unless the same one is open, and writes its messages.
-- A one-shot incident (born resolved) is always new.
CREATE FUNCTION notify_open(company uuid, k text, subj text, info jsonb, one_shot boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    inc uuid;
BEGIN
    INSERT INTO notification_incidents (company_id, kind, subject, details, resolved_at)
    VALUES (company, k, subj, info, CASE WHEN one_shot THEN now() END)
    ON CONFLICT (company_id, kind, subject) WHERE resolved_at IS NULL DO NOTHING
    RETURNING id INTO inc;
    IF inc IS NOT NULL THEN
        PERFORM notify_fan_out(inc, company);
    END IF;
END $$;

-- notify_resolve closes the open incident, reporting whether there was one.
CREATE FUNCTION notify_resolve(company uuid, k text, subj text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    n int;
BEGIN
    UPDATE notification_incidents SET resolved_at = now()
    WHERE company_id = company AND kind = k AND subject = subj AND resolved_at IS NULL;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n > 0;
END $$;

-- A scheduled or event run that fails after the company's syncs worked opens run_failed
-- (once per streak); a successful run closes it.
CREATE FUNCTION notify_sync_run_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.dry_run THEN
        RETURN NULL;
    END IF;
    IF NEW.status = 'FAILED' AND NEW.trigger IN ('SCHEDULE', 'EVENTS')
       AND EXISTS (SELECT 1 FROM sync_runs r WHERE r.company_id = NEW.company_id AND r.status = 'SUCCEEDED'
                   AND NOT r.dry_run) THEN
        PERFORM notify_open(NEW.company_id, 'run_failed', '',
            jsonb_build_object('runId', NEW.id, 'trigger', NEW.trigger, 'error', NEW.error), false);
    ELSIF NEW.status = 'SUCCEEDED' THEN
        PERFORM notify_resolve(NEW.company_id, 'run_failed', '');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sync_runs_notify_insert AFTER INSERT ON sync_runs
    FOR EACH ROW WHEN (NEW.status IN ('FAILED', 'SUCCEEDED'))
    EXECUTE FUNCTION notify_sync_run_changed();
CREATE TRIGGER sync_runs_notify_update AFTER UPDATE OF status ON sync_runs
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION notify_sync_run_changed();

-- held_run is open while the company has a run held for review (NEEDS_REVIEW), and its
-- details name the newest one: a held run that a newer held run supersedes is the same
-- incident, told once. Deferred to commit, so the end state of the transaction decides
-- whatever order its statements hold and release runs in.
CREATE FUNCTION notify_held_runs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    info jsonb;
BEGIN
    SELECT id, trigger, deactivated INTO r FROM sync_runs
    WHERE company_id = NEW.company_id AND status = 'NEEDS_REVIEW' AND NOT dry_run
    ORDER BY queued_at DESC, id DESC LIMIT 1;
    IF NOT FOUND THEN
        PERFORM notify_resolve(NEW.company_id, 'held_run', '');
        RETURN NULL;
    END IF;
    info := jsonb_build_object('runId', r.id, 'trigger', r.trigger, 'deactivated', r.deactivated);
    UPDATE notification_incidents SET details = info
    WHERE company_id = NEW.company_id AND kind = 'held_run' AND subject = '' AND resolved_at IS NULL;
    IF NOT FOUND THEN
        PERFORM notify_open(NEW.company_id, 'held_run', '', info, false);
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER sync_runs_notify_held_insert AFTER INSERT ON sync_runs
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'NEEDS_REVIEW')
    EXECUTE FUNCTION notify_held_runs();
CREATE CONSTRAINT TRIGGER sync_runs_notify_held_update AFTER UPDATE OF status ON sync_runs
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND 'NEEDS_REVIEW' IN (OLD.status, NEW.status))
    EXECUTE FUNCTION notify_held_runs();

-- notify_directory_broken says whether a WorkOS directory state needs a person: anything
-- but linked/active (WorkOS's two vocabularies) and the passing validating.
CREATE FUNCTION notify_directory_broken(state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT state IS NOT NULL AND lower(state) NOT IN ('linked', 'active', 'validating')
$$;

-- Quarantine opens quarantined until it is cleared. A directory state that breaks opens
-- directory_broken; when it is linked/active again that closes and directory_restored is
-- told. Disconnecting (an admin's own act) closes both without a word.
CREATE FUNCTION notify_connection_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.disconnected_at IS NOT NULL OR NEW.directory_id IS NULL THEN
        PERFORM notify_resolve(NEW.company_id, 'quarantined', '');
        PERFORM notify_resolve(NEW.company_id, 'directory_broken', '');
        RETURN NULL;
    END IF;
    IF NEW.quarantined AND NOT OLD.quarantined THEN
        PERFORM notify_open(NEW.company_id, 'quarantined', '',
            jsonb_build_object('error', NEW.last_error, 'failures', NEW.consecutive_failures), false);
    ELSIF OLD.quarantined AND NOT NEW.quarantined THEN
        PERFORM notify_resolve(NEW.company_id, 'quarantined', '');
    END IF;
    IF notify_directory_broken(NEW.state) THEN
        PERFORM notify_open(NEW.company_id, 'directory_broken', '',
            jsonb_build_object('state', NEW.state, 'name', NEW.name), false);
    ELSIF lower(NEW.state) IN ('linked', 'active') THEN
        IF notify_resolve(NEW.company_id, 'directory_broken', '') THEN
            PERFORM notify_open(NEW.company_id, 'directory_restored', '',
                jsonb_build_object('state', NEW.state, 'name', NEW.name), true);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER directory_connections_notify AFTER UPDATE ON directory_connections
    FOR EACH ROW WHEN ((OLD.quarantined, OLD.state, OLD.disconnected_at, OLD.directory_id)
                       IS DISTINCT FROM (NEW.quarantined, NEW.state, NEW.disconnected_at, NEW.directory_id))
    EXECUTE FUNCTION notify_connection_changed();
