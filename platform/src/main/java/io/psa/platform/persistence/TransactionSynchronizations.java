package io.psa.platform.persistence;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Predicate;
import java.util.function.Supplier;

/** State kept for the transaction under way, as one of its synchronizations. */
public final class TransactionSynchronizations {
    private TransactionSynchronizations() {
    }

    /**
     * The transaction's synchronization of {@code type} that is {@code ours}, or a new one registered now. Found
     * among the synchronizations rather than bound as a resource: Spring sets those aside with their transaction
     * while it runs another. A synchronization must be active.
     */
    public static <S extends TransactionSynchronization> S own(Class<S> type, Predicate<S> ours, Supplier<S> created) {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (type.isInstance(registered) && ours.test(type.cast(registered))) {
                return type.cast(registered);
            }
        }
        S synchronization = created.get();
        TransactionSynchronizationManager.registerSynchronization(synchronization);
        return synchronization;
    }
}
