package io.psa.platform.persistence;

import org.springframework.core.Ordered;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Statements a transaction writes last, held until it is about to commit and then sent, after everything else it
 * wrote, in one string; on PostgreSQL with its {@code COMMIT} at the end, so that the write and the commit take one
 * round trip instead of two (the driver then finds nothing left to commit). The server runs nothing of a string
 * after a statement that fails, so a failed write never commits: the transaction rolls back as before.
 * <p>
 * Held statements run after every statement the transaction sends meanwhile, and before any other synchronization
 * of its commit that writes: those are ordered before {@link #ORDER}. Outside a transaction they run at once.
 */
public final class LastWrite {
    /** The order of the synchronization that sends the held statements: the last of any transaction. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    /** A statement's parameters, from its first index on; answers the index after its last. */
    @FunctionalInterface
    public interface Parameters {
        int set(PreparedStatement statement, int first) throws SQLException;
    }

    /** A connection of the transaction under way (its own: closing it gives it back). */
    @FunctionalInterface
    public interface Connections {
        Connection get() throws SQLException;
    }

    private record Held(String statements, Parameters parameters) {
    }

    private final Connections connections;
    private final Consumer<SQLException> failure;
    private final List<Held> held = new ArrayList<>();

    private LastWrite(Connections connections, Consumer<SQLException> failure) {
        this.connections = connections;
        this.failure = failure;
    }

    /**
     * Holds {@code statements} (one or more, separated by semicolons) until the transaction under way is about to
     * commit; outside a transaction they run at once. A failure of the transaction's held statements goes to
     * {@code failure} of the first that held any, to be thrown as what it means (else it is thrown as it is).
     */
    public static void hold(Connections connections, String statements, Parameters parameters,
                            Consumer<SQLException> failure) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            new LastWrite(connections, failure).with(statements, parameters).write(false);
            return;
        }
        // the transaction's own, found among its synchronizations: Spring sets those aside while it runs another
        LastWrite last = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(Sending.class::isInstance).map(sending -> ((Sending) sending).last()).findFirst()
                .orElse(null);
        if (last == null) {
            last = new LastWrite(connections, failure);
            TransactionSynchronizationManager.registerSynchronization(new Sending(last));
        }
        last.with(statements, parameters);
    }

    private LastWrite with(String statements, Parameters parameters) {
        held.add(new Held(statements, parameters));
        return this;
    }

    /** Sends a transaction's held statements just before it commits. */
    private record Sending(LastWrite last) implements TransactionSynchronization {
        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            last.write(true);
        }
    }

    private void write(boolean committing) {
        StringBuilder statements = new StringBuilder();
        try (Connection connection = connections.get()) {
            for (Held part : held) {
                statements.append(statements.isEmpty() ? "" : "; ").append(part.statements());
            }
            if (committing && isPostgres(connection)) {
                statements.append("; commit");
            }
            try (PreparedStatement statement = connection.prepareStatement(statements.toString())) {
                int parameter = 1;
                for (Held part : held) {
                    parameter = part.parameters().set(statement, parameter);
                }
                statement.execute();
            }
        } catch (SQLException e) {
            failure.accept(e);
            throw new UncategorizedSQLException("the transaction's last write", statements.toString(), e);
        }
    }

    private static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
