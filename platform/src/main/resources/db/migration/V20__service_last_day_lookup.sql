-- A service that has ended takes no new tickets and no device links: the command side's lookup knows its last day.
alter table contract_service_lookup add column last_day date;
