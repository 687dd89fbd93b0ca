-- The mirror of each directory's groups and their members (issue 12), written by the sync's
-- pull in the same transaction as the directory users.
CREATE TABLE directory_groups (
    company_id        uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    id                text NOT NULL,               -- WorkOS directory group id
    directory_id      text NOT NULL,
    idp_id            text,
    name              text NOT NULL,
    workos_updated_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, id)
);
-- The admin list's order and name search.
CREATE INDEX directory_groups_name_idx ON directory_groups (company_id, lower(name), id);

-- Who is in which group; a member need not be in directory_users yet (events may tell of a
-- membership before the user).
CREATE TABLE directory_group_members (
    company_id uuid NOT NULL,
    group_id   text NOT NULL,
    user_id    text NOT NULL,                      -- WorkOS directory user id
    PRIMARY KEY (company_id, group_id, user_id),
    FOREIGN KEY (company_id, group_id) REFERENCES directory_groups (company_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_group_members_user_idx ON directory_group_members (company_id, user_id);
