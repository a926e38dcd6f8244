-- Agreements: the editable draft (or latest version) and the version in force live on the agreement row;
-- every proposed version is frozen in agreement_version with its SHA-256 hash and the signatures.
create table agreement (
    id                     uuid primary key,
    match_id               uuid        not null unique,
    programme_id           uuid        not null,
    status                 varchar(20) not null,
    mentee_application_id  uuid        not null,
    mentee_applicant_id    varchar(200) not null,
    mentee_display_name    varchar(300),
    mentor_application_id  uuid        not null,
    mentor_applicant_id    varchar(200) not null,
    mentor_display_name    varchar(300),
    content                jsonb       not null,
    in_force_content       jsonb,
    latest_version         int         not null,
    version_in_force       int,
    open_proposal          int,
    in_force_end_date      date,
    mentee_completion_at   timestamptz,
    mentor_completion_at   timestamptz,
    ending                 jsonb,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null
);
create index agreement_mentee on agreement (mentee_applicant_id);
create index agreement_mentor on agreement (mentor_applicant_id);
create index agreement_programme on agreement (programme_id, status);
create index agreement_due on agreement (status, in_force_end_date);
create index agreement_order on agreement (created_at, id);

create table agreement_version (
    id                uuid primary key,
    agreement_id      uuid        not null references agreement (id),
    number            int         not null,
    status            varchar(20) not null,
    content           jsonb       not null,
    content_hash      varchar(64) not null,
    proposed_by       varchar(200) not null,
    proposed_at       timestamptz not null,
    mentee_signer     varchar(200),
    mentee_signed_at  timestamptz,
    mentor_signer     varchar(200),
    mentor_signed_at  timestamptz,
    in_force_at       timestamptz,
    closed_at         timestamptz,
    unique (agreement_id, number)
);

create table agreement_comment (
    id                  uuid primary key,
    agreement_id        uuid         not null references agreement (id),
    author_applicant_id varchar(200) not null,
    author_party        varchar(10)  not null,
    field               varchar(50),
    text                varchar(4000) not null,
    created_at          timestamptz  not null
);
create index agreement_comment_agreement on agreement_comment (agreement_id, created_at);
