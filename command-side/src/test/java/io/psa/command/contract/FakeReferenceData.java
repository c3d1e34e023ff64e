package io.psa.command.contract;

import io.psa.api.contract.SlaTerms;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reference data held in maps, for fixture tests of the rules that consult it. */
public class FakeReferenceData extends ReferenceData {
    private final Map<String, CompanyFacts> companies = new HashMap<>();
    private final Map<String, ContractFacts> contracts = new HashMap<>();
    private final Map<String, SlaFacts> slas = new HashMap<>();
    private final Map<String, ResourceStanding> resources = new HashMap<>();

    public FakeReferenceData() {
        super(null, null, null, null, null);
    }

    public FakeReferenceData withResource(String resourceId) {
        resources.put(resourceId, ResourceStanding.ACTIVE);
        return this;
    }

    public FakeReferenceData withDeactivatedResource(String resourceId) {
        resources.put(resourceId, ResourceStanding.DEACTIVATED);
        return this;
    }

    public FakeReferenceData with(CompanyFacts company) {
        companies.put(company.companyId(), company);
        return this;
    }

    public FakeReferenceData with(ContractFacts contract) {
        contracts.put(contract.contractId(), contract);
        return this;
    }

    public FakeReferenceData with(SlaTerms sla) {
        slas.put(sla.slaId(), new SlaFacts(sla, true));
        return this;
    }

    public FakeReferenceData withDeactivated(SlaTerms sla) {
        slas.put(sla.slaId(), new SlaFacts(sla, false));
        return this;
    }

    @Override
    public Optional<CompanyFacts> company(String companyId) {
        return Optional.ofNullable(companies.get(companyId));
    }

    @Override
    public Optional<ContractFacts> contract(String contractId) {
        return Optional.ofNullable(contracts.get(contractId));
    }

    @Override
    public ResourceStanding resource(String resourceId) {
        return resources.getOrDefault(resourceId, ResourceStanding.UNKNOWN);
    }

    @Override
    public Optional<SlaFacts> slaFacts(String slaId) {
        return Optional.ofNullable(slas.get(slaId));
    }
}
