package io.psa.command.contract;

import io.psa.api.contract.ContractTerms;
import io.psa.api.contract.ContractType;
import io.psa.api.contract.FixedFee;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.rule.Policy;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.Money;
import io.psa.platform.axon.AggregateSnapshots;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.psa.api.contract.ContractMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A contract of one company, in force between two dates, optionally under an SLA, with its service lines. Its
 * terms and its services' terms change from an effective date on, in date order: the days before keep what they
 * were billed under.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)
@Revision("2")
public class Contract {
    static final Policy<CreateContract> ENDS_AFTER_IT_STARTS = Policy.valueRule("contract-ends-after-it-starts",
            c -> !c.endDate().isBefore(c.startDate()),
            c -> "The contract ends on " + c.endDate() + ", before it starts on " + c.startDate() + ".");

    static final Policy<ContractTerms> NO_NEGATIVE_RATE = Policy.valueRule("amounts-not-negative",
            t -> (t.hourlyRate() == null || !t.hourlyRate().isNegative()) && (t.value() == null || !t.value().isNegative()),
            t -> "The hourly rate and the contract's value cannot be negative.");

    static final Policy<ServiceTerms> SERVICE_AMOUNTS = Policy.valueRule("service-amounts-valid",
            s -> !s.unitPrice().isNegative() && !s.unitCost().isNegative() && s.units().signum() > 0,
            s -> "A service needs units above 0 and a unit price and unit cost that are not negative.");

    /** A change and what it changes: the latest terms before it and the day they took effect. */
    record Change(LocalDate latest, LocalDate effectiveFrom, LocalDate start, LocalDate end) {
    }

    static final Policy<Change> CHANGES_IN_DATE_ORDER = Policy.stateRule("changes-in-date-order",
            c -> !c.effectiveFrom().isBefore(c.latest()),
            c -> "The latest change took effect on " + c.latest() + "; a change cannot take effect before it, on "
                 + c.effectiveFrom() + ".");

    /** A contract is extended at the latest the day after it ended. */
    static final Policy<Change> CHANGE_WITHIN_TERM = Policy.valueRule("change-within-term",
            c -> !c.effectiveFrom().isBefore(c.start()) && !c.effectiveFrom().isAfter(c.end().plusDays(1)),
            c -> "The contract runs from " + c.start() + " to " + c.end() + "; a change takes effect within that "
                 + "(or the day after, to extend it), not on " + c.effectiveFrom() + ".");

    static final Policy<ContractTerms> RUNS_ON_ITS_CHANGE = Policy.valueRule("contract-runs-on-the-change",
            t -> !t.endDate().isBefore(t.effectiveFrom()),
            t -> "The contract would end on " + t.endDate() + ", before the change takes effect on "
                 + t.effectiveFrom() + ".");

    /** New fixed-price terms and what the days before them earned. */
    record FeeChange(ContractTerms terms, BigDecimal earned) {
    }

    static final Policy<FeeChange> VALUE_COVERS_EARNED_FEE = Policy.valueRule("value-covers-earned-fee",
            c -> c.terms().value() == null || c.terms().value().amount().compareTo(c.earned()) >= 0,
            c -> "By " + c.terms().effectiveFrom() + " the contract has earned " + Money.of(c.earned()).shown()
                 + " of its value; its value cannot fall below that.");

    /** A service's price, cost, units and period from a day on. */
    record ServiceTerms(LocalDate effectiveFrom, Money unitPrice, Money unitCost, BigDecimal units,
                        ServicePeriod period) {
    }

    /** A service line: its latest terms and, once ended, its last day. */
    record Service(ServiceTerms terms, LocalDate lastDay) {
        Service ended(LocalDate day) {
            return new Service(terms, day);
        }
    }

    static final Policy<Service> SERVICE_RUNNING = Policy.stateRule("service-ended",
            s -> s.lastDay() == null || !s.terms().effectiveFrom().isAfter(s.lastDay()),
            s -> "The service ended on " + s.lastDay() + "; it cannot change on " + s.terms().effectiveFrom() + ".");

    /** A service's last day, the day its latest terms took effect and the contract's last day. */
    record Ending(LocalDate latest, LocalDate lastDay, LocalDate contractEnd) {
        /** The day before its latest terms (it then never ran under them), or the contract's end if earlier. */
        LocalDate earliest() {
            LocalDate dayBefore = latest.minusDays(1);
            return contractEnd.isBefore(dayBefore) ? contractEnd : dayBefore;
        }
    }

    static final Policy<Ending> SERVICE_ENDS_AFTER_ITS_CHANGE = Policy.stateRule("service-ends-after-its-latest-change",
            e -> !e.lastDay().isBefore(e.earliest()),
            e -> "The service's latest terms took effect on " + e.latest() + "; it can end on " + e.earliest()
                 + " at the earliest, not on " + e.lastDay() + ".");

    @AggregateIdentifier
    private String contractId;
    private String companyId;
    private String name;
    private ContractType type;
    private LocalDate startDate;
    private String slaId;
    /** Every change of terms in date order, the first those it was created with. */
    private final List<ContractTerms> terms = new ArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();

    protected Contract() {
    }

    @CommandHandler
    public Contract(CreateContract command, ReferenceData referenceData) {
        ENDS_AFTER_IT_STARTS.check(command);
        NO_NEGATIVE_RATE.check(new ContractTerms(command.startDate(), command.endDate(), command.hourlyRate(),
                command.value()));
        referenceData.requireActiveCompany(command.companyId());
        requireSla(command.slaId(), referenceData);
        apply(new ContractCreated(command.contractId(), command.companyId(), command.name(), command.type(),
                command.startDate(), command.endDate(), command.slaId(), command.hourlyRate(), command.value()));
    }

