package io.psa.command.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.contract.ContractType;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.Priority;
import io.psa.command.CreatedAnswers;
import io.psa.command.CreatedAnswers.Created;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.psa.platform.validation.Amount;
import io.psa.platform.validation.InDateRange;
import io.psa.platform.validation.Quantity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.psa.api.contract.ContractMessages.*;

import static io.psa.api.rule.Limits.*;

/** Reference data commands: companies, SLAs, contracts and their services, resources and their rates. */
@RestController
@Tag(name = "Companies, SLAs, contracts, resources")
public class ContractCommandController {
    record CompanyRequest(@NotBlank @Size(max = NAME_LENGTH) String name) {
    }

    record DefaultContractRequest(@NotBlank @Size(max = ID_LENGTH) String contractId) {
    }

    /** {@code hours}: "24x7", or {"timeZone", "weekdays", "start", "end"}. {@code targets}: by priority "1".."4". */
    /** Business hours: each of the weekdays from start to end, in the time zone (IANA, e.g. Europe/Berlin). */
    record BusinessHours(String timeZone, Set<DayOfWeek> weekdays, LocalTime start, LocalTime end) {
    }

    record SlaRequest(@NotBlank @Size(max = NAME_LENGTH) String name,
                      @NotNull @Schema(description = "\"24x7\", or business hours", oneOf = {String.class,
                              BusinessHours.class}) JsonNode hours,
                      @NotEmpty @Size(max = 4) Map<@Size(max = 10) String, SlaTarget> targets,
                      Integer defaultPriority,
                      @Size(max = 50) Map<@NotBlank @Size(max = 50) String, Integer> severityPriorities) {
        SlaTerms terms(String slaId) {
            Map<Integer, SlaTarget> byPriority = new HashMap<>();
            targets.forEach((priority, target) -> byPriority.put(parsePriority(priority), target));
            Map<String, Priority> severities = new HashMap<>();
            if (severityPriorities != null) {
                severityPriorities.forEach((severity, priority) ->
                        severities.put(severity.toUpperCase(Locale.ROOT), Priority.of(priority)));
            }
            return new SlaTerms(slaId, name, parseHours(hours), byPriority,
                    defaultPriority == null ? Priority.DEFAULT : Priority.of(defaultPriority), severities);
        }
    }

    record ContractRequest(@NotBlank @Size(max = ID_LENGTH) String companyId, @NotBlank @Size(max = NAME_LENGTH) String name,
                           @NotNull ContractType type, @NotNull @InDateRange LocalDate startDate,
                           @NotNull @InDateRange LocalDate endDate, @Size(max = ID_LENGTH) String slaId,
                           @Amount BigDecimal hourlyRate, @Amount BigDecimal value) {
    }

    record ContractDetailsRequest(@NotBlank @Size(max = NAME_LENGTH) String name, @Size(max = ID_LENGTH) String slaId) {
    }

    /** What is left out stays as it is. */
    record ContractTermsRequest(@NotNull @InDateRange LocalDate effectiveFrom, @InDateRange LocalDate endDate,
                                @Amount BigDecimal hourlyRate, @Amount BigDecimal value) {
    }

    /** What is left out stays as it is. */
    record ServiceTermsRequest(@NotNull @InDateRange LocalDate effectiveFrom, @Amount BigDecimal unitPrice,
                               @Amount BigDecimal unitCost, @Quantity BigDecimal units, ServicePeriod period) {
    }

    record ServiceEndRequest(@NotNull @InDateRange LocalDate lastDay) {
    }

    record ServiceRequest(@NotBlank @Size(max = NAME_LENGTH) String name, @NotNull @Amount BigDecimal unitPrice,
                          @NotNull @Amount BigDecimal unitCost, @NotNull @Quantity BigDecimal units,
                          @NotNull ServicePeriod period) {
    }

    record ResourceRequest(@NotBlank @Size(max = NAME_LENGTH) String name, @NotNull @Amount BigDecimal internalCostRate,
                           @NotNull @Amount BigDecimal billingRate) {
    }

    record ResourceNameRequest(@NotBlank @Size(max = NAME_LENGTH) String name) {
    }

    record RatesRequest(@NotNull @InDateRange LocalDate effectiveFrom, @NotNull @Amount BigDecimal internalCostRate,
                        @NotNull @Amount BigDecimal billingRate) {
    }

    private final CommandGateway commands;

    public ContractCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/companies")
    public ResponseEntity<Created> createCompany(@Valid @RequestBody CompanyRequest request) {
        return CreatedAnswers.create(commands, "/api/companies/", id -> new CreateCompany(id, request.name()));
    }

