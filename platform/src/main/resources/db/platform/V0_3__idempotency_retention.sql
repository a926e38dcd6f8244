-- Idempotency records: the media type of the stored answer (not every answer is JSON), and an index for the
-- purge of records older than the retention (mentoring.retention.idempotency-keys).
alter table idempotency_record add column content_type varchar(200);
create index idempotency_record_created_at on idempotency_record (created_at);
