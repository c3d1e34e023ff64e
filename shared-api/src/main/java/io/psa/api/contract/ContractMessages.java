package io.psa.api.contract;

import io.psa.api.message.StoredAs;
import org.axonframework.serialization.Revision;
import io.psa.api.ticket.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Companies, SLAs, contracts with their services, and resources: the reference data tickets are billed against. */
public final class ContractMessages {
    private ContractMessages() {
    }

    public record CreateCompany(@TargetAggregateIdentifier String companyId, String name) {
    }

    @StoredAs("contract.CompanyCreated")
    @Revision("1")
    public record CompanyCreated(String companyId, String name) {
    }

    public record RenameCompany(@TargetAggregateIdentifier String companyId, String name) {
    }

    @StoredAs("contract.CompanyRenamed")
    @Revision("1")
    public record CompanyRenamed(String companyId, String name) {
    }

    public record SetDefaultContract(@TargetAggregateIdentifier String companyId, String contractId) {
    }

    @StoredAs("contract.DefaultContractSet")
    @Revision("1")
    public record DefaultContractSet(String companyId, String contractId) {
    }

    /** The company gets no new tickets, contracts or devices; what it has stays and goes on. */
    public record DeactivateCompany(@TargetAggregateIdentifier String companyId) {
    }

    @StoredAs("contract.CompanyDeactivated")
    @Revision("1")
    public record CompanyDeactivated(String companyId) {
    }

    public record DefineSla(@TargetAggregateIdentifier String slaId, SlaTerms terms) {
    }

    @StoredAs("contract.SlaDefined")
    @Revision("1")
    public record SlaDefined(String slaId, SlaTerms terms) {
    }

    /**
     * The SLA's terms from now on, for tickets opened from now on and for the targets a ticket's priority change
     * picks; a running ticket keeps the due times it has.
     */
    public record ChangeSlaTerms(@TargetAggregateIdentifier String slaId, SlaTerms terms) {
    }

    @StoredAs("contract.SlaTermsChanged")
    @Revision("1")
    public record SlaTermsChanged(String slaId, SlaTerms terms) {
    }

    /** No contract takes the SLA from now on; contracts that have it keep it until they are changed. */
    public record DeactivateSla(@TargetAggregateIdentifier String slaId) {
    }

    @StoredAs("contract.SlaDeactivated")
    @Revision("1")
    public record SlaDeactivated(String slaId) {
    }

    /** {@code value}: what a FIXED_PRICE contract earns over its whole term (optional for the other types). */
    public record CreateContract(@TargetAggregateIdentifier String contractId, String companyId, String name,
                                 ContractType type, LocalDate startDate, LocalDate endDate, String slaId,
                                 Money hourlyRate, Money value) {
    }

    @StoredAs("contract.ContractCreated")
    @Revision("1")
    public record ContractCreated(String contractId, String companyId, String name, ContractType type,
                                  LocalDate startDate, LocalDate endDate, String slaId, Money hourlyRate, Money value) {
        /** The terms it was created with, in force from its start. */
        public ContractTerms terms() {
            return new ContractTerms(startDate, endDate, hourlyRate, value);
        }
    }

    public record AddContractService(@TargetAggregateIdentifier String contractId, String serviceId, String name,
                                     Money unitPrice, Money unitCost, BigDecimal units, ServicePeriod period) {
    }

    @StoredAs("contract.ContractServiceAdded")
    @Revision("1")
    public record ContractServiceAdded(String contractId, String serviceId, String name, Money unitPrice,
                                       Money unitCost, BigDecimal units, ServicePeriod period) {
    }

    /** The name and SLA from now on; tickets opened before keep the SLA they were opened under. */
    public record ChangeContractDetails(@TargetAggregateIdentifier String contractId, String name, String slaId) {
    }

    @StoredAs("contract.ContractDetailsChanged")
    @Revision("1")
    public record ContractDetailsChanged(String contractId, String name, String slaId) {
    }

    /** New terms from {@code effectiveFrom} on; a null value stays as it is. */
    public record ChangeContractTerms(@TargetAggregateIdentifier String contractId, LocalDate effectiveFrom,
                                      LocalDate endDate, Money hourlyRate, Money value) {
    }

    /** The contract's whole terms from {@code effectiveFrom} on (the days before keep theirs). */
    @StoredAs("contract.ContractTermsChanged")
    @Revision("1")
    public record ContractTermsChanged(String contractId, LocalDate effectiveFrom, LocalDate endDate,
                                       Money hourlyRate, Money value) {
        public ContractTerms terms() {
            return new ContractTerms(effectiveFrom, endDate, hourlyRate, value);
        }
    }

    /** A service's new terms from {@code effectiveFrom} on; a null value stays as it is. */
    public record ChangeContractService(@TargetAggregateIdentifier String contractId, String serviceId,
                                        LocalDate effectiveFrom, Money unitPrice, Money unitCost, BigDecimal units,
                                        ServicePeriod period) {
    }

    /** The service's whole terms from {@code effectiveFrom} on (the days before keep theirs). */
    @StoredAs("contract.ContractServiceChanged")
    @Revision("1")
    public record ContractServiceChanged(String contractId, String serviceId, LocalDate effectiveFrom,
                                         Money unitPrice, Money unitCost, BigDecimal units, ServicePeriod period) {
    }

    /** The service is provided and billed up to and including {@code lastDay}. */
    public record EndContractService(@TargetAggregateIdentifier String contractId, String serviceId,
                                     LocalDate lastDay) {
    }

    @StoredAs("contract.ContractServiceEnded")
    @Revision("1")
    public record ContractServiceEnded(String contractId, String serviceId, LocalDate lastDay) {
    }

    public record CreateResource(@TargetAggregateIdentifier String resourceId, String name, Money internalCostRate,
                                 Money billingRate) {
    }

    @StoredAs("contract.ResourceCreated")
    @Revision("1")
    public record ResourceCreated(String resourceId, String name, Money internalCostRate, Money billingRate) {
    }

    public record RenameResource(@TargetAggregateIdentifier String resourceId, String name) {
    }

    @StoredAs("contract.ResourceRenamed")
    @Revision("1")
    public record ResourceRenamed(String resourceId, String name) {
    }

    /** The resource logs no more time and takes no more tickets; what it logged stays. */
    public record DeactivateResource(@TargetAggregateIdentifier String resourceId) {
    }

    @StoredAs("contract.ResourceDeactivated")
    @Revision("1")
    public record ResourceDeactivated(String resourceId) {
    }

    public record ChangeResourceRates(@TargetAggregateIdentifier String resourceId, LocalDate effectiveFrom,
                                      Money internalCostRate, Money billingRate) {
    }

    @StoredAs("contract.ResourceRatesChanged")
    @Revision("1")
    public record ResourceRatesChanged(String resourceId, LocalDate effectiveFrom, Money internalCostRate,
                                       Money billingRate) {
    }
}
