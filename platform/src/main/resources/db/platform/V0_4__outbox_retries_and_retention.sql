-- Shared by every service (platform module): an outbox row that the broker refuses for itself (too large, invalid
-- topic) is retried with backoff and, after a limit, quarantined so that it never blocks the rows behind it; and
-- what is kept only for deduplication is purged after a retention period.
alter table outbox_event add column attempts int not null default 0;
alter table outbox_event add column next_attempt_at timestamptz;
alter table outbox_event add column last_error text;
alter table outbox_event add column quarantined_at timestamptz;

drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (created_at, id) where published_at is null and quarantined_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
create index outbox_event_quarantined on outbox_event (quarantined_at) where quarantined_at is not null;

create index processed_event_processed_at on processed_event (processed_at);
