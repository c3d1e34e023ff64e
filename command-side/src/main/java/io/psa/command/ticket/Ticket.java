package io.psa.command.ticket;

import io.psa.api.contract.SlaClock;
import io.psa.api.message.MessageMetadata;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.Visibility;
import io.psa.command.contract.ReferenceData;
import io.psa.platform.Now;
import io.psa.platform.axon.AggregateSnapshots;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.api.ticket.TicketEvents.*;
import static io.psa.command.ticket.TicketPolicies.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A service ticket: what it is about, its status and contract, and three parts it delegates to: its work items
 * ({@link WorkItems}: notes, time, charges, attachments), its SLA clocks ({@link SlaClocks}) and its outsourcing
 * ({@link TicketOutsourcing}). The root checks the rules of the ticket as a whole and says which parts a command
 * concerns; each part checks its own rules and applies its events. Event sourcing handlers only change state.
 */
@Aggregate(cache = TicketConfiguration.TICKET_CACHE, snapshotTriggerDefinition = AggregateSnapshots.TRIGGER)
@Revision("2")   // 2: the SLA clocks keep their SLA and target, the ticket its assignment; snapshots of 1 are passed over
public class Ticket {
    static final String SLA_DEADLINE = "sla-target";
    static final String ACCEPT_BY_DEADLINE = "outsourcing-accept-by";

    @AggregateIdentifier
    private String ticketId;
    private TicketStatus status;
    private String title;
    private String description;
    private Priority priority;
    private String companyId;
    private String deviceId;
    private String assignedResourceId;
    private String queue;
    private Instant openedAt;
    @AggregateMember
    private final WorkItems work = new WorkItems();
    @AggregateMember
    private final SlaClocks sla = new SlaClocks();
    @AggregateMember
    private final TicketOutsourcing outsourcing = new TicketOutsourcing();

    protected Ticket() {
        // for event sourcing
    }

    @CommandHandler
    public Ticket(OpenTicket command) {
        Priority priority = command.priority() != null ? command.priority() : Priority.DEFAULT;
        PRIORITY_1_TO_4.check(priority);
        ContentLimits.check(command.title(), command.description());
        apply(new TicketOpened(command.ticketId(), command.companyId(), command.title(), command.description(),
                priority, command.deviceId(), command.contractId(), command.contractServiceId()));
    }

    @CommandHandler
    void handle(ChangeTicketStatus command, DeadlineManager deadlines) {
        StatusChange change = new StatusChange(status, command.status());
        STATUS_MUST_CHANGE.check(change);
        REOPEN_TO_NEW_OR_IN_PROGRESS.check(change);
        TicketStatus from = status;
        apply(new TicketStatusChanged(ticketId, from, command.status()));
        sla.statusChanged(ticketId, from, command.status(), now(), deadlines);
        if (command.status() == TicketStatus.COMPLETE) {
            outsourcing.ticketCompleted(outsourcingContext());
        }
    }

