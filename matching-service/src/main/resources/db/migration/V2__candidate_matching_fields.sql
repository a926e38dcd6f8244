-- Everything matching needs from an application (ApplicationV1), and the applications whose people
-- were erased: a late event about them must not bring their data back.
alter table pool_candidate
    add column department                   varchar(200),
    add column directory_person_id          uuid,
    add column manager_chain                uuid[],
    add column city                         varchar(200),
    add column region                       varchar(200),
    add column country                      char(2),
    add column latitude                     double precision,
    add column longitude                    double precision,
    add column availability_hours_per_month int,
    add column years_of_experience          int,
    add column diversity                    jsonb;
alter table pool_candidate alter column languages drop not null;

create table erased_application (
    application_id uuid primary key,
    erased_at      timestamptz not null
);
