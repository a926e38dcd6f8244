-- How a programme's team and HR systems may read its participants' personal data (see ProgrammeV1.Team):
-- OPEN (every read recorded), AUDITED (recorded with a stated reason) or DISABLED (no such reads).
alter table programme_team
    add column admin_access text not null default 'OPEN' check (admin_access in ('OPEN', 'AUDITED', 'DISABLED'));

-- Every read of a person's personal data by a programme admin or an HR system: who read whose data, what, when and
-- why. Append-only: rows are never deleted, and the only change allowed is an erasure replacing a person's subject
-- (as reader or as the one read about) with a pseudonym and dropping the id of what was theirs.
create table access_log (
    id           uuid primary key,
    programme_id uuid        not null,
    at           timestamptz not null,
    actor        text        not null,
    actor_kind   text        not null check (actor_kind in ('ADMIN', 'HR_SYSTEM')),
    subject      text        not null,
    what         text        not null,
    object_id    text,
    reason       text,
    service      text        not null
);

create index access_log_by_programme on access_log (programme_id, at desc, id desc);
create index access_log_by_subject on access_log (subject, at desc, id desc);
create index access_log_by_actor on access_log (actor);

create function access_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'access_log is append-only: rows cannot be deleted';
    end if;
    if new.id <> old.id or new.programme_id <> old.programme_id or new.at <> old.at
            or new.actor_kind <> old.actor_kind or new.what <> old.what or new.service <> old.service
            or new.reason is distinct from old.reason
            or (new.object_id is not null and new.object_id is distinct from old.object_id) then
        raise exception 'access_log is append-only: only an erasure may pseudonymise a row';
    end if;
    return new;
end;
$$;

create trigger access_log_append_only before update or delete on access_log
    for each row execute function access_log_append_only();

create function access_log_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'access_log is append-only: it cannot be truncated';
end;
$$;

create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_no_truncate();
