-- Each application's stated weekly availability, projected from applicants-service's application events: the weekdays
-- and the hours of the day (HH:mm, in the person's IANA time zone) they can meet; null weekdays means any time. The row
-- is kept even without availability, so that an older snapshot arriving late is recognised and skipped. The display name
-- is what a warning calls the person. An erasure deletes the rows of the person's applications.
create table application_availability (
    application_id   uuid          primary key,
    programme_id     uuid          not null,
    applicant_id     varchar(200)  not null,
    display_name     varchar(200),
    weekdays         text[],
    from_time        varchar(5),
    to_time          varchar(5),
    time_zone        varchar(64),
    changed_at       timestamptz,
    source_revision  bigint,
    check ((weekdays is null and from_time is null and to_time is null and time_zone is null)
        or (weekdays is not null and from_time is not null and to_time is not null and time_zone is not null))
);
create index application_availability_applicant on application_availability (applicant_id, programme_id);

-- Which application each person of an agreement took part with (known from the next agreement event for rows kept before)
alter table agreement add column mentee_application_id uuid;
alter table agreement add column mentor_application_id uuid;

-- What a meeting was scheduled or rescheduled against: times outside a person's stated availability, as
-- {"items": [{code, detail, about}]}; "about" is the subject of the person concerned, so that an erasure removes the
-- warnings about them.
alter table meeting add column availability_warnings jsonb not null default '{"items": []}';
