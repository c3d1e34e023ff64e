package io.psa.command.alert;

import io.psa.api.ticket.AlertDetails;
import io.psa.platform.Now;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.psa.platform.validation.InDateRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

import static io.psa.api.rule.Limits.*;

/** Monitoring systems post their alerts here: 201 with a new ticket, or 200 with the one already open for it. */
@RestController
@RequestMapping("/api/alerts")
@Tag(name = "Alerts")
public class AlertController {
    /** {@code condition} defaults to the title: the same title on the same device is the same problem. */
    record AlertRequest(@Size(max = 200) String rmmAlertId, @Size(max = ID_LENGTH) String deviceId,
                        @Size(max = 200) String rmmDeviceId, @Size(max = 50) String severity,
                        @NotBlank @Size(max = TITLE_LENGTH) String title, @Size(max = DESCRIPTION_LENGTH) String message, @InDateRange Instant raisedAt,
                        @Size(max = TITLE_LENGTH) String condition) {
        @AssertTrue(message = "give deviceId or rmmDeviceId")
        boolean isDeviceGiven() {
            return deviceId != null || rmmDeviceId != null;
        }

        AlertIntake.Alert alert() {
            return new AlertIntake.Alert(deviceId, rmmDeviceId, new AlertDetails(rmmAlertId,
                    condition != null ? condition : title, severity, title, message,
                    raisedAt != null ? raisedAt : Now.instant()));
        }
    }

    record AlertAnswer(String ticketId, boolean opened) {
    }

    private final AlertIntake intake;

    public AlertController(AlertIntake intake) {
        this.intake = intake;
    }

    @PostMapping
    @io.psa.platform.web.Creates(orOk = true)
    public ResponseEntity<AlertAnswer> receive(@Valid @RequestBody AlertRequest request) {
        AlertIntake.Outcome outcome = intake.receive(request.alert());
        AlertAnswer answer = new AlertAnswer(outcome.ticketId(), outcome.opened());
        return outcome.opened()
                ? ResponseEntity.created(URI.create("/api/tickets/" + outcome.ticketId())).body(answer)
                : ResponseEntity.status(HttpStatus.OK).body(answer);
    }
}
