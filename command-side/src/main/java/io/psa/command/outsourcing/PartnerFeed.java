package io.psa.command.outsourcing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.outsourcing.SyncFact.ItemKind;
import io.psa.api.ticket.Visibility;
import io.psa.command.outsourcing.LinkedTickets.OfLinkedTicket;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static io.psa.api.ticket.TicketEvents.*;

/**
 * Publishes, per agreement, the shareable facts of the tickets it links, in the order they happened: this side's
 * outsourcing moves, the lead's changes of title, description and priority, and this side's items (EXTERNAL notes
 * and attachments, time entries, charges) with their edits and deletes. Items from the partner and INTERNAL ones
 * never enter the feed. While a ticket waits for approval its item and detail facts are held, released in order on
 * REJECT and dropped when the outsourcing completes. Its handlers of item and detail events take an
 * {@link OfLinkedTicket}, so that they see the events of linked tickets only ({@link LinkedTickets}). Each fact's
 * id is its event's id, so a redelivered event is not published twice. A tracking processor with one segment: one
 * writer.
 */
@Component
@ProcessingGroup(PartnerFeed.PROCESSING_GROUP)
@DisallowReplay   // partners hold cursors into the feed's positions: it is never rebuilt
public class PartnerFeed {
    public static final String PROCESSING_GROUP = "partner-feed";

    record Link(String agreementId, String leadTicketId, OutsourcingStatus status) {
    }

    record Item(String author, boolean shared) {
    }

    private static final Set<Class<?>> ITEM_EVENTS = Set.of(NoteAdded.class, NoteEdited.class, NoteDeleted.class,
            TimeLogged.class, TimeEntryEdited.class, TimeEntryDeleted.class, ChargeAdded.class, ChargeEdited.class,
            ChargeDeleted.class, AttachmentAdded.class, AttachmentEdited.class, AttachmentDeleted.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final FeedSignal signal;
    private final EventStore eventStore;
    private final LinkedTickets linkedTickets;

    public PartnerFeed(JdbcTemplate jdbc, ObjectMapper json, FeedSignal signal, EventStore eventStore,
                       LinkedTickets linkedTickets) {
        this.jdbc = jdbc;
        this.json = json;
        this.signal = signal;
        this.eventStore = eventStore;
        this.linkedTickets = linkedTickets;
    }

    /**
     * The first outsourcing of a ticket: the items it has so far are remembered as if they had been written while it
     * was linked (UNSENT, so nothing is published), so that SEND shares them.
     */
    @EventHandler
    void on(TicketOutsourced event, @SequenceNumber long sequence, OfLinkedTicket linking) {
        boolean firstLink = link(event.ticketId()).isEmpty();
        saveLink(event.ticketId(), event.agreementId(), event.ticketId(), OutsourcingStatus.UNSENT);
        if (firstLink) {
            AnnotationEventHandlerAdapter items = new AnnotationEventHandlerAdapter(this,
                    MultiParameterResolverFactory.ordered(linkedTickets,
                            ClasspathParameterResolverFactory.forClass(PartnerFeed.class)));
            eventStore.readEvents(event.ticketId(), 0).asStream()
                      .takeWhile(earlier -> earlier.getSequenceNumber() < sequence)
                      .filter(earlier -> ITEM_EVENTS.contains(earlier.getPayloadType()))
                      .forEach(earlier -> handle(items, earlier));
        }
    }

    private static void handle(AnnotationEventHandlerAdapter handler, EventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("cannot take over item event " + event.getIdentifier(), e);
        }
    }

    @EventHandler
    void on(TicketInsourced event, OfLinkedTicket linking) {
        saveLink(event.ticketId(), event.agreementId(), event.leadTicketId(), OutsourcingStatus.ASSIGNED);
    }

