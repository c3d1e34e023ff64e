-- The hash chain beside the event store (io.psa.platform.axon.chain): each event's SHA-256 covers its stored
-- columns and the hash of its aggregate's event before it. V10 seals the events stored before this table existed.
create table event_hash (
    aggregate_identifier  varchar(255) not null,
    sequence_number       bigint       not null,
    hash                  bytea        not null,
    primary key (aggregate_identifier, sequence_number)
);
