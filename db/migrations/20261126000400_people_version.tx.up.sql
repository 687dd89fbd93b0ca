-- people_version tells search replicas whether their in-memory index of a company's
-- people is current: it grows with every committed statement that changes what the
-- index holds (a user's email, name, status, department, division, office or tags;
-- an office's name or aliases). Statement-level triggers with transition tables pay
-- once per statement, so the sync engine's set-based writes bump it once. A statement
-- that changes no indexed value (no row, or only job titles and sync times) does not
-- bump it: search reads those columns fresh with every page.
ALTER TABLE companies ADD COLUMN people_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION bump_people_version_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET people_version = people_version + 1
    WHERE id IN (SELECT DISTINCT company_id FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION bump_people_version_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET people_version = people_version + 1
    WHERE id IN (SELECT DISTINCT company_id FROM old_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION bump_people_version_users_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET people_version = people_version + 1
    WHERE id IN (
        SELECT unnest(ARRAY[o.company_id, n.company_id])
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.company_id, o.email, o.first_name, o.last_name, o.status, o.department, o.division,
               o.office_id, o.tags)
            IS DISTINCT FROM
              (n.company_id, n.email, n.first_name, n.last_name, n.status, n.department, n.division,
               n.office_id, n.tags));
    RETURN NULL;
END $$;

CREATE FUNCTION bump_people_version_offices_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET people_version = people_version + 1
    WHERE id IN (
        SELECT unnest(ARRAY[o.company_id, n.company_id])
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.company_id, o.name, o.aliases) IS DISTINCT FROM (n.company_id, n.name, n.aliases));
    RETURN NULL;
END $$;

CREATE TRIGGER users_people_version_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_inserted();
CREATE TRIGGER users_people_version_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_users_updated();
CREATE TRIGGER users_people_version_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_deleted();

CREATE TRIGGER offices_people_version_insert AFTER INSERT ON offices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_inserted();
CREATE TRIGGER offices_people_version_update AFTER UPDATE ON offices
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_offices_updated();
CREATE TRIGGER offices_people_version_delete AFTER DELETE ON offices
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_people_version_deleted();
