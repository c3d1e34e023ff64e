package io.psa.query.ticket;

import io.psa.api.outsourcing.ForwardChannel;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTerms;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.Priority;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TicketStatus;
import io.psa.api.ticket.TimeEntryContent;

import io.psa.api.contract.SlaClock;
import io.psa.api.contract.SlaHours;
import io.psa.api.ticket.AlertDetails;

import io.psa.platform.Now;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.psa.api.ticket.TicketEvents.*;

/**
 * A ticket as people read it, built by folding its events. The projection keeps one per ticket; the auditor's
 * {@code asOf} view folds the same events up to a moment, so both always agree.
 */
public class TicketDocument {
    /** An item with who made it and when it was made and last changed. */
    public record Entry<C>(String id, String author, Instant createdAt, Instant updatedAt, C content) {
        Entry<C> changed(C newContent, Instant at) {
            return new Entry<>(id, author, createdAt, at, newContent);
        }
    }

    public record Attachment(AttachmentContent details, StoredFile file) {
    }

    /** One SLA target: when it falls due, whether it is RUNNING, MET or MISSED, and when that was settled. */
    public static class Target {
        public Instant due;
        public String state = "RUNNING";
        public Instant settledAt;
    }

    /** A stretch in WAITING_CUSTOMER, when the clocks stood still. */
    public record Pause(Instant from, Instant to) {
    }

    /** The SLA on the ticket and its clocks. */
    public static class SlaStatus {
        public String slaId;
        public String name;
        public SlaHours hours;
        public Instant startedAt;
        public Instant pausedSince;
        public List<Pause> pauses = new ArrayList<>();
        public Map<SlaClock, Target> targets = new EnumMap<>(SlaClock.class);

        /** SLA time (business hours or 24x7) each target has used so far, pauses not counted. */
        public Map<SlaClock, Long> getMinutesSpent() {
            Map<SlaClock, Long> spent = new EnumMap<>(SlaClock.class);
            Instant now = Now.instant();
            targets.forEach((clock, target) -> {
                Instant end = target.settledAt != null ? target.settledAt : now;
                Duration used = hours.between(startedAt, end);
                for (Pause pause : pauses) {
                    used = used.minus(hours.between(pause.from(), pause.to().isBefore(end) ? pause.to() : end));
                }
                if (pausedSince != null && pausedSince.isBefore(end)) {
                    used = used.minus(hours.between(pausedSince, end));
                }
                spent.put(clock, used.toMinutes());
            });
            return spent;
        }
    }

    /** One try to deliver a forward on one channel: PENDING until the first try ends. */
    public static class Delivery {
        public String result = "PENDING";
        public int attempts;
        public String reason;
        public Instant at;
    }

    /** A forward to a service network or vendor: what was sent, when, and how each channel's delivery stands. */
    public static class Forward {
        public String forwardId;
        public String agreementId;
        public String network;
        public Instant forwardedAt;
        public String forwardedBy;
        public List<String> noteIds = new ArrayList<>();
        public List<String> attachmentIds = new ArrayList<>();
        public Map<ForwardChannel, Delivery> deliveries = new EnumMap<>(ForwardChannel.class);
    }

    /** The ticket's outsourcing: to whom (as lead) or from whom (as partner), on which terms, and where it stands. */
    public static class Outsourcing {
        public String agreementId;
        public OutsourcingSide side;
        public String partyName;
        public String leadTicketId;
        public OutsourcingTerms terms;
        public Instant acceptBy;
        public OutsourcingStatus status;
        public String lastReason;
    }

    /** Sums over the current (not deleted) entries. */
    public record Totals(Hours hoursWorked, Hours hoursToBill, Money chargesCost, Money chargesPrice) {
    }

    public String ticketId;
    public String companyId;
    public String title;
    public String description;
    public TicketStatus status;
    public Priority priority;
    public String deviceId;
    public String contractId;
    public String contractServiceId;
    /** The technician responsible (a resource) and the queue the ticket waits in; null for none. */
    public String assignedResourceId;
    public String queue;
    public String openedBy;
    public Instant openedAt;
    public Instant updatedAt;
    public List<Entry<NoteContent>> notes = new ArrayList<>();
    public List<Entry<TimeEntryContent>> timeEntries = new ArrayList<>();
    public List<Entry<ChargeContent>> charges = new ArrayList<>();
    public List<Entry<Attachment>> attachments = new ArrayList<>();
    public SlaStatus sla;
    public String resolutionPlan;
    public List<AlertDetails> alerts = new ArrayList<>();
    /** LOCAL, or INSOURCED when this ticket is a partner's copy of a lead's ticket. */
    public String source = "LOCAL";
    public Outsourcing outsourcing;
    /** Every forward to a network or vendor, the latest last. */
    public List<Forward> forwards = new ArrayList<>();

