package io.psa.query.reference;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.psa.api.contract.ContractType;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.contract.SlaHours;
import io.psa.api.contract.SlaTarget;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.Money;
import io.psa.query.ticket.TicketViews;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The reference data as the API answers it: typed views of the read model's documents, so that the OpenAPI
 * document names each field and a generated client reads them.
 */
public final class ReferenceViews {
    private ReferenceViews() {
    }

    /** {@code active}: false once deactivated (a document from before deactivation existed says nothing: true). */
    public record CompanyView(String companyId, String name, String defaultContractId, Boolean active) {
        public CompanyView {
            active = active == null || active;
        }
    }

    /** The SLA's terms as they are now; {@code active}: false once deactivated (as for companies). */
    public record SlaView(String slaId, String name, SlaHours hours, Map<Integer, SlaTarget> targets,
                          Priority defaultPriority, Map<String, Priority> severityPriorities, Boolean active) {
        public SlaView {
            active = active == null || active;
        }
    }

    /** A contract's terms from {@code effectiveFrom} on. */
    public record ContractTermsChange(LocalDate effectiveFrom, LocalDate endDate, Money hourlyRate, Money value) {
    }

    /** A service's terms from {@code effectiveFrom} on. */
    public record ServiceTermsChange(LocalDate effectiveFrom, Money unitPrice, Money unitCost, BigDecimal units,
                                     ServicePeriod period) {
    }

    /** A service line with its latest terms; {@code lastDay}: null while it runs. */
    public record ContractServiceView(String serviceId, String name, Money unitPrice, Money unitCost,
                                      BigDecimal units, ServicePeriod period, LocalDate lastDay,
                                      List<ServiceTermsChange> changes) {
    }

    /** A contract with its latest terms; {@code termChanges}: each change with the day it takes effect. */
    public record ContractView(String contractId, String companyId, String name, ContractType type,
                               LocalDate startDate, LocalDate endDate, String slaId, Money hourlyRate, Money value,
                               List<ContractServiceView> services, List<ContractTermsChange> termChanges) {
    }

    /** The contract with its first devices by name, how many it has, and its newest tickets. */
    public record ContractDetailView(@JsonUnwrapped ContractView contract, List<DeviceView> devices, long deviceCount,
                                 List<TicketViews.TicketSummary> tickets) {
    }

    public record ResourceRatesChange(LocalDate effectiveFrom, Money internalCostRate, Money billingRate) {
    }

    /** {@code active}: false once deactivated (a document from before deactivation existed says nothing: true). */
    public record ResourceView(String resourceId, String name, Money internalCostRate, Money billingRate,
                               Boolean active, List<ResourceRatesChange> rateChanges) {
        public ResourceView {
            active = active == null || active;
        }
    }

    public record DeviceView(String deviceId, String companyId, String name, String type, String serialNumber,
                             String rmmDeviceId, boolean active, String contractId, String contractServiceId) {
    }
}
