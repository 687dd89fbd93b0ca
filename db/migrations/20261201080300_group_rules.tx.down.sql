DROP TABLE sync_group_rules;
