-- People directory, provisioned by the HRIS over SCIM 2.0 (/scim/v2/Users) or bulk import
-- (/api/v1/directory/imports). A deactivated person stays (active = false) for history.
create table directory_person (
    id              uuid primary key,
    user_name       varchar(256)  not null,
    external_id     varchar(256),
    given_name      varchar(200),
    family_name     varchar(200),
    formatted_name  varchar(400),
    display_name    varchar(400),
    title           varchar(200),
    -- {"emails": [{"value": ..., "type": ..., "primary": ...}]}
    emails          jsonb         not null,
    employee_number varchar(100),
    organization    varchar(200),
    department      varchar(200),
    -- deferred: one import may add a manager and their reports in any order
    manager_id      uuid references directory_person (id) deferrable initially deferred,
    city            varchar(200),
    region          varchar(200),
    country         char(2),
    latitude        double precision check (latitude between -90 and 90),
    longitude       double precision check (longitude between -180 and 180),
    languages       text[]        not null,
    active          boolean       not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         bigint        not null,
    check (manager_id is null or manager_id <> id)
);
-- SCIM userName is not case-exact (RFC 7643 section 4.1.1): unique regardless of case.
create unique index directory_person_user_name on directory_person (lower(user_name));
-- externalId is case-exact and unique when present.
create unique index directory_person_external_id on directory_person (external_id) where external_id is not null;
create index directory_person_manager on directory_person (manager_id);
create index directory_person_created on directory_person (created_at, id);
