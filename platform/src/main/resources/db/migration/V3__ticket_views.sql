-- Ticket read model: filterable columns plus the full detail as a JSON document. last_sequence is the ticket's
-- last applied event, which makes the projection idempotent (an event at or below it is skipped).
create table ticket_view (
    ticket_id            varchar(100) not null primary key,
    company_id           varchar(100) not null,
    title                varchar(500) not null,
    status               varchar(30)  not null,
    priority             integer      not null,
    device_id            varchar(100),
    contract_id          varchar(100),
    contract_service_id  varchar(100),
    opened_at            timestamp(6) with time zone not null,
    updated_at           timestamp(6) with time zone not null,
    last_sequence        bigint       not null,
    document             text         not null
);
create index ticket_view_company_status on ticket_view (company_id, status);
create index ticket_view_contract on ticket_view (contract_id);
create index ticket_view_device on ticket_view (device_id);
create index ticket_view_opened on ticket_view (opened_at);
