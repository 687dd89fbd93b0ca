ALTER TABLE users DROP CONSTRAINT users_company_directory_user_key;
CREATE UNIQUE INDEX users_company_directory_user_key ON users (company_id, directory_user_id)
    WHERE directory_user_id IS NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_company_email_key;
CREATE UNIQUE INDEX users_company_email_key ON users (company_id, email);
