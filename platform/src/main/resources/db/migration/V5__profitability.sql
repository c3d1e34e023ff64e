-- Profitability read model (processing group profitability). Entries keep their facts and the amounts computed
-- from the rates in force on their date; contracts, services, rates and ticket assignments are what that needs.
create table pf_contract (
    contract_id     varchar(100) not null primary key,
    name            varchar(300) not null,
    type            varchar(30)  not null,
    start_date      date         not null,
    end_date        date         not null,
    hourly_rate     numeric,
    contract_value  numeric
);

create table pf_service (
    service_id   varchar(100) not null primary key,
    contract_id  varchar(100) not null,
    name         varchar(300) not null,
    unit_price   numeric      not null,
    unit_cost    numeric      not null,
    units        numeric      not null,
    period       varchar(20)  not null
);
create index pf_service_contract on pf_service (contract_id);

create table pf_rate (
    resource_id         varchar(100) not null,
    effective_from      date         not null,
    internal_cost_rate  numeric      not null,
    billing_rate        numeric      not null,
    primary key (resource_id, effective_from)
);

create table pf_ticket (
    ticket_id            varchar(100) not null primary key,
    contract_id          varchar(100),
    contract_service_id  varchar(100)
);

create table pf_entry (
    entry_id             varchar(100) not null primary key,
    kind                 varchar(10)  not null,
    ticket_id            varchar(100) not null,
    contract_id          varchar(100),
    contract_service_id  varchar(100),
    entry_date           date         not null,
    description          varchar(5000),
    resource_id          varchar(100),
    hours_worked         numeric      not null,
    hours_to_bill        numeric      not null,
    billable             boolean      not null,
    quantity             numeric      not null,
    unit_cost            numeric      not null,
    unit_price           numeric      not null,
    revenue              numeric      not null,
    labour_cost          numeric      not null,
    other_cost           numeric      not null,
    cost_rate_missing    boolean      not null
);
create index pf_entry_contract_date on pf_entry (contract_id, entry_date);
create index pf_entry_ticket on pf_entry (ticket_id);
create index pf_entry_resource on pf_entry (resource_id);
