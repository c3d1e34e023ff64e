package io.psa.platform.axon;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure that one event a projection cannot write is parked in its dead-letter queue while the processor goes
 * on. A projection writes a whole batch of events in one transaction; on PostgreSQL a failed statement spoils that
 * transaction, so the dead letter could not be written beside it, and the batch would fail again and again.
 * So: when an event handler of a processing group fails, its batch is rolled back (nothing of it is kept) and the
 * thread that ran it (a tracking processor's segment) is <em>isolating</em> for that group: its retried batch runs
 * every handler in a savepoint of its own. The event that fails again is rolled back to its savepoint alone and
 * parked by the dead-letter queue in the same, still healthy, transaction; the rest of the batch commits, and that
 * thread stops isolating. (Per thread, so that another segment's healthy batches cannot end it before the failed
 * one is retried.) Healthy batches pay nothing for this.
 */
@Component
public class EventIsolation implements HandlerEnhancerDefinition {
    private static final Set<String> ISOLATING = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Boolean> IN_SAVEPOINT = ThreadLocal.withInitial(() -> false);
    private static final String WATCHED = EventIsolation.class.getName() + ".watched";

    private final DataSource dataSource;

    public EventIsolation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the running handler has a savepoint of its own: then it writes at once, not at the batch's end. */
    public static boolean isolated() {
        return IN_SAVEPOINT.get();
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.annotationAttributes(EventHandler.class).isPresent()
                ? AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(), ProcessingGroup.class) : null;
        return group == null ? original : new Isolating<>(original, group.value());
    }

    private final class Isolating<T> extends WrappedMessageHandlingMember<T> {
        private final String group;

        Isolating(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.group = group;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!CurrentUnitOfWork.isStarted()) {
                return super.handle(message, target);
            }
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            boolean isolating = watch(batch);
            if (!isolating || !TransactionSynchronizationManager.isActualTransactionActive()) {
                try {
                    return super.handle(message, target);
                } catch (Exception failed) {
                    batch.onPrepareCommit(unit -> {
                        throw new IllegalStateException("processing group " + group + ": an event failed; the batch "
                                                        + "is rolled back and retried with every event isolated",
                                failed);
                    });
                    throw failed;
                }
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = connection.setSavepoint();
            IN_SAVEPOINT.set(true);
            try {
                Object result = super.handle(message, target);
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception failed) {
                connection.rollback(savepoint);
                throw failed;
            } finally {
                IN_SAVEPOINT.set(false);
            }
        }

        /**
         * Once per batch: a rollback makes this thread isolate the group's next batches; a batch that isolated and
         * committed ends it. Answers whether this batch isolates.
         */
        private boolean watch(UnitOfWork<?> batch) {
            return batch.getOrComputeResource(WATCHED + "." + group, key -> {
                String isolation = group + "@" + Thread.currentThread().getName();
                boolean isolating = ISOLATING.contains(isolation);
                batch.onRollback(unit -> ISOLATING.add(isolation));
                if (isolating) {
                    batch.afterCommit(unit -> ISOLATING.remove(isolation));
                }
                return isolating;
            });
        }
    }
}
