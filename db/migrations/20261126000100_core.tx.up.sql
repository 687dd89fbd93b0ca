-- Companies, offices and users: the tenant and the people Power Search finds.
CREATE TABLE companies (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offices (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (btrim(name) <> ''),
    aliases    text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, id)
);
CREATE UNIQUE INDEX offices_company_name_key ON offices (company_id, lower(name));

CREATE TABLE users (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id        uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email             text NOT NULL CHECK (email = lower(btrim(email)) AND email <> ''),
    role              text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('COMPANY_ADMIN', 'MEMBER')),
    status            text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE')),
    source            text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'DIRECTORY')),
    directory_user_id text,
    idp_id            text,
    first_name        text,
    last_name         text,
    job_title         text,
    department        text,
    division          text,
    office_id         uuid,
    tags              text[] NOT NULL DEFAULT '{}',
    last_synced_at    timestamptz,
    deactivated_at    timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (company_id, office_id) REFERENCES offices (company_id, id) ON DELETE SET NULL (office_id)
);
CREATE UNIQUE INDEX users_company_email_key ON users (company_id, email);
CREATE UNIQUE INDEX users_company_directory_user_key ON users (company_id, directory_user_id)
    WHERE directory_user_id IS NOT NULL;
CREATE INDEX users_company_idp_idx ON users (company_id, idp_id) WHERE idp_id IS NOT NULL;
-- Power Search is served from memory (package search), so users carries no search
-- indexes; this one serves the office foreign key's ON DELETE SET NULL.
CREATE INDEX users_office_idx ON users (company_id, office_id);
