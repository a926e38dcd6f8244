-- E-mail to people: who they are (from the events), what they want, what is queued for them and what is scheduled

-- A platform user (token subject) as the applicant events describe them: their directory person and the languages
-- of their latest application. Forgotten on erasure.
create table mail_recipient (
    applicant_id         varchar(200) primary key,
    directory_person_id  uuid,
    display_name         varchar(300),
    languages            text[]       not null default '{}',
    updated_at           timestamptz  not null
);
create index mail_recipient_person on mail_recipient (directory_person_id);

-- A person of the HRIS directory: the address comes from mentoring.directory.contact-changed.v1 (contacts topic),
-- languages and active from mentoring.directory.person-upserted.v1 / -deactivated.v1.
create table mail_person (
    person_id   uuid primary key,
    email       varchar(320),
    languages   text[]       not null default '{}',
    active      boolean      not null default true,
    updated_at  timestamptz  not null
);

-- What a person switched off, and the language they prefer (null: from the directory or their application).
create table mail_preference (
    applicant_id   varchar(200) primary key,
    disabled_kinds text[]       not null default '{}',
    language       varchar(2),
    updated_at     timestamptz  not null
);

-- The outbox of e-mails: one per (event, person, kind). Only facts (ids, times, names of the event) are kept in
-- params; the text is rendered when sent, in the language the person has then.
create table mail_message (
    id               uuid primary key,
    event_id         uuid          not null,
    applicant_id     varchar(200)  not null,
    kind             varchar(40)   not null,
    -- the other person of a pair (their name is read at send time); null once they were erased
    partner_id       varchar(200),
    params           jsonb         not null,
    -- PENDING, SENT, FAILED (given up), SKIPPED (no address, inactive, switched off), DIGESTED (sent in a digest)
    status           varchar(10)   not null,
    attempts         int           not null default 0,
    next_attempt_at  timestamptz,
    created_at       timestamptz   not null,
    sent_at          timestamptz,
    digest_id        uuid,
    skip_reason      varchar(40),
    constraint mail_message_once unique (event_id, applicant_id, kind)
);
create index mail_message_due on mail_message (next_attempt_at) where status = 'PENDING';
create index mail_message_person on mail_message (applicant_id) where status = 'PENDING';
create index mail_message_partner on mail_message (partner_id) where partner_id is not null;

-- Mails that are due later (meeting reminders, surveys, an agreement ending soon). A row is turned into a mail when
-- due (at most once per key, person and due time) and removed; events update or remove the rows of their key.
create table mail_schedule (
    schedule_key  varchar(200) not null,
    applicant_id  varchar(200) not null,
    due_at        timestamptz  not null,
    kind          varchar(40)  not null,
    partner_id    varchar(200),
    params        jsonb        not null,
    primary key (schedule_key, applicant_id, due_at)
);
create index mail_schedule_due on mail_schedule (due_at);
create index mail_schedule_person on mail_schedule (applicant_id);

-- Calendar sequence of a meeting (grows with every change the pair is told of)
create table mail_meeting (
    meeting_id  uuid primary key,
    sequence    int not null
);
