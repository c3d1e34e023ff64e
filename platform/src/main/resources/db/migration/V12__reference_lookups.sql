-- What opening a ticket asks of companies, contracts and SLAs, written by the command side's subscribing processor
-- in the transaction of the command that changed them (exact), so a ticket opens without loading and locking those
-- aggregates. Companies, contracts and SLAs created before these tables have no row and are read from their events.
create table company_lookup (
    company_id           varchar(100) not null primary key,
    name                 varchar(500) not null,
    default_contract_id  varchar(100)
);

create table contract_lookup (
    contract_id  varchar(100) not null primary key,
    company_id   varchar(100) not null,
    name         varchar(500) not null,
    start_date   date         not null,
    end_date     date         not null,
    sla_id       varchar(100)
);

create table contract_service_lookup (
    contract_id  varchar(100) not null,
    service_id   varchar(100) not null,
    primary key (contract_id, service_id)
);

create table sla_lookup (
    sla_id  varchar(100) not null primary key,
    terms   text         not null
);