    @EventHandler
    void on(OutsourcingStatusChanged event, EventMessage<?> message, @Timestamp Instant at) {
        Link link = link(event.ticketId()).orElseThrow();
        jdbc.update("update partner_link set status = ? where ticket_id = ?", event.to().name(), event.ticketId());
        if (!event.remote()) {
            publish(link.agreementId(), new SyncFact(0, message.getIdentifier(), at, link.leadTicketId(),
                    SyncFact.Type.TRANSITION, event.handover(), event.transition(), event.reason(), null, null, null,
                    null, null, null, null, null));
        }
        if (event.transition() == OutsourcingTransition.SEND) {
            shareExistingItems(event.ticketId(), link, message.getIdentifier());
        } else if (event.transition() == OutsourcingTransition.REJECT) {
            releaseHeldFacts(event.ticketId());
        } else if (event.to().isEnded()) {
            jdbc.update("delete from partner_held_fact where ticket_id = ?", event.ticketId());
        }
    }

    /** The lead's new title and description go to the partner's copy. */
    @EventHandler
    void on(TicketDetailsChanged event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        leadsDetails(event.ticketId(), message, at, new SyncFact.Handover(event.title(), event.description(), null,
                null, null));
    }

    /** So does the lead's new priority (the partner's SLA, if its copy has one, follows it). */
    @EventHandler
    void on(TicketPriorityChanged event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        leadsDetails(event.ticketId(), message, at, new SyncFact.Handover(null, null, event.to(), null, null));
    }

    /** And the priority a new contract's SLA gives the lead's ticket (the copy passes over one it has already). */
    @EventHandler
    void on(SlaApplied event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        leadsDetails(event.ticketId(), message, at, new SyncFact.Handover(null, null, event.priority(), null, null));
    }

    /** Only the lead's: a partner's own edits of its copy stay on its side. */
    private void leadsDetails(String ticketId, EventMessage<?> message, Instant at, SyncFact.Handover details) {
        link(ticketId).filter(link -> link.leadTicketId().equals(ticketId)).ifPresent(link ->
                publishWhileLinked(ticketId, link, new SyncFact(0, message.getIdentifier(), at, link.leadTicketId(),
                        SyncFact.Type.DETAILS_CHANGED, details, null, null, null, null, null, null, null, null, null,
                        null)));
    }

    @EventHandler
    void on(NoteAdded event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        added(event.ticketId(), event.noteId(), event.author(), message, at, ItemKind.NOTE,
                event.content().visibility() == Visibility.EXTERNAL, fact -> fact.withContent(event.content(), null, null, null, null));
    }

    @EventHandler
    void on(NoteEdited event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        changed(event.ticketId(), event.noteId(), message, at, ItemKind.NOTE,
                event.content().visibility() == Visibility.EXTERNAL, fact -> fact.withContent(event.content(), null, null, null, null));
    }

    @EventHandler
    void on(NoteDeleted event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        deleted(event.ticketId(), event.noteId(), message, at, ItemKind.NOTE);
    }

    @EventHandler
    void on(TimeLogged event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        added(event.ticketId(), event.timeEntryId(), event.author(), message, at, ItemKind.TIME_ENTRY, true,
                fact -> fact.withContent(null, event.content(), null, null, null));
    }

    @EventHandler
    void on(TimeEntryEdited event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        changed(event.ticketId(), event.timeEntryId(), message, at, ItemKind.TIME_ENTRY, true,
                fact -> fact.withContent(null, event.content(), null, null, null));
    }

    @EventHandler
    void on(TimeEntryDeleted event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        deleted(event.ticketId(), event.timeEntryId(), message, at, ItemKind.TIME_ENTRY);
    }

    @EventHandler
    void on(ChargeAdded event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        added(event.ticketId(), event.chargeId(), event.author(), message, at, ItemKind.CHARGE, true,
                fact -> fact.withContent(null, null, event.content(), null, null));
    }

    @EventHandler
    void on(ChargeEdited event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        changed(event.ticketId(), event.chargeId(), message, at, ItemKind.CHARGE, true,
                fact -> fact.withContent(null, null, event.content(), null, null));
    }

    @EventHandler
    void on(ChargeDeleted event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        deleted(event.ticketId(), event.chargeId(), message, at, ItemKind.CHARGE);
    }

    @EventHandler
    void on(AttachmentAdded event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        added(event.ticketId(), event.attachmentId(), event.author(), message, at, ItemKind.ATTACHMENT,
                event.content().visibility() == Visibility.EXTERNAL,
                fact -> fact.withContent(null, null, null, event.content(), event.file()));
    }

