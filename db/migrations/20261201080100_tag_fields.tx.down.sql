CREATE OR REPLACE FUNCTION bump_people_version_users_updated() RETURNS trigger LANGUAGE plpgsql AS $$
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

UPDATE sync_configurations SET mapping = (mapping - 'tagFields') || jsonb_build_object('tags',
    coalesce((SELECT jsonb_agg(f -> 'pointer' ORDER BY n)
              FROM jsonb_array_elements(mapping -> 'tagFields') WITH ORDINALITY AS t(f, n)
              WHERE coalesce(f ->> 'pointer', '') <> ''), '[]'::jsonb))
WHERE mapping ? 'tagFields';

ALTER TABLE users DROP COLUMN tag_fields;
