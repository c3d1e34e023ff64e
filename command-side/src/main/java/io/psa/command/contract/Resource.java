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

/**
 * A technician with an internal cost rate and a billing rate per hour; rate changes take effect from a date. A
 * deactivated resource (someone who left) logs no more time and takes no more tickets; its history stays.
 */
@Aggregate
public class Resource {
    record Rates(Money internalCostRate, Money billingRate) {
    }

    static final Policy<Rates> RATES_NOT_NEGATIVE = Policy.valueRule("amounts-not-negative",
            r -> !r.internalCostRate().isNegative() && !r.billingRate().isNegative(),
            r -> "Cost and billing rates cannot be negative.");

    @AggregateIdentifier
    private String resourceId;
    private String name;
    private boolean active;

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

    @CommandHandler
    void handle(RenameResource command) {
        if (!command.name().equals(name)) {
            apply(new ResourceRenamed(resourceId, command.name()));
        }
    }

    /** Deactivating a deactivated resource records nothing. */
    @CommandHandler
    void handle(DeactivateResource command) {
        if (active) {
            apply(new ResourceDeactivated(resourceId));
        }
    }

    boolean active() {
        return active;
    }

    @EventSourcingHandler
    void on(ResourceCreated event) {
        resourceId = event.resourceId();
        name = event.name();
        active = true;
    }

    @EventSourcingHandler
    void on(ResourceRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ResourceDeactivated event) {
        active = false;
    }
}
