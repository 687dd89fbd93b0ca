-- A user's email and directory user id stay unique per company, checked at the end of each
-- statement instead of after each row (DEFERRABLE INITIALLY IMMEDIATE), so that the sync's
-- one upsert can swap emails between users, or pass one along a chain, without tripping
-- over the old value for a moment. NULL directory user ids stay distinct, as the partial
-- index had them.
DROP INDEX users_company_email_key;
ALTER TABLE users ADD CONSTRAINT users_company_email_key
    UNIQUE (company_id, email) DEFERRABLE INITIALLY IMMEDIATE;
DROP INDEX users_company_directory_user_key;
ALTER TABLE users ADD CONSTRAINT users_company_directory_user_key
    UNIQUE (company_id, directory_user_id) DEFERRABLE INITIALLY IMMEDIATE;
