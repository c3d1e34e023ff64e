-- A ticket's last activity, for the list ordered by it, in a narrow table of its own: every event changes it, and
-- while it was an indexed column of ticket_view every note rewrote all of that row's index entries (an update
-- that changes an indexed column cannot be heap-only). ticket_view keeps updated_at to show it, unindexed.
create table ticket_activity (
    ticket_id   varchar(100) not null primary key,
    updated_at  timestamp(6) with time zone not null
);
insert into ticket_activity (ticket_id, updated_at) select ticket_id, updated_at from ticket_view;
create index ticket_activity_updated on ticket_activity (updated_at desc, ticket_id);
drop index ticket_view_updated;
