package io.psa.platform.axon.chain;

import io.psa.platform.axon.EventIsolation;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A processor's token update held back by {@link LastTokenStore} until the end of its batch's transaction, for the
 * projection to send with its own write, in one round trip: taken by the projection's first write of the batch's end;
 * not taken, it is written alone just before the commit.
 */
public final class PendingToken {
    private static final String KEY = PendingToken.class.getName() + ".";

    private final String update;
    private final Supplier<Map<String, Object>> parameters;
    private final Runnable storeAlone;
    private boolean taken;

    PendingToken(String update, Supplier<Map<String, Object>> parameters, Runnable storeAlone) {
        this.update = update;
        this.parameters = parameters;
        this.storeAlone = storeAlone;
    }

    /**
     * The processor's token update held back in the current unit of work, if any: taken, it is the caller's to write.
     * None for a handler in a savepoint of its own ({@link EventIsolation}): rolled back alone, it would take the
     * token's update with it, and the batch would commit without it.
     */
    public static Optional<PendingToken> take(String processorName) {
        if (!CurrentUnitOfWork.isStarted() || EventIsolation.isolated()) {
            return Optional.empty();
        }
        Optional<PendingToken> pending = Optional.ofNullable(
                (PendingToken) CurrentUnitOfWork.get().root().resources().remove(KEY + processorName));
        pending.ifPresent(token -> token.taken = true);
        return pending;
    }

    void holdFor(String processorName) {
        CurrentUnitOfWork.get().root().resources().put(KEY + processorName, this);
    }

    void storeUnlessTaken() {
        if (!taken) {
            taken = true;
            storeAlone.run();
        }
    }

    /**
     * Runs {@code statements} (one or more, separated by semicolons; none of their parameters named {@code token...})
     * with the token's update before them, in one round trip. The update's count is the first result: nothing
     * updated, the segment's claim is not this node's, or its row is not there yet, and the token is then stored as
     * Axon stores it, which fails ({@link UnableToClaimTokenException}) unless the claim can be had.
     */
    public void writeWith(NamedParameterJdbcTemplate jdbc, String statements, MapSqlParameterSource parameters) {
        MapSqlParameterSource withToken = new MapSqlParameterSource(parameters.getValues())
                .addValues(this.parameters.get());
        Integer updated = jdbc.execute(update + "; " + statements, withToken, statement -> {
            statement.execute();
            return statement.getUpdateCount();
        });
        if (updated == null || updated == 0) {
            storeAlone.run();
        }
    }
}
