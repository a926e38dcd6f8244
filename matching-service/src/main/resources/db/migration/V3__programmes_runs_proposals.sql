-- matching-service's projection of programmes (from applicants' programme events)
create table programme (
    programme_id      uuid primary key,
    name              varchar(200) not null,
    status            varchar(20)  not null,
    agreement_months  int          not null,
    cadence_days      int          not null,
    settings          jsonb        not null,
    updated_at        timestamptz  not null
);

-- A matching run: asynchronous, one at a time per programme
create table matching_run (
    id            uuid primary key,
    programme_id  uuid         not null,
    mode          varchar(10)  not null,
    status        varchar(10)  not null,
    requested_by  varchar(200) not null,
    requested_at  timestamptz  not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    mentees       int,
    mentors       int,
    total_score   double precision,
    result        jsonb,
    error         varchar(2000)
);
create unique index matching_run_one_active on matching_run (programme_id) where status in ('QUEUED', 'RUNNING');
create index matching_run_programme on matching_run (programme_id, requested_at);

-- A proposed pair and its workflow: admin approval, then both people's answers
create table match_proposal (
    id                     uuid primary key,
    programme_id           uuid          not null,
    run_id                 uuid,
    mentee_application_id  uuid          not null,
    mentor_application_id  uuid          not null,
    mentee_applicant_id    varchar(200)  not null,
    mentor_applicant_id    varchar(200)  not null,
    status                 varchar(12)   not null,
    mentee_answer          varchar(10),
    mentor_answer          varchar(10),
    score                  double precision not null,
    assessment             jsonb         not null,
    agenda_topics          text[]        not null,
    preferred_format       varchar(10),
    manual                 boolean       not null,
    override_reason        varchar(2000),
    decision_reason        varchar(2000),
    created_by             varchar(200)  not null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    version                bigint        not null
);
create index match_proposal_programme on match_proposal (programme_id, created_at, id);
create index match_proposal_mentee on match_proposal (mentee_applicant_id);
create index match_proposal_mentor on match_proposal (mentor_applicant_id);
-- a person is in at most one open or confirmed pair per programme
create unique index match_proposal_one_open_mentee on match_proposal (programme_id, mentee_application_id)
    where status in ('PROPOSED', 'APPROVED', 'CONFIRMED');

-- Pairs that must not be proposed: admin exclusions and pairs that declined each other
create table excluded_pair (
    programme_id          uuid         not null,
    mentee_application_id uuid         not null,
    mentor_application_id uuid         not null,
    source                varchar(10)  not null,
    reason                varchar(2000),
    created_at            timestamptz  not null,
    primary key (programme_id, mentee_application_id, mentor_application_id)
);
