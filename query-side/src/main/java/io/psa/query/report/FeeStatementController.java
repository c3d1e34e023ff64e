package io.psa.query.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.psa.api.rule.Limits;
import io.psa.platform.axon.rebuild.ServedFrom;
import io.psa.platform.web.CsvAnswers;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the subcontractors' acceptances cost in a range: per agreement, with each ticket's fee; as JSON, or as CSV
 * (one line per fee) with {@code format=csv} or {@code Accept: text/csv}.
 */
@RestController
@ServedFrom(ProfitabilityProjection.PROCESSING_GROUP)
@Tag(name = "Reports")
public class FeeStatementController {
    public record FeeLine(String ticketId, BigDecimal fee, Instant chargedAt) {
    }

    public record AgreementFees(String agreementId, String subcontractor, int acceptances, BigDecimal total,
                                List<FeeLine> tickets) {
    }

    public record FeeStatement(LocalDate from, LocalDate to, BigDecimal total, List<AgreementFees> agreements) {
    }

    @JsonPropertyOrder({"agreementId", "subcontractor", "ticketId", "chargedAt", "fee"})
    record CsvLine(String agreementId, String subcontractor, String ticketId, Instant chargedAt, BigDecimal fee) {
    }

    private record Row(String agreementId, String name, String ticketId, BigDecimal fee, Instant chargedAt) {
    }

    private final JdbcTemplate jdbc;

    public FeeStatementController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/outsourcing/fees")
    @ApiResponse(responseCode = "200", description = "The fees charged in the range, by agreement", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FeeStatement.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> fees(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  @RequestParam(required = false) String format,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!Limits.isInRange(from) || !Limits.isInRange(to) || from.isAfter(to)) {
            throw new IllegalArgumentException("from and to must lie " + Limits.DATE_RANGE_TEXT + ", from not after to.");
        }
        List<Row> rows = jdbc.query("select agreement_id, agreement_name, ticket_id, amount, charged_at from outsourcing_fee "
                        + "where charged_on between ? and ? order by agreement_name, agreement_id, charged_at",
                (rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant()), Date.valueOf(from), Date.valueOf(to));
        if (ProfitabilityController.wantsCsv(format, accept)) {
            return CsvAnswers.csv(rows.stream().map(row -> new CsvLine(row.agreementId(), row.name(), row.ticketId(),
                    row.chargedAt(), shown(row.fee()))).toList(), CsvLine.class, "fees-" + from + "-" + to + ".csv");
        }
        Map<String, List<Row>> byAgreement = new LinkedHashMap<>();
        rows.forEach(row -> byAgreement.computeIfAbsent(row.agreementId(), id -> new ArrayList<>()).add(row));
        List<AgreementFees> agreements = byAgreement.values().stream().map(fees -> new AgreementFees(
                fees.get(0).agreementId(), fees.get(0).name(), fees.size(),
                shown(fees.stream().map(Row::fee).reduce(BigDecimal.ZERO, BigDecimal::add)),
                fees.stream().map(fee -> new FeeLine(fee.ticketId(), shown(fee.fee()), fee.chargedAt())).toList()))
                .toList();
        return ResponseEntity.ok(new FeeStatement(from, to, shown(rows.stream().map(Row::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add)), agreements));
    }

    private static BigDecimal shown(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