    /** When the next running SLA target falls due; null without one, or while the clocks stand still. */
    public Instant nextDue() {
        if (sla == null || sla.pausedSince != null) {
            return null;
        }
        return sla.targets.values().stream().filter(target -> "RUNNING".equals(target.state))
                          .map(target -> target.due).min(Instant::compareTo).orElse(null);
    }

    /** Whether an SLA target was missed. */
    public boolean slaMissed() {
        return sla != null && sla.targets.values().stream().anyMatch(target -> "MISSED".equals(target.state));
    }

    public Totals getTotals() {
        Hours worked = Hours.ZERO;
        Hours toBill = Hours.ZERO;
        for (Entry<TimeEntryContent> entry : timeEntries) {
            worked = worked.plus(entry.content().hoursWorked());
            toBill = toBill.plus(entry.content().hoursToBill());
        }
        Money cost = Money.ZERO;
        Money price = Money.ZERO;
        for (Entry<ChargeContent> entry : charges) {
            cost = cost.plus(entry.content().unitCost().times(entry.content().quantity()));
            price = price.plus(entry.content().unitPrice().times(entry.content().quantity()));
        }
        return new Totals(worked, toBill, cost, price);
    }

    /** Applies one event that happened at {@code at}, caused by {@code actor}. */
    public TicketDocument apply(TicketEvent event, Instant at, String actor) {
        updatedAt = at;
        if (event instanceof TicketOpened e) {
            ticketId = e.ticketId();
            companyId = e.companyId();
            title = e.title();
            description = e.description();
            priority = e.priority();
            deviceId = e.deviceId();
            contractId = e.contractId();
            contractServiceId = e.contractServiceId();
            status = TicketStatus.NEW;
            openedBy = actor;
            openedAt = at;
        } else if (event instanceof TicketStatusChanged e) {
            status = e.to();
        } else if (event instanceof TicketDetailsChanged e) {
            title = e.title();
            description = e.description();
        } else if (event instanceof TicketAssigned e) {
            assignedResourceId = e.resourceId();
            queue = e.queue();
        } else if (event instanceof NoteAdded e) {
            notes.add(new Entry<>(e.noteId(), e.author(), at, at, e.content()));
        } else if (event instanceof NoteEdited e) {
            change(notes, e.noteId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof NoteDeleted e) {
            notes.removeIf(entry -> entry.id().equals(e.noteId()));
        } else if (event instanceof TimeLogged e) {
            timeEntries.add(new Entry<>(e.timeEntryId(), e.author(), at, at, e.content()));
        } else if (event instanceof TimeEntryEdited e) {
            change(timeEntries, e.timeEntryId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof TimeEntryDeleted e) {
            timeEntries.removeIf(entry -> entry.id().equals(e.timeEntryId()));
        } else if (event instanceof ChargeAdded e) {
            charges.add(new Entry<>(e.chargeId(), e.author(), at, at, e.content()));
        } else if (event instanceof ChargeEdited e) {
            change(charges, e.chargeId(), entry -> entry.changed(e.content(), at));
        } else if (event instanceof ChargeDeleted e) {
            charges.removeIf(entry -> entry.id().equals(e.chargeId()));
        } else if (event instanceof AttachmentAdded e) {
            attachments.add(new Entry<>(e.attachmentId(), e.author(), at, at, new Attachment(e.content(), e.file())));
        } else if (event instanceof AttachmentEdited e) {
            change(attachments, e.attachmentId(),
                    entry -> entry.changed(new Attachment(e.content(), entry.content().file()), at));
        } else if (event instanceof AttachmentDeleted e) {
            attachments.removeIf(entry -> entry.id().equals(e.attachmentId()));
        } else if (event instanceof AlertAttached e) {
            alerts.add(e.alert());
        } else if (event instanceof TicketContractChanged e) {
            contractId = e.contractId();
            contractServiceId = e.contractServiceId();
        } else if (event instanceof ResolutionPlanProvided e) {
            resolutionPlan = e.plan();
        } else if (event instanceof TicketOutsourced e) {
            outsourcing = outsourcing(e.agreementId(), OutsourcingSide.LEAD, e.partyName(), ticketId, e.terms(),
                    e.acceptBy(), OutsourcingStatus.UNSENT);
        } else if (event instanceof TicketInsourced e) {
            source = "INSOURCED";
            outsourcing = outsourcing(e.agreementId(), OutsourcingSide.PARTNER, e.leadName(), e.leadTicketId(),
                    e.terms(), e.acceptBy(), OutsourcingStatus.ASSIGNED);
        } else if (event instanceof OutsourcingStatusChanged e) {
            outsourcing.status = e.to();
            outsourcing.lastReason = e.reason();
        } else if (event instanceof TicketForwarded e) {
            outsourcing = outsourcing(e.agreementId(), OutsourcingSide.LEAD, e.networkName(), ticketId,
                    e.forwarded().terms(), null, OutsourcingStatus.FORWARDED);
            forwards.add(forward(e, at, actor));
        } else if (event instanceof ForwardDeliveryRecorded e) {
            forwards.stream().filter(forward -> forward.forwardId.equals(e.forwardId())).findFirst()
                    .ifPresent(forward -> {
                        Delivery delivery = forward.deliveries.computeIfAbsent(e.channel(), channel -> new Delivery());
                        delivery.result = e.result().name();
                        delivery.attempts = e.attempt();
                        delivery.reason = e.reason();
                        delivery.at = at;
                    });
        } else {
            applySla(event, at);
        }
        return this;
    }

    private static Forward forward(TicketForwarded event, Instant at, String actor) {
        Forward forward = new Forward();
        forward.forwardId = event.forwardId();
        forward.agreementId = event.agreementId();
        forward.network = event.networkName();
        forward.forwardedAt = at;
        forward.forwardedBy = actor;
        event.forwarded().notes().forEach(note -> forward.noteIds.add(note.noteId()));
        event.forwarded().attachments().forEach(file -> forward.attachmentIds.add(file.attachmentId()));
        event.channels().forEach(channel -> forward.deliveries.put(channel, new Delivery()));
        return forward;
    }

    private static Outsourcing outsourcing(String agreementId, OutsourcingSide side, String partyName,
                                           String leadTicketId, OutsourcingTerms terms, Instant acceptBy,
                                           OutsourcingStatus status) {
        Outsourcing outsourcing = new Outsourcing();
        outsourcing.agreementId = agreementId;
        outsourcing.side = side;
        outsourcing.partyName = partyName;
        outsourcing.leadTicketId = leadTicketId;
        outsourcing.terms = terms;
        outsourcing.acceptBy = acceptBy;
        outsourcing.status = status;
        return outsourcing;
    }

    private void applySla(TicketEvent event, Instant at) {
        if (event instanceof SlaApplied e) {
            priority = e.priority();
            sla = new SlaStatus();
            sla.slaId = e.slaId();
            sla.name = e.slaName();
            sla.hours = e.hours();
            sla.startedAt = openedAt;
            e.due().forEach((clock, due) -> {
                Target target = new Target();
                target.due = due;
                sla.targets.put(clock, target);
            });
        } else if (event instanceof TicketPriorityChanged e) {
            priority = e.to();
            e.due().forEach((clock, due) -> sla.targets.get(clock).due = due);
        } else if (event instanceof SlaTargetMet e) {
            settle(e.clock(), "MET", e.at());
        } else if (event instanceof SlaTargetMissed e) {
            settle(e.clock(), "MISSED", e.due());
        } else if (event instanceof SlaClocksPaused e) {
            sla.pausedSince = e.at();
        } else if (event instanceof SlaClocksResumed e) {
            sla.pauses.add(new Pause(sla.pausedSince, e.at()));
            sla.pausedSince = null;
            e.due().forEach((clock, due) -> sla.targets.get(clock).due = due);
        }
    }

    private void settle(SlaClock clock, String state, Instant at) {
        Target target = sla.targets.get(clock);
        target.state = state;
        target.settledAt = at;
    }

    private static <C> void change(List<Entry<C>> entries, String id, UnaryOperator<Entry<C>> change) {
        entries.replaceAll(entry -> entry.id().equals(id) ? change.apply(entry) : entry);
    }
}
