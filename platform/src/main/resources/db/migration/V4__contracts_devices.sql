-- Command-side lookups, kept in the transaction of the command that caused them (processing group command-lookups).
create table device_lookup (
    rmm_device_id  varchar(200) not null primary key,
    device_id      varchar(100) not null
);

create table open_alert_ticket (
    device_id        varchar(100) not null,
    alert_condition  varchar(500) not null,
    ticket_id        varchar(100) not null,
    primary key (device_id, alert_condition)
);
create index open_alert_ticket_ticket on open_alert_ticket (ticket_id);

-- Persistent deadlines (SLA due times) through db-scheduler, used by Axon's DbSchedulerDeadlineManager.
create table scheduled_tasks (
    task_name             varchar(100) not null,
    task_instance         varchar(200) not null,
    task_data             bytea,
    execution_time        timestamp(6) with time zone not null,
    picked                boolean      not null,
    picked_by             varchar(50),
    last_success          timestamp(6) with time zone,
    last_failure          timestamp(6) with time zone,
    consecutive_failures  integer,
    last_heartbeat        timestamp(6) with time zone,
    version               bigint       not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Read models of the reference data: one JSON document per entity, with the columns lists filter on.
create table entity_view (
    kind                 varchar(30)  not null,
    id                   varchar(100) not null,
    company_id           varchar(100),
    contract_id          varchar(100),
    contract_service_id  varchar(100),
    last_sequence        bigint       not null,
    document             text         not null,
    primary key (kind, id)
);
create index entity_view_company on entity_view (kind, company_id);
create index entity_view_contract on entity_view (kind, contract_id, contract_service_id);
