-- The revision (source version) of the agreement snapshot each projection row was last built from: an older snapshot
-- arriving late is skipped. Rows built before revisions existed keep null and are compared by changed_at.
alter table agreement add column source_revision bigint;

-- The pseudonyms of erased people. Erasures and agreement events travel on different topics, so an agreement event
-- published before an erasure may arrive after it: the projection then keeps the pseudonym instead of the person's id.
-- Only the pseudonym (a hash) is kept, which meetings and feedback already carry.
create table erased_person (
    pseudonym  varchar(200) primary key,
    erased_at  timestamptz  not null
);
