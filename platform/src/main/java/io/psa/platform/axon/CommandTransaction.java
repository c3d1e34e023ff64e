package io.psa.platform.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Several commands (and the rows beside them) in one transaction, owned by one Axon unit of work: all of it commits
 * or none, and the events are announced to this process's event processors after the commit. (A Spring transaction
 * around the commands would announce them before its commit, and the processors would find them only at their next
 * poll, up to a second later.)
 */
@Component
public class CommandTransaction {
    private final TransactionManager transactions;

    public CommandTransaction(TransactionManager transactions) {
        this.transactions = transactions;
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} and answers its result; what it throws is rethrown after the rollback. */
    public <T> T call(Supplier<T> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        Object[] result = new Object[1];
        unitOfWork.execute(() -> result[0] = work.get());
        @SuppressWarnings("unchecked")
        T answer = (T) result[0];
        return answer;
    }
}
