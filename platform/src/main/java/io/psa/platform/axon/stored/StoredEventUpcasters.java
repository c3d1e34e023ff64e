package io.psa.platform.axon.stored;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The upcasters of the stored events, in the order they run. A change of a stored event's shape raises its
 * {@code @Revision} and adds the upcaster from the old revision at the end; golden files keep every revision's form.
 */
public final class StoredEventUpcasters {
    private StoredEventUpcasters() {
    }

    public static EventUpcasterChain chain(StoredEventTypes types) {
        return new EventUpcasterChain(
                new LegacyTypeNames(types),
                // TicketOutsourced 1 -> 2: a subcontractor is no partner, so partnerName became partyName
                new FieldRenamed("ticket.TicketOutsourced", "1", "2", "partnerName", "partyName"));
    }
}
