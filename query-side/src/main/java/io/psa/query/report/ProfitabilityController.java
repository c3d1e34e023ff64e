package io.psa.query.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.psa.api.rule.Limits;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.axon.rebuild.ServedFrom;
import io.psa.platform.web.CsvAnswers;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Profitability per contract and per contract service, as JSON, or as CSV with format=csv or Accept: text/csv. */
@RestController
@ServedFrom(ProfitabilityProjection.PROCESSING_GROUP)
@RequestMapping("/api/reports/profitability/contracts")
@Tag(name = "Reports")
public class ProfitabilityController {
    @JsonPropertyOrder({"contractId", "contractName", "serviceId", "serviceName", "revenue", "labourHours",
            "labourCost", "otherCost", "profit", "marginPercent", "effectiveHourlyRate", "hoursWithoutCostRate"})
    record CsvRow(String contractId, String contractName, String serviceId, String serviceName, BigDecimal revenue,
                  BigDecimal labourHours, BigDecimal labourCost, BigDecimal otherCost, BigDecimal profit,
                  BigDecimal marginPercent, BigDecimal effectiveHourlyRate, BigDecimal hoursWithoutCostRate) {
        static CsvRow of(String contractId, String contractName, String serviceId, String serviceName,
                         Figures.Shown f) {
            return new CsvRow(contractId, contractName, serviceId, serviceName, f.revenue(), f.labourHours(),
                    f.labourCost(), f.otherCost(), f.profit(), f.marginPercent(), f.effectiveHourlyRate(),
                    f.hoursWithoutCostRate());
        }
    }

    private final ProfitabilityReport report;
    private final ProfitabilityUpdates updates;

    public ProfitabilityController(ProfitabilityReport report, ProfitabilityUpdates updates) {
        this.report = report;
        this.updates = updates;
    }

    @GetMapping
    @ApiResponse(responseCode = "200", description = "One line per contract in force in the range", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(
                    implementation = ProfitabilityReport.ContractLine.class))),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> contractFigures(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(required = false) String format,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        checkRange(from, to);
        List<ProfitabilityReport.ContractLine> lines = report.contracts(from, to);
        if (!wantsCsv(format, accept)) {
            return ResponseEntity.ok(lines);
        }
        return CsvAnswers.csv(lines.stream().map(line -> CsvRow.of(line.contractId(), line.name(), null, null,
                line.figures())).toList(), CsvRow.class, "profitability-" + from + "-" + to + ".csv");
    }

    @GetMapping("/{contractId}")
    @ApiResponse(responseCode = "200", description = "The contract's figures per service, with what is behind them",
            content = {@Content(mediaType = "application/json", schema = @Schema(
                    implementation = ProfitabilityReport.ContractDetail.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> contractFiguresByService(@PathVariable String contractId,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                      @RequestParam(required = false) String format,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        checkRange(from, to);
        ProfitabilityReport.ContractDetail detail = report.contract(contractId, from, to)
                                                          .orElseThrow(() -> new UnknownItem("contract", contractId));
        if (!wantsCsv(format, accept)) {
            return ResponseEntity.ok(detail);
        }
        List<CsvRow> rows = new java.util.ArrayList<>(detail.services().stream().map(service -> CsvRow.of(
                detail.contractId(), detail.name(), service.serviceId(), service.name(), service.figures())).toList());
        rows.add(CsvRow.of(detail.contractId(), detail.name(), null, "Total", detail.figures()));
        return CsvAnswers.csv(rows, CsvRow.class, "profitability-" + contractId + "-" + from + "-" + to + ".csv");
    }

    /** All contracts month by month (for the dashboard's chart). */
    @GetMapping("/months")
    public List<ProfitabilityReport.MonthFigures> months(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        checkRange(from, to);
        if (from.plusYears(5).isBefore(to)) {
            throw new IllegalArgumentException("Month by month covers at most five years.");
        }
        return report.months(from, to);
    }

    /** Server-sent events: "changed" whenever new time entries or charges change the figures. */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter updates() {
        return updates.subscribe();
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (!Limits.isInRange(from) || !Limits.isInRange(to)) {
            throw new IllegalArgumentException("from and to must lie " + Limits.DATE_RANGE_TEXT + ".");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("The range starts (" + from + ") after it ends (" + to + ").");
        }
    }

    /** {@code format=csv}, or an Accept that prefers text/csv to JSON (by quality, then order). */
    static boolean wantsCsv(String format, String accept) {
        if ("csv".equalsIgnoreCase(format)) {
            return true;
        }
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            return types.stream().filter(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
                                                 || type.isCompatibleWith(CsvAnswers.CSV)).findFirst()
                        .map(type -> type.includes(CsvAnswers.CSV) && !type.includes(MediaType.APPLICATION_JSON))
                        .orElse(false);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }
}
