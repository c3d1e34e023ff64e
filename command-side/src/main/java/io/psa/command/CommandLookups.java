package io.psa.command;

import io.psa.api.ticket.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static io.psa.api.device.DeviceMessages.DeviceRegistered;
import static io.psa.api.ticket.TicketEvents.AlertAttached;
import static io.psa.api.ticket.TicketEvents.TicketStatusChanged;

/**
 * Lookups the command side needs to be exact, not eventually right: written by a subscribing processor in the
 * transaction of the command that caused the event. The unique keys make a concurrent duplicate fail and retry.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CommandLookups {
    public static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcTemplate jdbc;

    public CommandLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeviceRegistered event) {
        if (event.rmmDeviceId() != null) {
            jdbc.update("insert into device_lookup (rmm_device_id, device_id) values (?, ?)", event.rmmDeviceId(),
                    event.deviceId());
        }
    }

    /** The ticket that an open alert condition on a device belongs to. */
    @EventHandler
    void on(AlertAttached event) {
        if (jdbc.queryForObject("select count(*) from open_alert_ticket where device_id = ? and alert_condition = ?",
                Integer.class, event.deviceId(), event.alert().condition()) == 0) {
            jdbc.update("insert into open_alert_ticket (device_id, alert_condition, ticket_id) values (?, ?, ?)",
                    event.deviceId(), event.alert().condition(), event.ticketId());
        }
    }

    @EventHandler
    void on(TicketStatusChanged event) {
        if (event.to() == TicketStatus.COMPLETE) {
            jdbc.update("delete from open_alert_ticket where ticket_id = ?", event.ticketId());
        }
    }
}
