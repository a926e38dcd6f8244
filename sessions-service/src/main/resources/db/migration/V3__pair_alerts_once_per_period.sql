-- The cadence check runs on every replica: agreements carry a version (the consumer, the check and requests never
-- overwrite each other), and each reminder or at-risk alert is recorded once per pair, kind and period. A period starts
-- at the pair's last held meeting (or at the agreement's start when none was held yet); a second alert of the same kind
-- for the same period cannot be recorded, so it is never sent twice, whatever runs at the same time.
alter table agreement add column version bigint not null default 0;

create table pair_alert (
    agreement_id  uuid          not null references agreement (agreement_id),
    kind          varchar(12)   not null check (kind in ('REMINDED', 'AT_RISK')),
    period_start  timestamptz   not null,
    sent_at       timestamptz   not null,
    primary key (agreement_id, kind, period_start)
);

-- alerts already sent (the flags set) count for the period they were sent in
insert into pair_alert (agreement_id, kind, period_start, sent_at)
select a.agreement_id, f.kind,
       coalesce((select max(m.starts_at) from meeting m where m.agreement_id = a.agreement_id and m.status = 'HELD'),
                a.start_date::timestamp at time zone 'UTC'),
       f.sent_at
from agreement a
cross join lateral (values ('REMINDED', a.reminded_at), ('AT_RISK', a.at_risk_since)) as f (kind, sent_at)
where f.sent_at is not null;

-- the check claims only the agreements that may still need an alert
create index agreement_cadence_check on agreement (start_date) where status = 'ACTIVE';
