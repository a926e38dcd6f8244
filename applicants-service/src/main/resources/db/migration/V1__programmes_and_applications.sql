create table programme (
    id                    uuid primary key,
    name                  varchar(200)  not null,
    description           varchar(4000),
    status                varchar(20)   not null,
    application_opens_at  timestamptz,
    application_closes_at timestamptz,
    topics                jsonb         not null,
    created_by            varchar(200)  not null,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    version               bigint        not null
);
create index programme_created on programme (created_at, id);

create table application (
    id                     uuid primary key,
    programme_id           uuid         not null references programme (id),
    applicant_id           varchar(200) not null,
    display_name           varchar(200),
    role                   varchar(10)  not null,
    status                 varchar(20)  not null,
    institute              varchar(200) not null,
    languages              text[]       not null,
    topics                 text[]       not null,
    meeting_formats        text[]       not null,
    motivation             text,
    privacy_policy_version varchar(50)  not null,
    consented_at           timestamptz  not null,
    submitted_at           timestamptz  not null,
    updated_at             timestamptz  not null,
    version                bigint       not null
);
-- One live application per person and programme, even under concurrent submits.
create unique index application_one_live on application (programme_id, applicant_id)
    where status in ('SUBMITTED', 'IN_REVIEW', 'ACCEPTED', 'MATCHED');
create index application_programme on application (programme_id, submitted_at, id);
