-- Wakes the outbox relay as soon as a transaction that staged events commits (PostgreSQL delivers a notification at
-- commit, and only then); the relay's polling stays as the safety net for a lost notification or connection.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('mentoring_outbox', '');
    return null;
end;
$$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();
