-- Webhook subscriptions of HR platforms and the deliveries of events to them

create table webhook_subscription (
    id                          uuid primary key,
    owner_id                    varchar(200)  not null,
    url                         varchar(2000) not null,
    event_types                 text[]        not null,
    programme_id                uuid,
    enabled                     boolean       not null,
    description                 varchar(500),
    -- whsec_<base64>: the HMAC key is needed to sign, so it is kept, never shown again after create or rotate
    secret                      varchar(200)  not null,
    previous_secret             varchar(200),
    previous_secret_expires_at  timestamptz,
    -- first failure of the current unbroken run of failures; null after a success
    failing_since               timestamptz,
    disabled_reason             varchar(20),
    disabled_at                 timestamptz,
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null
);
create index webhook_subscription_owner on webhook_subscription (owner_id, created_at, id);
create index webhook_subscription_enabled on webhook_subscription (enabled) where enabled;

-- One event for one subscription. body is the CloudEvent as received (null once erased).
create table webhook_delivery (
    id                uuid primary key,
    subscription_id   uuid          not null references webhook_subscription (id) on delete cascade,
    event_id          uuid          not null,
    event_type        varchar(200)  not null,
    body              text,
    status            varchar(10)   not null,
    -- attempts of the current round (a redelivery starts a new round); the log keeps every attempt
    attempts          int           not null default 0,
    next_attempt_at   timestamptz,
    created_at        timestamptz   not null,
    delivered_at      timestamptz,
    last_response_code int,
    -- the body concerns an erased person: dropped as soon as the delivery is done (delivered or given up)
    erase_after_send  boolean       not null default false,
    constraint webhook_delivery_once unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at, id);

create table webhook_attempt (
    id               uuid primary key,
    delivery_id      uuid          not null references webhook_delivery (id) on delete cascade,
    attempted_at     timestamptz   not null,
    succeeded        boolean       not null,
    latency_ms       int           not null,
    response_code    int,
    -- first 1 KB of the target's answer
    response_body    varchar(1024),
    error            varchar(500)
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempted_at);
