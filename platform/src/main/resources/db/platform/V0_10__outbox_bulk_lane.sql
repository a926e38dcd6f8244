-- Shared by every service (platform module): a transaction that stages many events (an HR import of a thousand
-- people, a matching run's proposals) no longer holds back the events written after it. The relay sends in two lanes,
-- each in order of creation: a transaction's first 20 events go in the regular lane, the rest in the bulk lane, and
-- each lane has a relay of its own. One aggregate's events still never pass each other: a row waits while an earlier
-- row of its topic and key waits in the other lane.

alter table outbox_event add column bulk boolean not null default false;

-- Counts the rows a transaction stages in a transaction-local setting (reset at commit or rollback): one integer,
-- not a query per row. The 21st row also wakes the bulk lane's relay, once per transaction.
create function outbox_event_lane() returns trigger language plpgsql as $$
declare
    position int := coalesce(nullif(current_setting('mentoring.outbox_staged', true), ''), '0')::int + 1;
begin
    perform set_config('mentoring.outbox_staged', position::text, true);
    new.bulk := position > 20;
    if position = 21 then
        perform pg_notify('mentoring_outbox', 'bulk');
    end if;
    return new;
end;
$$;

create trigger outbox_event_lane before insert on outbox_event
    for each row execute function outbox_event_lane();

-- Each lane's next rows, oldest first.
create index outbox_event_lanes on outbox_event (bulk, created_at, id)
    where published_at is null and quarantined_at is null;

-- The check for an earlier row of the same topic and key that is not sent yet (in the other lane, or waiting for a
-- retry): one probe per candidate row. It replaces the index of the waiting rows alone.
create index outbox_event_pending_keys on outbox_event (topic, event_key, created_at, id) include (bulk, next_attempt_at)
    where published_at is null and quarantined_at is null;
drop index outbox_event_waiting_keys;
