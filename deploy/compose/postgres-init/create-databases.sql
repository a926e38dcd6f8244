-- Runs once, when the PostgreSQL volume is first initialised: one database per service (DB_NAME), owned by
-- POSTGRES_USER. Flyway in each service creates its tables at start.
CREATE DATABASE applicants;
CREATE DATABASE matching;
CREATE DATABASE agreements;
CREATE DATABASE sessions;
CREATE DATABASE notifications;
