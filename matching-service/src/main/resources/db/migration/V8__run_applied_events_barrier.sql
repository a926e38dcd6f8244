-- The offsets of mentoring.applicants.v1 (partition:offset, comma-separated) that matching's consumer must have applied
-- before the run starts: everything applicants-service had published when the run was requested, or when the
-- programme's closing reached matching. Null when there is nothing to wait for (or the broker could not be asked).
alter table matching_run add column applicants_barrier varchar(2000);
