-- The relay skips a row while an earlier row of its topic and key waits for a retry (next_attempt_at in the
-- future). Without this index that check scanned every unpublished row for each candidate row: quadratic in the
-- backlog, which is exactly when the relay must be quick. Rows waiting for a retry are rare, so it stays tiny.
create index outbox_event_waiting_keys on outbox_event (topic, event_key, created_at, id)
    where published_at is null and quarantined_at is null and next_attempt_at is not null;
