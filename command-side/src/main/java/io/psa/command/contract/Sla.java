package io.psa.command.contract;

import io.psa.api.contract.SlaTarget;
import io.psa.api.contract.SlaTerms;
import io.psa.api.rule.Policy;
import io.psa.api.ticket.Priority;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.stream.IntStream;

import static io.psa.api.contract.ContractMessages.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A service level agreement. A change of its terms applies to tickets opened from then on; a deactivated SLA is
 * put on no contract and changes no more (contracts that have it keep it).
 */
@Aggregate
public class Sla {
    static final Policy<SlaTerms> VALID_HOURS = Policy.valueRule("sla-hours-valid", terms -> terms.hours().isValid(),
            terms -> "The SLA's hours need a known time zone, at least one weekday and a start before the end.");

    static final Policy<SlaTerms> TARGETS_FOR_EVERY_PRIORITY = Policy.valueRule("sla-targets-for-priorities-1-to-4",
            terms -> terms.targets() != null && IntStream.rangeClosed(Priority.HIGHEST, Priority.LOWEST).allMatch(
                    p -> terms.targets().get(p) != null && terms.targets().get(p).isValid()),
            terms -> "An SLA needs targets for priorities 1 to 4, each with 0 < firstResponse <= resolutionPlan "
                     + "<= resolved <= " + SlaTarget.MAX_MINUTES + " minutes (a year).");

    static final Policy<SlaTerms> PRIORITIES_1_TO_4 = Policy.valueRule("priority-1-to-4",
            terms -> terms.defaultPriority().isValid() && (terms.severityPriorities() == null
                    || terms.severityPriorities().values().stream().allMatch(Priority::isValid)),
            terms -> "The default priority and the priorities of severities must be 1 to 4.");

    static final Policy<Boolean> ACTIVE_SLA = Policy.stateRule("active-sla", active -> active,
            active -> "The SLA is deactivated: it changes no more and is put on no contract; define a new one.");

    @AggregateIdentifier
    private String slaId;
    private SlaTerms terms;
    private boolean active;

    protected Sla() {
    }

    @CommandHandler
    public Sla(DefineSla command) {
        checkTerms(command.terms());
        apply(new SlaDefined(command.slaId(), command.terms()));
    }

    @CommandHandler
    void handle(ChangeSlaTerms command) {
        ACTIVE_SLA.check(active);
        checkTerms(command.terms());
        if (!command.terms().equals(terms)) {
            apply(new SlaTermsChanged(slaId, command.terms()));
        }
    }

    /** Deactivating a deactivated SLA records nothing. */
    @CommandHandler
    void handle(DeactivateSla command) {
        if (active) {
            apply(new SlaDeactivated(slaId));
        }
    }

    private static void checkTerms(SlaTerms terms) {
        VALID_HOURS.check(terms);
        TARGETS_FOR_EVERY_PRIORITY.check(terms);
        PRIORITIES_1_TO_4.check(terms);
    }

    ReferenceData.SlaFacts facts() {
        return new ReferenceData.SlaFacts(terms, active);
    }

    @EventSourcingHandler
    void on(SlaDefined event) {
        slaId = event.slaId();
        terms = event.terms();
        active = true;
    }

    @EventSourcingHandler
    void on(SlaTermsChanged event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(SlaDeactivated event) {
        active = false;
    }
}
