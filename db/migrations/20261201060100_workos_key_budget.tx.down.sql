DROP FUNCTION workos_key_budget_take(text, integer, double precision, double precision, timestamptz);
DROP TABLE workos_key_budget;
