-- The ticket list reads narrow rows: each ticket's JSON document (which grows with its notes and time) lives in a
-- table of its own, so that counting, filtering and sorting 100,000 tickets reads a few MB, not the documents.
create table ticket_document (
    ticket_id  varchar(100) not null primary key,
    document   text         not null
);
insert into ticket_document (ticket_id, document) select ticket_id, document from ticket_view;
alter table ticket_view drop column document;
