-- Directory lifecycle (issue 10): the connection keeps the directory's current state (in
-- one vocabulary: WorkOS's event names active/inactive become linked/unlinked), when it
-- last changed, the organization's other active directories (shown to the admin, never
-- synced), and whether a newly linked replacement directory still needs its first pull
-- into the mirror (which changes no user). users.idp_provider is the directory type that
-- set a user's idp_id, so that matching by idp id stays within one provider type.
ALTER TABLE directory_connections
    ADD COLUMN state_changed_at timestamptz,
    ADD COLUMN other_directories jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN mirror_pending boolean NOT NULL DEFAULT false;
UPDATE directory_connections SET state = CASE lower(state)
    WHEN 'active' THEN 'linked' WHEN 'inactive' THEN 'unlinked' ELSE lower(state) END
WHERE state IS NOT NULL;

ALTER TABLE users ADD COLUMN idp_provider text;
UPDATE users u SET idp_provider = c.provider
FROM directory_connections c
WHERE c.company_id = u.company_id AND u.idp_id IS NOT NULL;
