-- Users and bearer tokens (only the token's SHA-256 is kept).
create table api_user (
    id            varchar(36)  not null primary key,
    name          varchar(100) not null unique,
    roles         varchar(200) not null,
    token_sha256  char(64)     not null unique,
    created_at    timestamp(6) with time zone not null
);

-- The remembered answer of each POST that carried an Idempotency-Key, per user.
create table idempotency_record (
    scope            varchar(100)  not null,
    idempotency_key  varchar(200)  not null,
    fingerprint      varchar(1100) not null,
    status           integer,
    content_type     varchar(200),
    location         varchar(1000),
    body             bytea,
    created_at       timestamp(6) with time zone not null,
    primary key (scope, idempotency_key)
);

-- File contents addressed by their SHA-256 (attachments).
create table stored_content (
    sha256      char(64) not null primary key,
    size_bytes  bigint   not null,
    content     bytea    not null,
    stored_at   timestamp(6) with time zone not null
);
