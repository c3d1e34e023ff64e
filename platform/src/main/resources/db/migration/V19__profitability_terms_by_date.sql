-- Contracts and services change their terms from an effective date on (profitability). Each row holds the whole
-- terms in force from its day until the next row's; the terms a contract or service was created with apply from
-- 1900-01-01 (Limits.EARLIEST_DATE), like a resource's first rates. The existing terms move into these tables.
create table pf_contract_term (
    contract_id     varchar(100) not null,
    effective_from  date         not null,
    end_date        date         not null,
    hourly_rate     numeric,
    contract_value  numeric,
    primary key (contract_id, effective_from)
);
insert into pf_contract_term (contract_id, effective_from, end_date, hourly_rate, contract_value)
    select contract_id, date '1900-01-01', end_date, hourly_rate, contract_value from pf_contract;
alter table pf_contract drop column hourly_rate;
alter table pf_contract drop column contract_value;

create table pf_service_term (
    service_id      varchar(100) not null,
    effective_from  date         not null,
    unit_price      numeric      not null,
    unit_cost       numeric      not null,
    units           numeric      not null,
    period          varchar(20)  not null,
    primary key (service_id, effective_from)
);
insert into pf_service_term (service_id, effective_from, unit_price, unit_cost, units, period)
    select service_id, date '1900-01-01', unit_price, unit_cost, units, period from pf_service;
alter table pf_service drop column unit_price;
alter table pf_service drop column unit_cost;
alter table pf_service drop column units;
alter table pf_service drop column period;
alter table pf_service add column last_day date;
-- the last event of the contract applied (null: from before; its events were all applied): a contract's events
-- delivered again change nothing
alter table pf_contract add column last_sequence bigint;
