-- Who administers each programme. applicants-service, which owns programmes, writes it when a team changes;
-- every other service keeps it as a projection of the programme events. The revision is the programme's version at
-- applicants-service: an older snapshot never replaces a newer team.
create table programme_team (
    programme_id uuid primary key,
    revision     bigint      not null,
    updated_at   timestamptz not null default now()
);

create table programme_team_member (
    programme_id uuid not null references programme_team (programme_id) on delete cascade,
    subject      text not null,
    role         text not null check (role in ('OWNER', 'CO_ADMIN')),
    primary key (programme_id, subject)
);

create index programme_team_member_by_subject on programme_team_member (subject);