    @CommandHandler
    void handle(ChangeTicketDetails command) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        changeDetails(command.title(), command.description());
    }

    /** The running SLA targets follow the new priority (see {@link SlaClocks#priorityChanged}). */
    @CommandHandler
    void handle(ChangeTicketPriority command, ReferenceData referenceData, DeadlineManager deadlines) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        PRIORITY_1_TO_4.check(command.priority());
        PRIORITY_MUST_CHANGE.check(new PriorityChange(priority, command.priority()));
        changePriority(command.priority(), referenceData, deadlines);
    }

    private void changeDetails(String newTitle, String newDescription) {
        ContentLimits.check(newTitle, newDescription);
        if (!Objects.equals(title, newTitle) || !Objects.equals(description, newDescription)) {
            apply(new TicketDetailsChanged(ticketId, newTitle, newDescription));
        }
    }

    private void changePriority(Priority to, ReferenceData referenceData, DeadlineManager deadlines) {
        sla.priorityChanged(ticketId, priority, to, openedAt, sla.slaId().flatMap(referenceData::sla), now(),
                deadlines);
    }

    @CommandHandler
    void handle(AssignTicket command, ReferenceData referenceData) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        ContentLimits.checkQueue(command.queue());
        if (command.resourceId() != null) {
            checkResource(new ResourceChoice(command.resourceId(), referenceData.resource(command.resourceId())));
        }
        if (!Objects.equals(assignedResourceId, command.resourceId()) || !Objects.equals(queue, command.queue())) {
            apply(new TicketAssigned(ticketId, command.resourceId(), command.queue()));
        }
    }

    @CommandHandler
    void handle(ApplySla command, DeadlineManager deadlines) {
        sla.start(ticketId, command.sla(), command.sla().priorityFor(command.severity(), command.priority()), openedAt,
                deadlines);
    }

    /** Fires at a target's due time; a target met, paused or moved later in the meantime is left alone. */
    @DeadlineHandler(deadlineName = SLA_DEADLINE)
    void onDueTime(SlaClock clock) {
        sla.dueTimeReached(ticketId, clock, now());
    }

    @CommandHandler
    void handle(ProvideResolutionPlan command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        apply(new ResolutionPlanProvided(ticketId, command.plan(), actor));
        sla.meet(ticketId, SlaClock.RESOLUTION_PLAN, now());
    }

    @CommandHandler
    void handle(AttachAlert command) {
        apply(new AlertAttached(ticketId, deviceId, command.alert()));
    }

    /**
     * A person's choice of contract, of the ticket's company and, if a service is named, one of that contract's;
     * the new contract's SLA, if it has one, is applied from the ticket's opening.
     */
    @CommandHandler
    void handle(ChangeTicketContract command, ReferenceData referenceData, DeadlineManager deadlines) {
        if (command.contractId() == null) {
            apply(new TicketContractChanged(ticketId, null, null));
            return;
        }
        ReferenceData.ContractFacts contract = referenceData.requireContract(command.contractId());
        checkContractChoice(companyId, contract, command.contractServiceId(), Now.dateUtc());
        apply(new TicketContractChanged(ticketId, command.contractId(), command.contractServiceId()));
        if (contract.slaId() != null) {
            referenceData.sla(contract.slaId()).ifPresent(terms -> sla.start(ticketId, terms,
                    terms.priorityFor(null), openedAt, deadlines));
        }
    }

    @CommandHandler
    void handle(AddNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.addNote(editing(), command, actor);
        if (command.content().visibility() == Visibility.EXTERNAL) {
            sla.meet(ticketId, SlaClock.FIRST_RESPONSE, now());
        }
    }

    @CommandHandler
    void handle(EditNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.editNote(editing(), command, actor);
    }

    @CommandHandler
    void handle(DeleteNote command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.deleteNote(editing(), command, actor);
    }

    @CommandHandler
    void handle(LogTime command, @MetaDataValue(MessageMetadata.ACTOR) String actor, ReferenceData referenceData) {
        work.logTime(editing(), command, actor, referenceData::resource);
    }

    @CommandHandler
    void handle(EditTimeEntry command, @MetaDataValue(MessageMetadata.ACTOR) String actor,
                ReferenceData referenceData) {
        work.editTimeEntry(editing(), command, actor, referenceData::resource);
    }

    @CommandHandler
    void handle(DeleteTimeEntry command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.deleteTimeEntry(editing(), command, actor);
    }

    @CommandHandler
    void handle(AddCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.addCharge(editing(), command, actor);
    }

    @CommandHandler
    void handle(EditCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.editCharge(editing(), command, actor);
    }

    @CommandHandler
    void handle(DeleteCharge command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.deleteCharge(editing(), command, actor);
    }

    @CommandHandler
    void handle(AddAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.addAttachment(editing(), command, actor);
    }

    @CommandHandler
    void handle(EditAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.editAttachment(editing(), command, actor);
    }

    @CommandHandler
    void handle(DeleteAttachment command, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        work.deleteAttachment(editing(), command, actor);
    }

    @CommandHandler
    void handle(OutsourceTicket command) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        outsourcing.outsource(outsourcingContext(), command);
    }

    @CommandHandler
    void handle(ForwardTicket command) {
        COMPLETE_TICKET_IS_CLOSED.check(status);
        outsourcing.forward(outsourcingContext(), command);
    }

    @CommandHandler
    void handle(ChargeSubcontractorFee command) {
        outsourcing.chargeFee(ticketId, command);
    }

    @CommandHandler
    void handle(RecordForwardDelivery command) {
        outsourcing.recordDelivery(ticketId, command);
    }

    @CommandHandler
    void handle(InsourceTicket command) {
        outsourcing.insource(ticketId, command);
    }

    @CommandHandler
    void handle(MoveOutsourcing command, DeadlineManager deadlines) {
        outsourcing.move(outsourcingContext(), command, deadlines);
    }

    @DeadlineHandler(deadlineName = ACCEPT_BY_DEADLINE)
    void onAcceptByPassed(Instant acceptBy) {
        outsourcing.acceptByPassed(outsourcingContext(), acceptBy);
    }

    @CommandHandler
    void handle(ApplyPartnerFact command, ReferenceData referenceData, DeadlineManager deadlines) {
        if (command.fact().type() != SyncFact.Type.DETAILS_CHANGED) {
            outsourcing.applyPartnerFact(outsourcingContext(), command);
            return;
        }
        // the lead's title and description, or its priority, on the partner's copy, whatever the copy's status
        outsourcing.checkLeadsDetails(command);
        SyncFact.Handover details = command.fact().handover();
        if (details.title() != null) {
            changeDetails(details.title(), details.description());
        }
        if (details.priority() != null && !details.priority().equals(priority)) {
            PRIORITY_1_TO_4.check(details.priority());
            changePriority(details.priority(), referenceData, deadlines);
        }
    }

    private WorkItems.Editing editing() {
        return new WorkItems.Editing(ticketId, status, outsourcing.partnerItemsReleased());
    }

    private TicketOutsourcing.Context outsourcingContext() {
        return new TicketOutsourcing.Context(ticketId, title, description, priority, status, work);
    }

    /** The clock (fixture tests set it), at the event store's millisecond precision. */
    static Instant now() {
        return Now.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @EventSourcingHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        ticketId = event.ticketId();
        companyId = event.companyId();
        title = event.title();
        description = event.description();
        priority = event.priority();
        deviceId = event.deviceId();
        status = TicketStatus.NEW;
        openedAt = at.truncatedTo(ChronoUnit.MILLIS);   // as stored: a cached and a reloaded ticket must agree
    }

    @EventSourcingHandler
    void on(SlaApplied event) {
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(TicketDetailsChanged event) {
        title = event.title();
        description = event.description();
    }

    @EventSourcingHandler
    void on(TicketPriorityChanged event) {
        priority = event.to();
    }

    @EventSourcingHandler
    void on(TicketAssigned event) {
        assignedResourceId = event.resourceId();
        queue = event.queue();
    }

    @EventSourcingHandler
    void on(TicketStatusChanged event) {
        status = event.to();
    }
}