    @PutMapping("/api/companies/{companyId}/name")
    public ResponseEntity<Void> renameCompany(@PathVariable String companyId, @Valid @RequestBody CompanyRequest request) {
        commands.sendAndWait(new RenameCompany(companyId, request.name()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/companies/{companyId}/default-contract")
    public ResponseEntity<Void> setDefaultContract(@PathVariable String companyId,
                                                   @Valid @RequestBody DefaultContractRequest request) {
        commands.sendAndWait(new SetDefaultContract(companyId, request.contractId()));
        return ResponseEntity.noContent().build();
    }

    /** The company gets no new tickets, contracts or devices (409 active-company); what it has stays. */
    @PostMapping("/api/companies/{companyId}/deactivation")
    public ResponseEntity<Void> deactivateCompany(@PathVariable String companyId) {
        commands.sendAndWait(new DeactivateCompany(companyId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/slas")
    public ResponseEntity<Created> defineSla(@Valid @RequestBody SlaRequest request) {
        return CreatedAnswers.create(commands, "/api/slas/", id -> new DefineSla(id, request.terms(id)));
    }

    /** The whole terms, for tickets opened from now on; running tickets keep their due times. */
    @PutMapping("/api/slas/{slaId}/terms")
    public ResponseEntity<Void> changeSlaTerms(@PathVariable String slaId, @Valid @RequestBody SlaRequest request) {
        commands.sendAndWait(new ChangeSlaTerms(slaId, request.terms(slaId)));
        return ResponseEntity.noContent().build();
    }

    /** No contract takes the SLA from now on (409 active-sla); contracts that have it keep it. */
    @PostMapping("/api/slas/{slaId}/deactivation")
    public ResponseEntity<Void> deactivateSla(@PathVariable String slaId) {
        commands.sendAndWait(new DeactivateSla(slaId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/contracts")
    public ResponseEntity<Created> createContract(@Valid @RequestBody ContractRequest request) {
        return CreatedAnswers.create(commands, "/api/contracts/", id -> new CreateContract(id, request.companyId(),
                request.name(), request.type(), request.startDate(), request.endDate(), request.slaId(),
                money(request.hourlyRate()), money(request.value())));
    }

    @PostMapping("/api/contracts/{contractId}/services")
    public ResponseEntity<Created> addService(@PathVariable String contractId,
                                              @Valid @RequestBody ServiceRequest request) {
        return CreatedAnswers.create(commands, "/api/contracts/" + contractId + "/services/",
                id -> new AddContractService(contractId, id, request.name(), Money.of(request.unitPrice()),
                        Money.of(request.unitCost()), request.units(), request.period()));
    }

    @PutMapping("/api/contracts/{contractId}/details")
    public ResponseEntity<Void> changeContractDetails(@PathVariable String contractId,
                                                      @Valid @RequestBody ContractDetailsRequest request) {
        commands.sendAndWait(new ChangeContractDetails(contractId, request.name(), request.slaId()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/contracts/{contractId}/terms")
    public ResponseEntity<Void> changeContractTerms(@PathVariable String contractId,
                                                    @Valid @RequestBody ContractTermsRequest request) {
        commands.sendAndWait(new ChangeContractTerms(contractId, request.effectiveFrom(), request.endDate(),
                money(request.hourlyRate()), money(request.value())));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/contracts/{contractId}/services/{serviceId}/terms")
    public ResponseEntity<Void> changeServiceTerms(@PathVariable String contractId, @PathVariable String serviceId,
                                                   @Valid @RequestBody ServiceTermsRequest request) {
        commands.sendAndWait(new ChangeContractService(contractId, serviceId, request.effectiveFrom(),
                money(request.unitPrice()), money(request.unitCost()), request.units(), request.period()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/contracts/{contractId}/services/{serviceId}/last-day")
    public ResponseEntity<Void> endService(@PathVariable String contractId, @PathVariable String serviceId,
                                           @Valid @RequestBody ServiceEndRequest request) {
        commands.sendAndWait(new EndContractService(contractId, serviceId, request.lastDay()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/resources")
    public ResponseEntity<Created> createResource(@Valid @RequestBody ResourceRequest request) {
        return CreatedAnswers.create(commands, "/api/resources/", id -> new CreateResource(id, request.name(),
                Money.of(request.internalCostRate()), Money.of(request.billingRate())));
    }

    @PutMapping("/api/resources/{resourceId}/name")
    public ResponseEntity<Void> renameResource(@PathVariable String resourceId,
                                               @Valid @RequestBody ResourceNameRequest request) {
        commands.sendAndWait(new RenameResource(resourceId, request.name()));
        return ResponseEntity.noContent().build();
    }

    /** The resource logs no more time and takes no more tickets (409 active-resource); what it logged stays. */
    @PostMapping("/api/resources/{resourceId}/deactivation")
    public ResponseEntity<Void> deactivateResource(@PathVariable String resourceId) {
        commands.sendAndWait(new DeactivateResource(resourceId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/resources/{resourceId}/rates")
    public ResponseEntity<Void> changeRates(@PathVariable String resourceId, @Valid @RequestBody RatesRequest request) {
        commands.sendAndWait(new ChangeResourceRates(resourceId, request.effectiveFrom(),
                Money.of(request.internalCostRate()), Money.of(request.billingRate())));
        return ResponseEntity.noContent().build();
    }

    private static Money money(BigDecimal amount) {
        return amount == null ? null : Money.of(amount);
    }

    private static int parsePriority(String priority) {
        try {
            return Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("targets: '" + priority + "' is not a priority 1 to 4.");
        }
    }

    private static final Set<String> BUSINESS_HOURS_FIELDS = Set.of("timeZone", "weekdays", "start", "end");

    private static SlaHours parseHours(JsonNode hours) {
        if (hours.isTextual() && hours.asText().equalsIgnoreCase("24x7")) {
            return SlaHours.TWENTY_FOUR_SEVEN;
        }
        try {
            hours.fieldNames().forEachRemaining(field -> {
                if (!BUSINESS_HOURS_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("not a field of business hours");
                }
            });
            Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
            hours.path("weekdays").forEach(day -> weekdays.add(DayOfWeek.valueOf(day.asText().toUpperCase(Locale.ROOT))));
            return SlaHours.businessHours(hours.path("timeZone").asText(null), weekdays,
                    LocalTime.parse(hours.path("start").asText()), LocalTime.parse(hours.path("end").asText()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("hours: give \"24x7\" or {\"timeZone\": \"Europe/Berlin\", "
                    + "\"weekdays\": [\"MONDAY\", ...], \"start\": \"08:00\", \"end\": \"17:00\"}.");
        }
    }
}
