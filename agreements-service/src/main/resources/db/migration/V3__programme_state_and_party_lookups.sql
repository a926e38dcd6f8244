-- The status of each programme as the newest of its events announces it (revision and changedAt of that snapshot): a
-- match confirmed after its programme was cancelled or completed opens no draft. A drafting transaction holds the row
-- shared while it drafts, and the programme's ending holds it exclusively while it ends the programme's agreements, so
-- a draft is either seen and ended by the ending, or sees the ended programme and is not opened.
create table programme_state (
    programme_id  uuid         primary key,
    status        varchar(20),
    revision      bigint,
    changed_at    timestamptz,
    updated_at    timestamptz  not null
);

-- a withdrawn application ends the agreements it is a party of
create index agreement_mentee_application on agreement (mentee_application_id);
create index agreement_mentor_application on agreement (mentor_application_id);