    /** The file never changes: the attachment's stored fact knows it. */
    @EventHandler
    void on(AttachmentEdited event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        changed(event.ticketId(), event.attachmentId(), message, at, ItemKind.ATTACHMENT,
                event.content().visibility() == Visibility.EXTERNAL, fact -> {
                    SyncFact stored = storedFact(event.ticketId(), event.attachmentId());
                    return fact.withContent(null, null, null, event.content(), stored != null ? stored.file() : null);
                });
    }

    @EventHandler
    void on(AttachmentDeleted event, EventMessage<?> message, @Timestamp Instant at, OfLinkedTicket linked) {
        deleted(event.ticketId(), event.attachmentId(), message, at, ItemKind.ATTACHMENT);
    }

    /** An item of this side on a linked ticket is remembered (for its later edits) and shared if it is shareable. */
    private void added(String ticketId, String itemId, String author, EventMessage<?> message, Instant at,
                       ItemKind kind, boolean shareable, UnaryOperator<SyncFact> content) {
        Optional<Link> link = link(ticketId);
        if (link.isEmpty() || PartnerAuthor.isPartner(author)) {
            return;
        }
        Item item = item(ticketId, itemId).orElseGet(() -> {
            // a redelivered event finds its item remembered already
            jdbc.update("insert into partner_item (ticket_id, item_id, author, shared) values (?, ?, ?, false)",
                    ticketId, itemId, author);
            return new Item(author, false);
        });
        share(ticketId, itemId, link.get(), item, message, at, kind, shareable, content);
    }

    private void changed(String ticketId, String itemId, EventMessage<?> message, Instant at, ItemKind kind,
                         boolean shareable, UnaryOperator<SyncFact> content) {
        Optional<Link> link = link(ticketId);
        Optional<Item> item = item(ticketId, itemId);
        if (link.isPresent() && item.isPresent()) {
            share(ticketId, itemId, link.get(), item.get(), message, at, kind, shareable, content);
        }
    }

    /** Keeps the item's current shareable fact and publishes it, or withdraws an item that is no longer shareable. */
    private void share(String ticketId, String itemId, Link link, Item item, EventMessage<?> message, Instant at,
                       ItemKind kind, boolean shareable, UnaryOperator<SyncFact> content) {
        SyncFact fact = itemFact(message, at, link, kind, itemId, item.author(), shareable);
        if (shareable) {
            SyncFact shared = content.apply(fact);
            jdbc.update("update partner_item set fact = ?, shared = ? where ticket_id = ? and item_id = ?",
                    write(shared), link.status().isLinked(), ticketId, itemId);
            publishWhileLinked(ticketId, link, shared);
        } else {
            jdbc.update("update partner_item set fact = null, shared = false where ticket_id = ? and item_id = ?",
                    ticketId, itemId);
            if (item.shared()) {
                publishWhileLinked(ticketId, link, fact);
            }
        }
    }

    private void deleted(String ticketId, String itemId, EventMessage<?> message, Instant at, ItemKind kind) {
        Optional<Link> link = link(ticketId);
        Optional<Item> item = item(ticketId, itemId);
        if (link.isEmpty() || item.isEmpty()) {
            return;
        }
        jdbc.update("delete from partner_item where ticket_id = ? and item_id = ?", ticketId, itemId);
        if (item.get().shared()) {
            publishWhileLinked(ticketId, link.get(), itemFact(message, at, link.get(), kind, itemId,
                    item.get().author(), false));
        }
    }

    /** A fact for an item: ITEM_SHARED (content added by the caller) or ITEM_WITHDRAWN. */
    private static SyncFact itemFact(EventMessage<?> message, Instant at, Link link, ItemKind kind, String itemId,
                                     String author, boolean shared) {
        return new SyncFact(0, message.getIdentifier(), at, link.leadTicketId(),
                shared ? SyncFact.Type.ITEM_SHARED : SyncFact.Type.ITEM_WITHDRAWN, null, null, null, kind, itemId,
                author, null, null, null, null, null);
    }

