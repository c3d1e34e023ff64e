package io.psa.command.contract;

import io.psa.api.rule.Policy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static io.psa.api.contract.ContractMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer company, with the service desk contract its tickets get by default. A deactivated company (a customer
 * that left) gets no new tickets, contracts or devices; what it has stays, and its open tickets go on.
 */
@Aggregate
public class Company {
    record Ownership(String companyId, ReferenceData.ContractFacts contract) {
    }

    static final Policy<Ownership> DEFAULT_CONTRACT_OF_THE_COMPANY = Policy.stateRule("default-contract-of-the-company",
            o -> o.contract().companyId().equals(o.companyId()),
            o -> "Contract " + o.contract().name() + " belongs to another company and cannot be its default.");

    static final Policy<ReferenceData.CompanyFacts> ACTIVE_COMPANY = Policy.stateRule("active-company",
            ReferenceData.CompanyFacts::active,
            c -> "Company " + c.name() + " is deactivated: it gets no new tickets, contracts or devices.");

    @AggregateIdentifier
    private String companyId;
    private String name;
    private String defaultContractId;
    private boolean active;

    protected Company() {
    }

    @CommandHandler
    public Company(CreateCompany command) {
        apply(new CompanyCreated(command.companyId(), command.name()));
    }

    @CommandHandler
    void handle(RenameCompany command) {
        if (!command.name().equals(name)) {
            apply(new CompanyRenamed(companyId, command.name()));
        }
    }

    @CommandHandler
    void handle(SetDefaultContract command, ReferenceData referenceData) {
        DEFAULT_CONTRACT_OF_THE_COMPANY.check(new Ownership(companyId,
                referenceData.requireContract(command.contractId())));
        apply(new DefaultContractSet(companyId, command.contractId()));
    }

    /** Deactivating a deactivated company records nothing. */
    @CommandHandler
    void handle(DeactivateCompany command) {
        if (active) {
            apply(new CompanyDeactivated(companyId));
        }
    }

    ReferenceData.CompanyFacts facts() {
        return new ReferenceData.CompanyFacts(companyId, name, defaultContractId, active);
    }

    @EventSourcingHandler
    void on(CompanyCreated event) {
        companyId = event.companyId();
        name = event.name();
        active = true;
    }

    @EventSourcingHandler
    void on(CompanyDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(CompanyRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(DefaultContractSet event) {
        defaultContractId = event.contractId();
    }
}
