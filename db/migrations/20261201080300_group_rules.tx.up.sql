-- A company's group rules (issue 12): directory groups that become tags, that limit who is
-- synced, and that make company administrators. A missing row means no rules.
CREATE TABLE sync_group_rules (
    company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    rules      jsonb NOT NULL,                 -- engine.GroupRules
    updated_at timestamptz NOT NULL DEFAULT now()
);
