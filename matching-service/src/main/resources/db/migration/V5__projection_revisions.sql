-- The revision (source version) of the application or programme snapshot each projection row was last built from, and
-- for the pool the source's changedAt: an older snapshot arriving late is skipped. Rows built before revisions existed
-- keep null, and the next snapshot is compared by changedAt (or simply applied when that is unknown too).
alter table pool_candidate
    add column source_revision   bigint,
    add column source_changed_at timestamptz;
alter table programme
    add column source_revision bigint;
