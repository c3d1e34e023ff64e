-- Service networks and vendors: how they are reached (a webhook's secret is kept in partner_secret.outbound_credential).
alter table partner_agreement add column email varchar(320);
alter table partner_agreement add column webhook_url varchar(500);

-- The outbox: every message this instance sends by e-mail or webhook, written in the transaction of the event that
-- causes it and delivered after the commit, with its tries. A message is claimed (claimed_at) while it is sent.
create table outbound_message (
    message_id       varchar(36)  not null primary key,
    channel          varchar(10)  not null,
    agreement_id     varchar(100),
    ticket_id        varchar(100),
    forward_id       varchar(100),
    target           varchar(500) not null,
    document         text         not null,
    status           varchar(10)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp(6) with time zone not null,
    claimed_at       timestamp(6) with time zone,
    last_error       varchar(1000),
    created_at       timestamp(6) with time zone not null,
    delivered_at     timestamp(6) with time zone
);
create index outbound_message_due on outbound_message (status, next_attempt_at);
create index outbound_message_ticket on outbound_message (ticket_id);
