-- A run requested while matching's copy of the programme is still OPEN waits (WAITING) for the closing to arrive:
-- it is one of the programme's active runs like a QUEUED or RUNNING one.
drop index matching_run_one_active;
create unique index matching_run_one_active on matching_run (programme_id) where status in ('WAITING', 'QUEUED', 'RUNNING');

-- Proposals: the hard rules an open proposal broke after a directory change (a list of {rule, detail}, null when
-- none), and the state of the agreement a confirmed pair signed, as agreements-service last reported it (its revision
-- and changedAt keep a late, older snapshot from overwriting a newer one).
alter table match_proposal
    add column flags                jsonb,
    add column agreement_status     varchar(12),
    add column agreement_revision   bigint,
    add column agreement_changed_at timestamptz;

-- A confirmed pair whose agreement was terminated early no longer holds its people: the mentee may be paired again.
drop index match_proposal_one_open_mentee;
create unique index match_proposal_one_open_mentee on match_proposal (programme_id, mentee_application_id)
    where status in ('PROPOSED', 'APPROVED')
       or (status = 'CONFIRMED' and agreement_status is distinct from 'TERMINATED');

-- An application leaving the pool or changing finds its proposals by application
create index match_proposal_mentee_application on match_proposal (mentee_application_id);
create index match_proposal_mentor_application on match_proposal (mentor_application_id);
