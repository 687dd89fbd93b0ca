-- The provider the admin picked in the setup wizard: WorkOS's Admin Portal cannot be told one (the IT admin
-- picks it there), so it is kept to compare with the directory that gets connected.
ALTER TABLE directory_connections ADD COLUMN requested_provider text;
