create table pool_candidate (
    application_id     uuid primary key,
    programme_id       uuid         not null,
    applicant_id       varchar(200) not null,
    display_name       varchar(200),
    role               varchar(10)  not null,
    application_status varchar(20)  not null,
    institute          varchar(200) not null,
    languages          text[]       not null,
    topics             text[]       not null,
    meeting_formats    text[]       not null,
    submitted_at       timestamptz  not null,
    entered_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index pool_candidate_programme on pool_candidate (programme_id, entered_at, application_id);
