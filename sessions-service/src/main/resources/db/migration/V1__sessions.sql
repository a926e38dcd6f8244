-- sessions-service's projection of agreements (from agreements-service's events), with the cadence flags of the at-risk job
create table agreement (
    agreement_id        uuid primary key,
    programme_id        uuid          not null,
    status              varchar(12)   not null,
    mentee_id           varchar(200)  not null,
    mentor_id           varchar(200)  not null,
    agenda_topics       text[]        not null,
    start_date          date          not null,
    end_date            date          not null,
    cadence_days        int           not null,
    first_in_person     int           not null,
    preferred_format    varchar(10),
    ended_by            varchar(10),
    changed_at          timestamptz   not null,
    reminded_at         timestamptz,
    at_risk_since       timestamptz
);
create index agreement_mentee on agreement (mentee_id);
create index agreement_mentor on agreement (mentor_id);
create index agreement_programme on agreement (programme_id);

create table meeting (
    id                  uuid primary key,
    agreement_id        uuid          not null references agreement (agreement_id),
    programme_id        uuid          not null,
    mentee_id           varchar(200)  not null,
    mentor_id           varchar(200)  not null,
    starts_at           timestamptz   not null,
    ends_at             timestamptz   not null,
    duration_minutes    int           not null,
    format              varchar(10)   not null,
    place               varchar(300),
    video_link          varchar(2000),
    agenda_topics       text[]        not null,
    free_topics         text[]        not null,
    in_person_required  boolean       not null,
    status              varchar(10)   not null,
    cancelled_by        varchar(200),
    cancel_reason       varchar(2000),
    created_by          varchar(200)  not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    version             bigint        not null
);
create index meeting_agreement on meeting (agreement_id, starts_at);
create index meeting_mentee on meeting (mentee_id, starts_at);
create index meeting_mentor on meeting (mentor_id, starts_at);

-- Shared notes are visible to the pair; private notes only to their author and are stored encrypted (AES-GCM:
-- 12-byte nonce followed by the ciphertext and tag, under the key named by key_id)
create table meeting_note (
    id                  uuid primary key,
    meeting_id          uuid          not null references meeting (id),
    author_id           varchar(200)  not null,
    visibility          varchar(10)   not null,
    content             text,
    cipher_text         bytea,
    key_id              varchar(50),
    created_at          timestamptz   not null,
    check ((visibility = 'SHARED' and content is not null and cipher_text is null)
        or (visibility = 'PRIVATE' and content is null and cipher_text is not null and key_id is not null))
);
create index meeting_note_meeting on meeting_note (meeting_id, created_at);

create table meeting_feedback (
    id                  uuid primary key,
    meeting_id          uuid          not null references meeting (id),
    agreement_id        uuid          not null,
    programme_id        uuid          not null,
    author_id           varchar(200)  not null,
    author_role         varchar(10)   not null,
    rating              int           not null check (rating between 1 and 5),
    comment             varchar(2000),
    share_with_pair     boolean       not null,
    created_at          timestamptz   not null,
    unique (meeting_id, author_id)
);

-- Calendar feed tokens: only the SHA-256 of the token is kept
create table feed_token (
    token_hash          char(64)      primary key,
    owner_id            varchar(200)  not null,
    created_at          timestamptz   not null,
    revoked_at          timestamptz
);
create index feed_token_owner on feed_token (owner_id);
