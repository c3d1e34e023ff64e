package io.psa.command.contract;

import io.psa.api.contract.SlaTerms;
import io.psa.api.rule.UnknownItem;
import io.psa.command.AggregateReads;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What command handlers may ask about companies, contracts and SLAs, never stale: from the exact lookups the
 * command side keeps ({@link ReferenceLookups}), or, for what was created before them, from the aggregates
 * themselves inside the command's unit of work. The lookups are written when the unit of work that changed them
 * commits: a command that changes a company, contract or SLA and one that reads it must not share a transaction
 * (none does: batches carry ticket commands only).
 */
@Component
public class ReferenceData {
    public record CompanyFacts(String companyId, String name, String defaultContractId, boolean active) {
    }

    public record SlaFacts(SlaTerms terms, boolean active) {
    }

    /** {@code serviceLastDays}: the last day of each service that has one (ended). */
    public record ContractFacts(String contractId, String companyId, String name, LocalDate startDate,
                                LocalDate endDate, String slaId, Set<String> serviceIds,
                                Map<String, LocalDate> serviceLastDays) {
        public ContractFacts(String contractId, String companyId, String name, LocalDate startDate, LocalDate endDate,
                             String slaId, Set<String> serviceIds) {
            this(contractId, companyId, name, startDate, endDate, slaId, serviceIds, Map.of());
        }

        public boolean inForceOn(LocalDate day) {
            return !day.isBefore(startDate) && !day.isAfter(endDate);
        }

        /** Whether the service has not ended by {@code day}. */
        public boolean serviceRunsOn(String serviceId, LocalDate day) {
            LocalDate lastDay = serviceLastDays.get(serviceId);
            return lastDay == null || !day.isAfter(lastDay);
        }
    }

    private final Repository<Company> companies;
    private final Repository<Contract> contracts;
    private final Repository<Sla> slas;
    private final Repository<Resource> resources;
    private final ReferenceLookups lookups;

    public ReferenceData(@Lazy Repository<Company> companies, @Lazy Repository<Contract> contracts,
                         @Lazy Repository<Sla> slas, @Lazy Repository<Resource> resources, ReferenceLookups lookups) {
        this.companies = companies;
        this.contracts = contracts;
        this.slas = slas;
        this.resources = resources;
        this.lookups = lookups;
    }

    public Optional<CompanyFacts> company(String companyId) {
        return lookups.company(companyId)
                      .or(() -> AggregateReads.find(() -> companies.load(companyId).invoke(Company::facts)));
    }

    public Optional<ContractFacts> contract(String contractId) {
        return lookups.contract(contractId)
                      .or(() -> AggregateReads.find(() -> contracts.load(contractId).invoke(Contract::facts)));
    }

    /** The SLA's terms as they are now, whether it is active or not (a contract keeps a deactivated SLA). */
    public Optional<SlaTerms> sla(String slaId) {
        return slaFacts(slaId).map(SlaFacts::terms);
    }

    public Optional<SlaFacts> slaFacts(String slaId) {
        return lookups.sla(slaId).or(() -> AggregateReads.find(() -> slas.load(slaId).invoke(Sla::facts)));
    }

    /** An SLA that may be put on a contract: known ({@code 404}) and active ({@code 409 active-sla}). */
    public SlaTerms requireActiveSla(String slaId) {
        SlaFacts sla = slaFacts(slaId).orElseThrow(() -> new UnknownItem("SLA", slaId));
        Sla.ACTIVE_SLA.check(sla.active());
        return sla.terms();
    }

    /** Whether a resource (a technician) with this id was registered, and whether it is still active. */
    public enum ResourceStanding { UNKNOWN, ACTIVE, DEACTIVATED }

    /**
     * The resource's standing. An active one is remembered, so that time entries do not load (and lock) their
     * resource's aggregate each time; its deactivation forgets it ({@link ReferenceLookups}, in the deactivating
     * command's unit of work).
     */
    public ResourceStanding resource(String resourceId) {
        if (lookups.isActiveResource(resourceId)) {
            return ResourceStanding.ACTIVE;
        }
        ResourceStanding standing = AggregateReads.find(() -> resources.load(resourceId).invoke(Resource::active))
                .map(active -> active ? ResourceStanding.ACTIVE : ResourceStanding.DEACTIVATED)
                .orElse(ResourceStanding.UNKNOWN);
        if (standing == ResourceStanding.ACTIVE) {
            lookups.rememberActiveResource(resourceId);
        }
        return standing;
    }

    public CompanyFacts requireCompany(String companyId) {
        return company(companyId).orElseThrow(() -> new UnknownItem("company", companyId));
    }

    /** A company that may get new tickets, contracts and devices: known and active ({@code 409 active-company}). */
    public CompanyFacts requireActiveCompany(String companyId) {
        CompanyFacts company = requireCompany(companyId);
        Company.ACTIVE_COMPANY.check(company);
        return company;
    }

    public ContractFacts requireContract(String contractId) {
        return contract(contractId).orElseThrow(() -> new UnknownItem("contract", contractId));
    }
}
