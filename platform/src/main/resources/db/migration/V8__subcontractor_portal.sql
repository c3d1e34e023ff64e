-- Subcontractors: the fee per accepted ticket, and the portal accounts of their contacts (only hashes of the
-- password and of the one-time code that sets it).
alter table partner_agreement add column fee_per_acceptance numeric;

-- The address told when a partner or subcontractor moves an outsourcing (notices by e-mail).
alter table instance_profile add column outsourcing_contact varchar(320);

create table portal_account (
    agreement_id     varchar(100) not null primary key,
    email            varchar(320) not null unique,
    password_hash    varchar(200),
    code_sha256      char(64) unique,
    code_expires_at  timestamp(6) with time zone,
    password_set_at  timestamp(6) with time zone,
    created_at       timestamp(6) with time zone not null
);

-- Tickets by the agreement they are outsourced or forwarded by, and its status (the portal lists a subcontractor's).
alter table ticket_view add column outsourcing_agreement_id varchar(100);
alter table ticket_view add column outsourcing_status varchar(30);
create index ticket_view_outsourcing on ticket_view (outsourcing_agreement_id, outsourcing_status);

-- The fee statement: each subcontractor fee charged (profitability processor).
create table outsourcing_fee (
    charge_id       varchar(100) not null primary key,
    agreement_id    varchar(100) not null,
    agreement_name  varchar(300),
    ticket_id       varchar(100) not null,
    amount          numeric      not null,
    charged_on      date         not null,
    charged_at      timestamp(6) with time zone not null
);
create index outsourcing_fee_charged_on on outsourcing_fee (charged_on);
