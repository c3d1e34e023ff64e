package io.psa.command.contract;

import io.psa.api.rule.Policy;
import io.psa.api.ticket.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;

import static io.psa.api.contract.ContractMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A technician with an internal cost rate and a billing rate per hour; rate changes take effect from a date. */
@Aggregate
public class Resource {
    record Rates(Money internalCostRate, Money billingRate) {
    }

    static final Policy<Rates> RATES_NOT_NEGATIVE = Policy.valueRule("amounts-not-negative",
            r -> !r.internalCostRate().isNegative() && !r.billingRate().isNegative(),
            r -> "Cost and billing rates cannot be negative.");

    @AggregateIdentifier
    private String resourceId;

    protected Resource() {
    }

    @CommandHandler
    public Resource(CreateResource command) {
        RATES_NOT_NEGATIVE.check(new Rates(command.internalCostRate(), command.billingRate()));
        apply(new ResourceCreated(command.resourceId(), command.name(), command.internalCostRate(),
                command.billingRate()));
    }

    @CommandHandler
    void handle(ChangeResourceRates command) {
        RATES_NOT_NEGATIVE.check(new Rates(command.internalCostRate(), command.billingRate()));
        LocalDate effectiveFrom = command.effectiveFrom();
        apply(new ResourceRatesChanged(resourceId, effectiveFrom, command.internalCostRate(), command.billingRate()));
    }

    @EventSourcingHandler
    void on(ResourceCreated event) {
        resourceId = event.resourceId();
    }
}
