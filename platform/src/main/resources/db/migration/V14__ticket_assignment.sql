-- The technician responsible for a ticket and the queue it waits in, for the dispatcher's lists.
alter table ticket_view add column assigned_resource_id varchar(100);
alter table ticket_view add column queue varchar(100);
create index ticket_view_assigned on ticket_view (assigned_resource_id, status);
create index ticket_view_queue on ticket_view (queue, status);
