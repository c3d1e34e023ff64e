package io.psa.command.contract;

import io.psa.api.contract.SlaTerms;
import io.psa.api.rule.UnknownItem;
import io.psa.command.AggregateReads;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What command handlers may ask about companies, contracts and SLAs: read from the aggregates themselves inside the
 * command's unit of work, so the answer is never stale.
 */
@Component
public class ReferenceData {
    public record CompanyFacts(String companyId, String name, String defaultContractId) {
    }

    public record ContractFacts(String contractId, String companyId, String name, LocalDate startDate,
                                LocalDate endDate, String slaId, Set<String> serviceIds) {
        public boolean inForceOn(LocalDate day) {
            return !day.isBefore(startDate) && !day.isAfter(endDate);
        }
    }

    private final Repository<Company> companies;
    private final Repository<Contract> contracts;
    private final Repository<Sla> slas;

    public ReferenceData(@Lazy Repository<Company> companies, @Lazy Repository<Contract> contracts,
                         @Lazy Repository<Sla> slas) {
        this.companies = companies;
        this.contracts = contracts;
        this.slas = slas;
    }

    public Optional<CompanyFacts> company(String companyId) {
        return AggregateReads.find(() -> companies.load(companyId).invoke(Company::facts));
    }

    public Optional<ContractFacts> contract(String contractId) {
        return AggregateReads.find(() -> contracts.load(contractId).invoke(Contract::facts));
    }

    public Optional<SlaTerms> sla(String slaId) {
        return AggregateReads.find(() -> slas.load(slaId).invoke(Sla::terms));
    }

    public CompanyFacts requireCompany(String companyId) {
        return company(companyId).orElseThrow(() -> new UnknownItem("company", companyId));
    }

    public ContractFacts requireContract(String contractId) {
        return contract(contractId).orElseThrow(() -> new UnknownItem("contract", contractId));
    }
}
