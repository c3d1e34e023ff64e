package io.psa.command.outsourcing;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.psa.api.ticket.TicketEvents.TicketEvent;
import static io.psa.api.ticket.TicketEvents.TicketInsourced;
import static io.psa.api.ticket.TicketEvents.TicketOutsourced;

/**
 * The tickets with a partner link, or about to get one, for the partner feed. A feed handler that takes an
 * {@link OfLinkedTicket} parameter matches only the events of these tickets, so that the feed's processor passes
 * over the events of all other tickets (nearly all of them) as it reads them: no transaction and no token update
 * for them, the token moving on at most once a second. The feed's processor reads the events in order on one
 * thread and asks whether it can handle each as it reads it, before it handles the batch: an outsourcing or an
 * insourcing counts its ticket in when it is read, so the events after it in the same batch are handled too. Read
 * once from partner_link; a ticket counted in by a batch that rolls back stays in, which costs its events a
 * transaction each.
 */
@Component
public class LinkedTickets implements ParameterResolverFactory {
    /** The ticket of the event a feed handler is given: one with a partner link, or about to get one. */
    public record OfLinkedTicket(String ticketId) {
    }

    private final JdbcTemplate jdbc;
    private volatile Set<String> tickets;

    public LinkedTickets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the ticket has a link, or is about to get one. */
    boolean contains(String ticketId) {
        return tickets().contains(ticketId);
    }

    void add(String ticketId) {
        tickets().add(ticketId);
    }

    private Set<String> tickets() {
        Set<String> known = tickets;
        if (known == null) {
            synchronized (this) {
                if (tickets == null) {
                    Set<String> loaded = ConcurrentHashMap.newKeySet();
                    loaded.addAll(jdbc.queryForList("select ticket_id from partner_link", String.class));
                    tickets = loaded;
                }
                known = tickets;
            }
        }
        return known;
    }

    @Override
    public ParameterResolver<OfLinkedTicket> createInstance(Executable executable, Parameter[] parameters,
                                                           int parameterIndex) {
        return parameters[parameterIndex].getType() == OfLinkedTicket.class ? new Resolver() : null;
    }

    private final class Resolver implements ParameterResolver<OfLinkedTicket> {
        @Override
        public OfLinkedTicket resolveParameterValue(Message<?> message) {
            return new OfLinkedTicket(((TicketEvent) message.getPayload()).ticketId());
        }

        @Override
        public boolean matches(Message<?> message) {
            if (!(message.getPayload() instanceof TicketEvent event)) {
                return false;
            }
            if (event instanceof TicketOutsourced || event instanceof TicketInsourced) {
                add(event.ticketId());   // counted in as it is read: see the class comment
                return true;
            }
            return contains(event.ticketId());
        }
    }
}
