package io.psa.standalone;

import io.psa.platform.persistence.LastWrite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements held by {@link LastWrite} run after everything else their transaction writes, just before it commits;
 * on PostgreSQL the commit travels with them, in their round trip, and a held statement that fails commits nothing.
 */
class LastWriteTest extends ApiTest {
    private static final String INSERT = "insert into token_entry (processor_name, segment, timestamp) values (?, 0, 'x')";
    private static final String MARK = "update token_entry set owner = 'held' where processor_name = ?";

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    /** This test's own rows of token_entry, by processor name. */
    String row;

    @BeforeEach
    void aRowOfItsOwn() {
        row = "last-write-" + UUID.randomUUID();
    }

    @Test
    void heldStatementsRunAfterWhatTheTransactionWritesLater() {
        inTransaction(() -> {
            hold(MARK, row);
            jdbc.update(INSERT, row);
        });
        assertThat(jdbc.queryForObject("select owner from token_entry where processor_name = ?", String.class, row))
                .as("the held update found the row inserted after it was held").isEqualTo("held");
    }

    @Test
    void theCommitTravelsWithTheHeldStatementsOnPostgres() {
        AtomicReference<Boolean> visibleBeforeTheCommit = new AtomicReference<>();
        inTransaction(() -> {
            hold(INSERT, row);
            rightAfterTheHeldStatements(() -> visibleBeforeTheCommit.set(rowsSeenElsewhere() == 1));
        });
        assertThat(visibleBeforeTheCommit.get()).as("committed with the held statements, before Spring's commit")
                .isEqualTo(onPostgres());
        assertThat(rowsSeenElsewhere()).isEqualTo(1);
    }

    @Test
    void aHeldStatementThatFailsCommitsNothing() {
        assertThatThrownBy(() -> inTransaction(() -> {
            jdbc.update(INSERT, row + "-before");
            LastWrite.hold(dataSource, INSERT + "; " + INSERT, 2, (statement, first) -> {
                statement.setString(first, row);
                statement.setString(first + 1, row);
                return first + 2;
            }, failed -> {
                throw new IllegalStateException("the held statements failed", failed);
            });
        })).isInstanceOf(IllegalStateException.class).hasMessage("the held statements failed");
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name like ?", Integer.class,
                row + "%")).as("neither the held rows nor the one before them").isZero();
    }

    @Test
    void moreParametersThanOneStringTakesAreSentInTwo() {
        String manyParameters = "select 1 where 0 in (" + String.join(", ", Collections.nCopies(40_000, "?")) + ")";
        inTransaction(() -> {
            for (int part = 0; part < 2; part++) {
                LastWrite.hold(dataSource, manyParameters, 40_000, (statement, first) -> {
                    for (int i = 0; i < 40_000; i++) {
                        statement.setInt(first + i, i + 1);
                    }
                    return first + 40_000;
                }, failed -> {
                });
            }
            hold(INSERT, row);
        });
        assertThat(rowsSeenElsewhere()).isEqualTo(1);
    }

    @Test
    void aStatementHeldOnceTheHeldOnesWereSentIsRefused() {
        assertThatThrownBy(() -> inTransaction(() -> {
            hold(INSERT, row);
            rightAfterTheHeldStatements(() -> hold(MARK, row));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("sent already");
    }

    @Test
    void outsideATransactionHeldStatementsRunAtOnce() {
        hold(INSERT, row);
        assertThat(rowsSeenElsewhere()).isEqualTo(1);
    }

    private void hold(String statement, String processor) {
        LastWrite.hold(dataSource, statement, 1, (prepared, first) -> {
            prepared.setString(first, processor);
            return first + 1;
        }, failed -> {
        });
    }

    /**
     * Runs {@code work} just before the transaction commits, right after the held statements were sent: ordered as
     * their own synchronization and registered after it.
     */
    private static void rightAfterTheHeldStatements(Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return LastWrite.ORDER;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                work.run();
            }
        });
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    /** This test's rows as a connection outside the transaction sees them. */
    private int rowsSeenElsewhere() {
        try (Connection elsewhere = dataSource.getConnection();
             PreparedStatement count = elsewhere.prepareStatement(
                     "select count(*) from token_entry where processor_name = ?")) {
            count.setString(1, row);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean onPostgres() {
        return jdbc.execute((Connection connection) -> connection.getMetaData().getDatabaseProductName())
                .toLowerCase(Locale.ROOT).contains("postgres");
    }
}
