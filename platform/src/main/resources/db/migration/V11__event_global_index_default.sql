-- Axon's JDBC storage engine leaves the global index to the database: the column takes the next number of the
-- event table's own sequence (one number at a time, as before).
alter table domain_event_entry alter column global_index set default nextval('domain_event_global_index_seq');
