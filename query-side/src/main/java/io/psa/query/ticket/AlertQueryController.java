package io.psa.query.ticket;

import io.psa.api.query.Page;
import io.psa.platform.axon.rebuild.ServedFrom;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.psa.api.ticket.TicketQueries.AlertList;

/** The alerts the monitoring sent, each with the ticket it opened or was added to. */
@RestController
@Tag(name = "Alerts")
public class AlertQueryController {
    private final QueryGateway queries;

    public AlertQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Newest first ({@code sort=-raisedAt}, the default) or oldest first ({@code sort=raisedAt}). */
    @GetMapping("/api/alerts")
    @ServedFrom(TicketProjection.PROCESSING_GROUP)
    @SuppressWarnings("unchecked")
    public Page<TicketViews.AlertSummary> alerts(@RequestParam(required = false) String companyId,
                                                 @RequestParam(required = false) String deviceId,
                                                 @RequestParam(required = false) String ticketId,
                                                 @RequestParam(required = false) @Size(max = 50) String severity,
                                                 @RequestParam(defaultValue = "-raisedAt")
                                                 @Pattern(regexp = "-?raisedAt") String sort,
                                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                                 @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1)
                                                 @Max(Page.MAX_SIZE) int size) {
        return queries.query(new AlertList(companyId, deviceId, ticketId, severity, !sort.startsWith("-"), page,
                size), Page.class).join();
    }
}
