-- Pulse survey (about a month into the agreement) and exit survey (after it ended), once per person and kind
create table agreement_survey (
    id                  uuid primary key,
    agreement_id        uuid          not null references agreement (agreement_id),
    programme_id        uuid          not null,
    author_id           varchar(200)  not null,
    author_role         varchar(10)   not null,
    kind                varchar(10)   not null,
    rating              int           not null check (rating between 1 and 5),
    would_recommend     boolean,
    end_reason          varchar(30),
    comment             varchar(2000),
    share_with_pair     boolean       not null,
    created_at          timestamptz   not null,
    unique (agreement_id, author_id, kind)
);
create index agreement_survey_programme on agreement_survey (programme_id);
