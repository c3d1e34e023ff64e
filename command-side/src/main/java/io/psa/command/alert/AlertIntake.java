package io.psa.command.alert;

import io.psa.api.rule.Policy;
import io.psa.api.rule.RuleViolation;
import io.psa.api.ticket.AlertDetails;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Visibility;
import io.psa.command.device.DeviceFacts;
import io.psa.command.device.Devices;
import io.psa.command.ticket.TicketOpening;
import io.psa.platform.axon.AuditMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import io.psa.platform.axon.CommandTransaction;

import java.util.Optional;
import java.util.UUID;

import static io.psa.api.ticket.TicketCommands.AddNote;
import static io.psa.api.ticket.TicketCommands.AttachAlert;

/**
 * Turns a monitoring alert into a ticket for the device, or, when the same condition on the same device already has
 * an open ticket, into a note on that ticket.
 */
@Component
public class AlertIntake {
    /** The alert as received; exactly one of deviceId and rmmDeviceId identifies the device. */
    public record Alert(String deviceId, String rmmDeviceId, AlertDetails details) {
    }

    public record Outcome(String ticketId, boolean opened) {
    }

    static final Policy<DeviceFacts> ACTIVE_DEVICES_ONLY = Policy.stateRule("active-devices-only",
            DeviceFacts::active, device -> "Device " + device.deviceId() + " is deactivated; it raises no tickets.");

    private static final String MONITORING = "monitoring";

    private final Devices devices;
    private final TicketOpening opening;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final CommandTransaction transaction;

    public AlertIntake(Devices devices, TicketOpening opening, CommandGateway commands, JdbcTemplate jdbc,
                       CommandTransaction transaction) {
        this.devices = devices;
        this.opening = opening;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Two identical alerts at once: the second fails on the open-alert key and, tried again, becomes a note. */
    public Outcome receive(Alert alert) {
        try {
            return receiveOnce(alert);
        } catch (DuplicateKeyException sameConditionOpenedConcurrently) {
            return receiveOnce(alert);
        }
    }

    private Outcome receiveOnce(Alert alert) {
        DeviceFacts device = device(alert);
        ACTIVE_DEVICES_ONLY.check(device);
        AlertDetails details = alert.details();
        Optional<String> open = jdbc.queryForList("select ticket_id from open_alert_ticket where device_id = ? "
                + "and alert_condition = ?", String.class, device.deviceId(), details.condition()).stream().findFirst();
        if (open.isPresent()) {
            transaction.run(() -> {
                commands.sendAndWait(AuditMetadata.onBehalfOf(MONITORING, new AddNote(open.get(), UUID.randomUUID().toString(),
                        new NoteContent("Alert again: " + details.title(), repeatText(details), Visibility.INTERNAL))));
                commands.sendAndWait(AuditMetadata.onBehalfOf(MONITORING, new AttachAlert(open.get(), details)));
            });
            return new Outcome(open.get(), false);
        }
        String ticketId = opening.open(new TicketOpening.Request(device.companyId(), details.title(), details.message(),
                null, device.deviceId(), null, null, details.severity(), details));
        return new Outcome(ticketId, true);
    }

    private DeviceFacts device(Alert alert) {
        Optional<DeviceFacts> device = alert.deviceId() != null ? devices.find(alert.deviceId())
                                                                : devices.findByRmmId(alert.rmmDeviceId());
        return device.orElseThrow(() -> new RuleViolation("known-device", RuleViolation.Kind.VALUE,
                "No device " + (alert.deviceId() != null ? alert.deviceId() : "with monitoring id " + alert.rmmDeviceId())
                + " is registered: register it (or run a discovery) before it can raise tickets."));
    }

    private static String repeatText(AlertDetails details) {
        return (details.message() == null ? details.title() : details.message()) + " (raised "
               + details.raisedAt() + ", severity " + details.severity() + ", alert " + details.rmmAlertId() + ")";
    }

}
