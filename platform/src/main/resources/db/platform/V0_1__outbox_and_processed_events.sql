-- Shared by every service (platform module): the transactional outbox and the record of processed
-- events that makes consumers idempotent.
create table outbox_event (
    id           uuid primary key,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    event_type   varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (created_at, id) where published_at is null;

create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(200) not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
