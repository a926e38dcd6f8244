-- The status of each application as its latest event tells it (newest revision wins): a mail about a pair that one
-- of the two has left (a withdrawn proposal, an agreement ended because a partner left the organisation) is not sent
-- to the one whose application was withdrawn. Forgotten on erasure.
create table mail_application (
    application_id  uuid primary key,
    applicant_id    varchar(200) not null,
    status          varchar(20)  not null,
    reason          varchar(40),
    revision        bigint,
    updated_at      timestamptz  not null
);
create index mail_application_person on mail_application (applicant_id);

-- Proposals the pair was told of (mentoring.match.proposed.v1): only those are worth a mail when withdrawn.
-- Removed when the proposal is answered or withdrawn; no personal data.
create table mail_proposal (
    match_id      uuid primary key,
    announced_at  timestamptz not null
);
