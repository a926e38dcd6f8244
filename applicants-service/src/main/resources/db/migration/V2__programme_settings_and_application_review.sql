-- Programme defaults and matching settings
alter table programme
    add column default_agreement_months int   not null default 6,
    add column meeting_cadence_days     int   not null default 14,
    add column matching_settings        jsonb not null default
        '{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},"hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5}';

-- What matching needs beyond the first form, the review outcome, and erasure
alter table application
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
    add column diversity                    jsonb,
    add column decision_reason              varchar(2000),
    add column decided_by                   varchar(200),
    add column decided_at                   timestamptz,
    add column erased_at                    timestamptz;
alter table application alter column privacy_policy_version drop not null;
alter table application alter column consented_at drop not null;
alter table application alter column languages drop not null;
create index application_applicant on application (applicant_id);

-- A short interview an admin may ask for before deciding; notes are for admins only
create table interview (
    application_id   uuid primary key references application (id),
    scheduled_at     timestamptz   not null,
    duration_minutes int           not null,
    video_link       varchar(2000),
    admin_notes      text,
    requested_by     varchar(200)  not null,
    requested_at     timestamptz   not null
);
