package io.psa.command.outbox;

import io.psa.api.outsourcing.DeliveryResult;

/** Told of every try, in the transaction that records it (the ticket of a forward records each try). */
public interface DeliveryListener {
    void tried(Outbox.Message message, DeliveryResult result, int attempt, String reason);
}
