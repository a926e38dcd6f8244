-- Matching runs with several replicas: the replica computing a run owns it and refreshes its heartbeat; a RUNNING run
-- whose heartbeat went stale lost its replica and is failed by another. Queued runs are claimed from the queue.
alter table matching_run
    add column owner        varchar(200),
    add column heartbeat_at timestamptz,
    add column version      bigint not null default 0;
create index matching_run_queued on matching_run (requested_at) where status = 'QUEUED';
create index matching_run_running on matching_run (heartbeat_at) where status = 'RUNNING';
