-- Shared by every service (platform module): an outbox row that mentions a person who was erased before it was
-- published is still published (it may be the erasure event itself), and deleted as soon as the broker has it.
alter table outbox_event add column erase_when_published boolean not null default false;
