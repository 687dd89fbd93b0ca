DROP TABLE users;
DROP TABLE offices;
DROP TABLE companies;