    @CommandHandler
    void handle(ChangeContractDetails command, ReferenceData referenceData) {
        if (command.name().equals(name) && Objects.equals(command.slaId(), slaId)) {
            return;
        }
        if (!Objects.equals(command.slaId(), slaId)) {
            requireSla(command.slaId(), referenceData);
        }
        apply(new ContractDetailsChanged(contractId, command.name(), command.slaId()));
    }

    @CommandHandler
    void handle(ChangeContractTerms command) {
        ContractTerms latest = latestTerms();
        ContractTerms next = new ContractTerms(command.effectiveFrom(),
                or(command.endDate(), latest.endDate()), or(command.hourlyRate(), latest.hourlyRate()),
                or(command.value(), latest.value()));
        Change change = new Change(latest.effectiveFrom(), next.effectiveFrom(), startDate, latest.endDate());
        CHANGE_WITHIN_TERM.check(change);
        CHANGES_IN_DATE_ORDER.check(change);
        RUNS_ON_ITS_CHANGE.check(next);
        NO_NEGATIVE_RATE.check(next);
        if (type == ContractType.FIXED_PRICE) {
            VALUE_COVERS_EARNED_FEE.check(new FeeChange(next,
                    FixedFee.of(startDate, terms).earnedBefore(next.effectiveFrom())));
        }
        if (!next.sameAs(latest)) {
            apply(new ContractTermsChanged(contractId, next.effectiveFrom(), next.endDate(), next.hourlyRate(),
                    next.value()));
        }
    }

    @CommandHandler
    void handle(AddContractService command) {
        SERVICE_AMOUNTS.check(new ServiceTerms(startDate, command.unitPrice(), command.unitCost(), command.units(),
                command.period()));
        apply(new ContractServiceAdded(contractId, command.serviceId(), command.name(), command.unitPrice(),
                command.unitCost(), command.units(), command.period()));
    }

    @CommandHandler
    void handle(ChangeContractService command) {
        Service service = service(command.serviceId());
        ServiceTerms latest = service.terms();
        ServiceTerms next = new ServiceTerms(command.effectiveFrom(), or(command.unitPrice(), latest.unitPrice()),
                or(command.unitCost(), latest.unitCost()), or(command.units(), latest.units()),
                or(command.period(), latest.period()));
        Change change = new Change(latest.effectiveFrom(), next.effectiveFrom(), startDate, endDate());
        CHANGE_WITHIN_TERM.check(change);
        CHANGES_IN_DATE_ORDER.check(change);
        SERVICE_RUNNING.check(new Service(next, service.lastDay()));
        SERVICE_AMOUNTS.check(next);
        if (!next.equals(new ServiceTerms(next.effectiveFrom(), latest.unitPrice(), latest.unitCost(),
                latest.units(), latest.period()))) {
            apply(new ContractServiceChanged(contractId, command.serviceId(), next.effectiveFrom(), next.unitPrice(),
                    next.unitCost(), next.units(), next.period()));
        }
    }

    @CommandHandler
    void handle(EndContractService command) {
        Service service = service(command.serviceId());
        SERVICE_ENDS_AFTER_ITS_CHANGE.check(new Ending(service.terms().effectiveFrom(), command.lastDay(), endDate()));
        if (!command.lastDay().equals(service.lastDay())) {
            apply(new ContractServiceEnded(contractId, command.serviceId(), command.lastDay()));
        }
    }

    ReferenceData.ContractFacts facts() {
        Map<String, LocalDate> lastDays = new java.util.HashMap<>();
        services.forEach((id, service) -> {
            if (service.lastDay() != null) {
                lastDays.put(id, service.lastDay());
            }
        });
        return new ReferenceData.ContractFacts(contractId, companyId, name, startDate, endDate(), slaId,
                Set.copyOf(services.keySet()), Map.copyOf(lastDays));
    }

    private ContractTerms latestTerms() {
        return terms.get(terms.size() - 1);
    }

    private LocalDate endDate() {
        return latestTerms().endDate();
    }

    private Service service(String serviceId) {
        Service service = services.get(serviceId);
        if (service == null) {
            throw new UnknownItem("service of contract " + contractId, serviceId);
        }
        return service;
    }

    private static void requireSla(String slaId, ReferenceData referenceData) {
        if (slaId != null) {
            referenceData.requireActiveSla(slaId);
        }
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }

    @EventSourcingHandler
    void on(ContractCreated event) {
        contractId = event.contractId();
        companyId = event.companyId();
        name = event.name();
        type = event.type();
        startDate = event.startDate();
        slaId = event.slaId();
        terms.add(event.terms());
    }

    @EventSourcingHandler
    void on(ContractDetailsChanged event) {
        name = event.name();
        slaId = event.slaId();
    }

    @EventSourcingHandler
    void on(ContractTermsChanged event) {
        terms.add(event.terms());
    }

    @EventSourcingHandler
    void on(ContractServiceAdded event) {
        services.put(event.serviceId(), new Service(new ServiceTerms(startDate, event.unitPrice(), event.unitCost(),
                event.units(), event.period()), null));
    }

    @EventSourcingHandler
    void on(ContractServiceChanged event) {
        services.put(event.serviceId(), new Service(new ServiceTerms(event.effectiveFrom(), event.unitPrice(),
                event.unitCost(), event.units(), event.period()), services.get(event.serviceId()).lastDay()));
    }

    @EventSourcingHandler
    void on(ContractServiceEnded event) {
        services.computeIfPresent(event.serviceId(), (id, service) -> service.ended(event.lastDay()));
    }
}
