package io.psa.platform.persistence;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Statements a transaction writes last, held until it is about to commit and then sent, after everything else it
 * wrote; on PostgreSQL in one string with its {@code COMMIT} at the end, so that the writes and the commit take one
 * round trip (the driver then finds nothing left to commit). The server runs nothing of a string after a statement
 * that fails, so a failed write never commits: the transaction rolls back as before. A check that must keep the
 * commit from happening is therefore a statement that fails (see {@code LastTokenStore}), not a count read after.
 * <p>
 * Held statements run after every statement the transaction sends meanwhile, and before any other synchronization
 * of its commit that writes: those are ordered before {@link #ORDER}; a statement held once they were sent is
 * refused. Outside a transaction they run at once. Not for a statement in a savepoint that may be rolled back alone:
 * held, it would outlive that rollback.
 */
public final class LastWrite {
    /** The order of the synchronization that sends the held statements: the last of any transaction. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;
    /** Parameters of one prepared string at most: PostgreSQL's driver takes no more. */
    static final int MOST_PARAMETERS = 65_535;
    private static final Consumer<SQLException> NO_MEANING = failed -> {
    };
    /** Held statements with named parameters are the callers' constants: each is parsed once. */
    private static final Map<String, ParsedSql> PARSED = new ConcurrentHashMap<>();

    /** A statement's parameters, from its first index on; answers the index after its last. */
    @FunctionalInterface
    public interface Parameters {
        int set(PreparedStatement statement, int first) throws SQLException;
    }

    private record Held(String statements, int parameterCount, Parameters parameters, Consumer<SQLException> failure) {
    }

    private final DataSource dataSource;
    private final List<Held> held = new ArrayList<>();
    private int parameterCount;
    private boolean sent;

    private LastWrite(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Holds {@code statements} (one or more, separated by semicolons; {@code parameterCount} parameters) until the
     * transaction under way is about to commit; outside a transaction they run at once. Should the held statements
     * fail, each holder's {@code failure} in turn may throw what that means to it; otherwise the failure is thrown as
     * Spring translates it.
     */
    public static void hold(DataSource dataSource, String statements, int parameterCount, Parameters parameters,
                            Consumer<SQLException> failure) {
        Held part = new Held(statements, parameterCount, parameters, failure);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            new LastWrite(dataSource).add(part).write(false);
            return;
        }
        Sending sending = TransactionSynchronizations.own(Sending.class, own -> own.last.dataSource == dataSource,
                () -> new Sending(new LastWrite(dataSource)));
        if (sending.last.sent) {
            throw new IllegalStateException("The transaction's last write was sent already: " + statements);
        }
        if (sending.last.parameterCount + parameterCount > MOST_PARAMETERS) {
            sending.last.write(false);   // too many for one string: what was held goes now, without the commit
            sending.last = new LastWrite(dataSource);
        }
        sending.last.add(part);
    }

    /** {@link #hold(DataSource, String, int, Parameters, Consumer)} for statements with named parameters. */
    public static void hold(DataSource dataSource, String statements, SqlParameterSource parameters) {
        hold(dataSource, statements, parameters, NO_MEANING);
    }

    /**
     * {@link #hold(DataSource, String, int, Parameters, Consumer)} for statements with named parameters, each a single
     * value (a list is not expanded).
     */
    public static void hold(DataSource dataSource, String statements, SqlParameterSource parameters,
                            Consumer<SQLException> failure) {
        ParsedSql parsed = PARSED.computeIfAbsent(statements, NamedParameterUtils::parseSqlStatement);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, parameters, null);
        for (Object value : values) {
            if (value instanceof Iterable<?> || value instanceof Object[]) {
                throw new IllegalArgumentException("A held statement takes single values, not lists: " + statements);
            }
        }
        hold(dataSource, NamedParameterUtils.substituteNamedParameters(parsed, parameters), values.length,
                (statement, first) -> {
                    for (Object value : values) {
                        StatementCreatorUtils.setParameterValue(statement, first++, SqlTypeValue.TYPE_UNKNOWN, value);
                    }
                    return first;
                }, failure);
    }

    private LastWrite add(Held part) {
        held.add(part);
        parameterCount += part.parameterCount();
        return this;
    }

    /** Sends a transaction's held statements just before it commits. */
    private static final class Sending implements TransactionSynchronization {
        private LastWrite last;

        Sending(LastWrite last) {
            this.last = last;
        }

        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            last.write(true);
        }
    }

    /**
     * Sends the held statements: with the commit, on PostgreSQL, in one string; otherwise each part as it was held,
     * whose strings stay the same from one transaction to the next, so the database keeps them prepared (a string of
     * a whole batch's parts seldom comes twice, and H2 parsed each anew).
     */
    private void write(boolean committing) {
        sent = true;
        String statements = "";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (committing && ReadModelTables.isPostgres(connection)) {
                statements = held.stream().map(Held::statements).collect(Collectors.joining("; ", "", "; commit"));
                send(connection, statements, held);
            } else {
                for (Held part : held) {
                    statements = part.statements();
                    send(connection, statements, List.of(part));
                }
            }
        } catch (SQLException e) {
            held.forEach(part -> part.failure().accept(e));
            String task = "the transaction's last write";
            DataAccessException translated = new JdbcTemplate(dataSource).getExceptionTranslator()
                    .translate(task, statements, e);
            throw translated != null ? translated : new UncategorizedSQLException(task, statements, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void send(Connection connection, String statements, List<Held> parts) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(statements)) {
            int parameter = 1;
            for (Held part : parts) {
                parameter = part.parameters().set(statement, parameter);
            }
            statement.execute();
        }
    }
}
