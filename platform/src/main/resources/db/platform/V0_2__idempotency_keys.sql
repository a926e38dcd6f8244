-- Shared by every service (platform module): answers to requests sent with an Idempotency-Key, so a
-- retried request gets the first answer and changes nothing.
create table idempotency_record (
    scope         varchar(100)  not null,
    caller        varchar(200)  not null,
    idem_key      varchar(200)  not null,
    request_hash  char(64)      not null,
    status        int           not null,
    body          text,
    location      varchar(2000),
    etag          varchar(200),
    created_at    timestamptz   not null,
    primary key (scope, caller, idem_key)
);
