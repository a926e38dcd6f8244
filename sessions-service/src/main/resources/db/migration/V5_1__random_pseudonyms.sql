-- Erased people get a random pseudonym, not a hash of their subject (which anyone who knows the subject could
-- recompute). The projection now recognises a late agreement event about an erased person by its application ids,
-- so the pseudonym is remembered per erased application.
create table erased_application (
    application_id  uuid          primary key,
    pseudonym       varchar(200)  not null,
    erased_at       timestamptz   not null
);

-- Pseudonyms given before were such hashes: each becomes a random one, the same everywhere it appears.
create temporary table pseudonym_change on commit drop as
    select pseudonym as hashed, 'erased-' || gen_random_uuid() as random from erased_person;
update meeting set mentee_id = c.random from pseudonym_change c where mentee_id = c.hashed;
update meeting set mentor_id = c.random from pseudonym_change c where mentor_id = c.hashed;
update meeting set created_by = c.random from pseudonym_change c where created_by = c.hashed;
update meeting set cancelled_by = c.random from pseudonym_change c where cancelled_by = c.hashed;
update agreement set mentee_id = c.random from pseudonym_change c where mentee_id = c.hashed;
update agreement set mentor_id = c.random from pseudonym_change c where mentor_id = c.hashed;
update meeting_feedback set author_id = c.random from pseudonym_change c where author_id = c.hashed;
update agreement_survey set author_id = c.random from pseudonym_change c where author_id = c.hashed;
drop table erased_person;
