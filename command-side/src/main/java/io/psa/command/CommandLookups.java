package io.psa.command;

import io.psa.api.ticket.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

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

    /**
     * The ticket that an open alert condition on a device belongs to. Another open ticket holding the condition
     * means two alerts raced: this one is refused like a duplicate key, and its retry becomes a note on that ticket.
     */
    @EventHandler
    void on(AlertAttached event) {
        List<String> holder = jdbc.queryForList("select ticket_id from open_alert_ticket where device_id = ? "
                + "and alert_condition = ?", String.class, event.deviceId(), event.alert().condition());
        if (holder.isEmpty()) {
            jdbc.update("insert into open_alert_ticket (device_id, alert_condition, ticket_id) values (?, ?, ?)",
                    event.deviceId(), event.alert().condition(), event.ticketId());
        } else if (!holder.get(0).equals(event.ticketId())) {
            throw new DuplicateKeyException("condition '" + event.alert().condition() + "' on device "
                    + event.deviceId() + " has its open ticket " + holder.get(0) + " already");
        }
    }

    @EventHandler
    void on(TicketStatusChanged event) {
        if (event.to() == TicketStatus.COMPLETE) {
            jdbc.update("delete from open_alert_ticket where ticket_id = ?", event.ticketId());
        }
    }
}
