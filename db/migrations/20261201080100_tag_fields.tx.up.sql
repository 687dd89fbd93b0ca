-- Named tag fields (issue 12). users.tag_fields names, for each element of users.tags, the
-- key of the mapping's tag field that value came from (mapping.TagField.Key); it is either
-- as long as tags or empty (values whose field is unknown: manual tags, or rows written
-- before this migration that the next sync attributes).
ALTER TABLE users ADD COLUMN tag_fields text[] NOT NULL DEFAULT '{}';
ALTER TABLE users ADD CONSTRAINT users_tag_fields_length
    CHECK (cardinality(tag_fields) = 0 OR cardinality(tag_fields) = cardinality(tags));

-- A mapping with one tag pointer gave every tag its users have: they came from field tag1.
UPDATE users u SET tag_fields = array_fill('tag1'::text, ARRAY[cardinality(u.tags)])
FROM sync_configurations c
WHERE c.company_id = u.company_id AND cardinality(u.tags) > 0
  AND jsonb_typeof(c.mapping -> 'tags') = 'array' AND jsonb_array_length(c.mapping -> 'tags') = 1;

-- Saved mappings: the flat tags list becomes unnamed tag fields tag1, tag2, ... in order.
UPDATE sync_configurations SET mapping = (mapping - 'tags') || jsonb_build_object('tagFields',
    (SELECT jsonb_agg(jsonb_build_object('key', 'tag' || t.n, 'label', '', 'pointer', t.p) ORDER BY t.n)
     FROM jsonb_array_elements_text(mapping -> 'tags') WITH ORDINALITY AS t(p, n)))
WHERE jsonb_typeof(mapping -> 'tags') = 'array' AND jsonb_array_length(mapping -> 'tags') > 0
  AND NOT mapping ? 'tagFields';
UPDATE sync_configurations SET mapping = mapping - 'tags' WHERE mapping ? 'tags';

-- The search index holds each tag's field: a change of tag_fields alone bumps people_version.
CREATE OR REPLACE FUNCTION bump_people_version_users_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET people_version = people_version + 1
    WHERE id IN (
        SELECT unnest(ARRAY[o.company_id, n.company_id])
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.company_id, o.email, o.first_name, o.last_name, o.status, o.department, o.division,
               o.office_id, o.tags, o.tag_fields)
            IS DISTINCT FROM
              (n.company_id, n.email, n.first_name, n.last_name, n.status, n.department, n.division,
               n.office_id, n.tags, n.tag_fields));
    RETURN NULL;
END $$;