    /** On SEND the partner gets the ticket's shareable items. */
    private void shareExistingItems(String ticketId, Link link, String sendId) {
        List<String> facts = jdbc.queryForList("select fact from partner_item where ticket_id = ? and fact is not null "
                                               + "order by item_id", String.class, ticketId);
        for (String stored : facts) {
            SyncFact fact = read(stored);
            publish(link.agreementId(), fact.withFactId(sendId + ":" + fact.itemId()));
        }
        jdbc.update("update partner_item set shared = true where ticket_id = ? and fact is not null", ticketId);
    }

    private void publishWhileLinked(String ticketId, Link link, SyncFact fact) {
        if (link.status() == OutsourcingStatus.WAITING_APPROVAL) {
            jdbc.update("insert into partner_held_fact (agreement_id, ticket_id, fact_id, fact, file_sha256) "
                        + "values (?, ?, ?, ?, ?)", link.agreementId(), ticketId, fact.factId(), write(fact),
                    fact.file() != null ? fact.file().sha256() : null);
        } else if (link.status().isLinked()) {
            publish(link.agreementId(), fact);
        }
    }

    private void releaseHeldFacts(String ticketId) {
        List<String> held = jdbc.queryForList("select fact from partner_held_fact where ticket_id = ? order by id",
                String.class, ticketId);
        Link link = link(ticketId).orElseThrow();
        held.forEach(fact -> publish(link.agreementId(), read(fact)));
        jdbc.update("delete from partner_held_fact where ticket_id = ?", ticketId);
    }

    /** Appends at the agreement's next position, unless this fact id is published already (a redelivery). */
    private void publish(String agreementId, SyncFact fact) {
        Integer known = jdbc.queryForObject("select count(*) from partner_feed where agreement_id = ? and fact_id = ?",
                Integer.class, agreementId, fact.factId());
        if (known != null && known > 0) {
            return;
        }
        Long last = jdbc.queryForObject("select max(position) from partner_feed where agreement_id = ?", Long.class,
                agreementId);
        SyncFact positioned = fact.at(last == null ? 1 : last + 1);
        jdbc.update("insert into partner_feed (agreement_id, position, fact_id, fact, file_sha256) values (?, ?, ?, ?, ?)",
                agreementId, positioned.position(), positioned.factId(), write(positioned),
                positioned.file() != null ? positioned.file().sha256() : null);
        CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(done -> signal.published()));
    }

    private void saveLink(String ticketId, String agreementId, String leadTicketId, OutsourcingStatus status) {
        linkedTickets.add(ticketId);
        if (jdbc.update("update partner_link set agreement_id = ?, lead_ticket_id = ?, status = ? where ticket_id = ?",
                agreementId, leadTicketId, status.name(), ticketId) == 0) {
            jdbc.update("insert into partner_link (ticket_id, agreement_id, lead_ticket_id, status) values (?, ?, ?, ?)",
                    ticketId, agreementId, leadTicketId, status.name());
        }
    }

    private Optional<Link> link(String ticketId) {
        if (!linkedTickets.contains(ticketId)) {
            return Optional.empty();
        }
        return jdbc.query("select agreement_id, lead_ticket_id, status from partner_link where ticket_id = ?",
                (rs, row) -> new Link(rs.getString(1), rs.getString(2), OutsourcingStatus.valueOf(rs.getString(3))),
                ticketId).stream().findFirst();
    }

    private Optional<Item> item(String ticketId, String itemId) {
        return jdbc.query("select author, shared from partner_item where ticket_id = ? and item_id = ?",
                (rs, row) -> new Item(rs.getString(1), rs.getBoolean(2)), ticketId, itemId).stream().findFirst();
    }

    private SyncFact storedFact(String ticketId, String itemId) {
        return jdbc.queryForList("select fact from partner_item where ticket_id = ? and item_id = ?", String.class,
                ticketId, itemId).stream().filter(Objects::nonNull).findFirst().map(this::read).orElse(null);
    }

    private String write(SyncFact fact) {
        try {
            return json.writeValueAsString(fact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    SyncFact read(String fact) {
        try {
            return json.readValue(fact, SyncFact.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
