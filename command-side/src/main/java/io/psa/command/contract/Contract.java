package io.psa.command.contract;

import io.psa.api.rule.Policy;
import io.psa.api.rule.UnknownItem;
import io.psa.platform.axon.AggregateSnapshots;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.psa.api.contract.ContractMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A contract of one company, in force between two dates, optionally under an SLA, with its service lines. */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)
@Revision("1")
public class Contract {
    static final Policy<CreateContract> ENDS_AFTER_IT_STARTS = Policy.valueRule("contract-ends-after-it-starts",
            c -> !c.endDate().isBefore(c.startDate()),
            c -> "The contract ends on " + c.endDate() + ", before it starts on " + c.startDate() + ".");

    static final Policy<CreateContract> NO_NEGATIVE_RATE = Policy.valueRule("amounts-not-negative",
            c -> (c.hourlyRate() == null || !c.hourlyRate().isNegative()) && (c.value() == null || !c.value().isNegative()),
            c -> "The hourly rate and the contract's value cannot be negative.");

    static final Policy<AddContractService> SERVICE_AMOUNTS = Policy.valueRule("service-amounts-valid",
            s -> !s.unitPrice().isNegative() && !s.unitCost().isNegative() && s.units().signum() > 0,
            s -> "A service needs units above 0 and a unit price and unit cost that are not negative.");

    @AggregateIdentifier
    private String contractId;
    private String companyId;
    private String name;
    private LocalDate startDate;
    private LocalDate endDate;
    private String slaId;
    private final Set<String> serviceIds = new LinkedHashSet<>();

    protected Contract() {
    }

    @CommandHandler
    public Contract(CreateContract command, ReferenceData referenceData) {
        ENDS_AFTER_IT_STARTS.check(command);
        NO_NEGATIVE_RATE.check(command);
        referenceData.requireCompany(command.companyId());
        if (command.slaId() != null && referenceData.sla(command.slaId()).isEmpty()) {
            throw new UnknownItem("SLA", command.slaId());
        }
        apply(new ContractCreated(command.contractId(), command.companyId(), command.name(), command.type(),
                command.startDate(), command.endDate(), command.slaId(), command.hourlyRate(), command.value()));
    }

    @CommandHandler
    void handle(AddContractService command) {
        SERVICE_AMOUNTS.check(command);
        apply(new ContractServiceAdded(contractId, command.serviceId(), command.name(), command.unitPrice(),
                command.unitCost(), command.units(), command.period()));
    }

    ReferenceData.ContractFacts facts() {
        return new ReferenceData.ContractFacts(contractId, companyId, name, startDate, endDate, slaId,
                Set.copyOf(serviceIds));
    }

    @EventSourcingHandler
    void on(ContractCreated event) {
        contractId = event.contractId();
        companyId = event.companyId();
        name = event.name();
        startDate = event.startDate();
        endDate = event.endDate();
        slaId = event.slaId();
    }

    @EventSourcingHandler
    void on(ContractServiceAdded event) {
        serviceIds.add(event.serviceId());
    }
}
