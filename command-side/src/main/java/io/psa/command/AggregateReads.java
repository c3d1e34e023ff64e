package io.psa.command;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads facts from an aggregate through its repository: inside a command handler in that command's unit of work,
 * elsewhere (a service deciding which commands to send) in a unit of work of its own.
 */
public final class AggregateReads {
    private AggregateReads() {
    }

    /** The facts, or empty when there is no such aggregate. */
    public static <T> Optional<T> find(Supplier<T> load) {
        try {
            if (CurrentUnitOfWork.isStarted()) {
                return Optional.of(load.get());
            }
            ResultMessage<T> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(load::get);
            if (result.isExceptional()) {
                throw result.exceptionResult();
            }
            return Optional.ofNullable(result.getPayload());
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            return Optional.empty();   // none, or the id of something else (a company's id asked for as a contract)
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
