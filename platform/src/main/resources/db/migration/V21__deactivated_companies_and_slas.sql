-- A deactivated company gets no new tickets, contracts or devices; a deactivated SLA is put on no contract.
alter table company_lookup add column active boolean default true not null;
alter table sla_lookup add column active boolean default true not null;
