-- The offsets of the topics matching follows (topic/partition:offset, comma-separated) that its consumers must have
-- applied before the run starts: everything applicants-service and agreements-service had published when the run was
-- requested, or when the programme's closing reached matching. Empty when there is nothing to wait for (the broker
-- could not be asked); null while a run waiting for the closing has not captured it yet.
alter table matching_run add column events_barrier varchar(4000);
