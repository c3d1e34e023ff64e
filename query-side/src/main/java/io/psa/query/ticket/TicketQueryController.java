package io.psa.query.ticket;

import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.query.Page;
import io.psa.api.rule.Limits;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.TicketStatus;
import io.psa.platform.axon.chain.ChainVerification;
import io.psa.platform.axon.chain.EventChainVerifier;
import io.psa.platform.axon.rebuild.ServedFrom;
import io.psa.platform.content.ContentStore;
import io.psa.platform.content.FileNames;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.psa.api.ticket.TicketQueries.*;

/** The REST query API of tickets, over the query gateway. Reads may lag the commands briefly. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Ticket queries")
public class TicketQueryController {
    private static final int MINUTES_A_YEAR = 525_600;

    private final QueryGateway queries;
    private final ContentStore contents;
    private final EventChainVerifier chains;

    public TicketQueryController(QueryGateway queries, ContentStore contents, EventChainVerifier chains) {
        this.queries = queries;
        this.contents = contents;
        this.chains = chains;
    }

    @GetMapping
    @ServedFrom(TicketProjection.PROCESSING_GROUP)
    @SuppressWarnings("unchecked")
    public Page<TicketViews.TicketSummary> tickets(@RequestParam(required = false) String companyId,
                                                @RequestParam(required = false) List<TicketStatus> status,
                                                @RequestParam(required = false) String contractId,
                                                @RequestParam(required = false) String deviceId,
                                                @RequestParam(required = false) String assignedResourceId,
                                                @RequestParam(required = false) String queue,
                                                @RequestParam(required = false) List<OutsourcingStatus> outsourcingStatus,
                                                @RequestParam(required = false) Boolean slaMissed,
                                                @RequestParam(required = false) @Min(0) @Max(MINUTES_A_YEAR)
                                                Integer dueWithinMinutes,
                                                @RequestParam(required = false) @Size(max = Limits.TITLE_LENGTH) String q,
                                                @RequestParam(defaultValue = "opened")
                                                @Pattern(regexp = "opened|due|priority|updated") String sort,
                                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                                @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1)
                                                @Max(Page.MAX_SIZE) int size) {
        return queries.query(new TicketList(companyId, listOf(status), contractId, deviceId, assignedResourceId, queue,
                listOf(outsourcingStatus), slaMissed, dueWithinMinutes, q,
                TicketOrder.valueOf(sort.toUpperCase(Locale.ROOT)), page, size), Page.class).join();
    }

    /** The values given, without the empty ones ({@code status=NEW,} and {@code status=} bind a null). */
    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().toList();
    }

    @GetMapping("/{ticketId}")
    @ServedFrom(TicketProjection.PROCESSING_GROUP)
    public TicketDocument detail(@PathVariable String ticketId) {
        return queries.query(new TicketDetail(ticketId), ResponseTypes.optionalInstanceOf(TicketDocument.class)).join()
                      .orElseThrow(() -> new UnknownItem("ticket", ticketId));
    }

    @GetMapping(path = "/{ticketId}/history", params = "!asOf")
    public List<TicketHistoryReader.HistoryEntry> history(@PathVariable String ticketId) {
        List<TicketHistoryReader.HistoryEntry> history = queries.query(new TicketHistory(ticketId),
                ResponseTypes.multipleInstancesOf(TicketHistoryReader.HistoryEntry.class)).join();
        if (history.isEmpty()) {
            throw new UnknownItem("ticket", ticketId);
        }
        return history;
    }

    @GetMapping(path = "/{ticketId}/history", params = "asOf")
    public TicketDocument stateAsOf(@PathVariable String ticketId,
                                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                    @io.swagger.v3.oas.annotations.Parameter(required = false, description = "the "
                                            + "ticket as it was then, instead of its history") OffsetDateTime asOf) {
        return queries.query(new TicketStateAsOf(ticketId, asOf.toInstant()),
                              ResponseTypes.optionalInstanceOf(TicketDocument.class)).join()
                      .orElseThrow(() -> new UnknownItem("ticket (at " + asOf + ")", ticketId));
    }

    /**
     * The ticket's hash chain recomputed from its stored events: {@code VALID}, or the first event that no longer
     * matches what was stored (see the README, "Tamper evidence").
     */
    @GetMapping("/{ticketId}/history/verification")
    public ChainVerification verification(@PathVariable String ticketId) {
        return chains.verify(ticketId)
                     .filter(chain -> chain.aggregateType() == null || chain.aggregateType().equals("Ticket"))
                     .orElseThrow(() -> new UnknownItem("ticket", ticketId));
    }

    /** The file, checked against its SHA-256 before it is served; the digest is sent along for the client. */
    @GetMapping(path = "/{ticketId}/attachments/{attachmentId}/content", produces = MediaType.ALL_VALUE)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/octet-stream",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    @ServedFrom(TicketProjection.PROCESSING_GROUP)
    public ResponseEntity<byte[]> attachmentContent(@PathVariable String ticketId, @PathVariable String attachmentId) {
        TicketDocument.Attachment attachment = detail(ticketId).attachments.stream()
                .filter(entry -> entry.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new UnknownItem("attachment", attachmentId)).content();
        byte[] content = contents.get(attachment.file().sha256())
                                 .orElseThrow(() -> new UnknownItem("attachment content", attachmentId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(FileNames.contentType(attachment.file().contentType())))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.file().fileName(), StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + attachment.file().sha256() + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        HexFormat.of().parseHex(attachment.file().sha256())) + ":")
                .body(content);
    }
}
