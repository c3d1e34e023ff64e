package io.psa.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Writes ticket events straight into the event store, in the form the system writes them (stable names, revision 1,
 * metadata copied from a real event), for histories that would take an hour to build over HTTP. Events are sent in
 * batches and committed by {@link #commit()}; they carry no hash, so the tamper evidence treats them as unsealed.
 */
final class StoreWriter implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement insert;
    private final byte[] metaData;

    StoreWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.metaData = sampleMetaData(connection);
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement("insert into domain_event_entry (global_index, event_identifier, "
                + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, payload_revision, "
                + "meta_data) values (nextval('domain_event_global_index_seq'), ?, ?, ?, 'Ticket', ?, ?, ?, '1', ?)");
    }

    /** Adds the ticket's event {@code ticket.<type>} at {@code sequence} to the batch. */
    void add(String ticket, long sequence, String type, String payload) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, ticket);
        insert.setLong(3, sequence);
        insert.setString(4, Instant.now().toString());
        insert.setString(5, "ticket." + type);
        insert.setBytes(6, payload.getBytes(StandardCharsets.UTF_8));
        insert.setBytes(7, metaData);
        insert.addBatch();
    }

    /** The ticket's first event: opened for {@code company}, on {@code contract} (or none). */
    void addOpened(String ticket, String company, String contract) throws SQLException {
        add(ticket, 0, "TicketOpened", "{\"ticketId\":\"" + ticket + "\",\"companyId\":\"" + company
                + "\",\"title\":\"Bench\",\"description\":null,\"priority\":3,\"deviceId\":null,\"contractId\":"
                + (contract == null ? "null" : "\"" + contract + "\"") + ",\"contractServiceId\":null}");
    }

    /** One and a half billable hours of {@code resource} on {@code day}. */
    void addTimeLogged(String ticket, long sequence, String resource, LocalDate day) throws SQLException {
        add(ticket, sequence, "TimeLogged", "{\"ticketId\":\"" + ticket + "\",\"timeEntryId\":\""
                + UUID.randomUUID() + "\",\"content\":{\"resourceId\":\"" + resource + "\",\"workDate\":\"" + day
                + "\",\"hoursWorked\":1.50,\"hoursToBill\":1.50,\"billable\":true,\"summary\":null},"
                + "\"author\":\"benchmark\"}");
    }

    /** A note with {@code content} (its JSON form). */
    void addNote(String ticket, long sequence, String content) throws SQLException {
        add(ticket, sequence, "NoteAdded", "{\"ticketId\":\"" + ticket + "\",\"noteId\":\"note-" + sequence
                + "\",\"content\":" + content + ",\"author\":\"benchmark\"}");
    }

    void commit() throws SQLException {
        insert.executeBatch();
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }

    private static byte[] sampleMetaData(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select meta_data from domain_event_entry "
                     + "where payload_type like '%TicketOpened' limit 1")) {
            rows.next();
            return rows.getBytes(1);
        }
    }
}
