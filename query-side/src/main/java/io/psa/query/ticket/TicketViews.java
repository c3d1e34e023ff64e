package io.psa.query.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.OutsourcingStatus;
import io.psa.api.query.Page;
import io.psa.api.ticket.AlertDetails;
import io.psa.api.ticket.TicketStatus;
import io.psa.platform.Now;
import io.psa.platform.axon.EventIsolation;
import io.psa.platform.persistence.LastWrite;
import io.psa.platform.persistence.ReadModelTables;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.psa.api.ticket.TicketQueries.AlertList;
import static io.psa.api.ticket.TicketQueries.TicketList;
import static io.psa.api.ticket.TicketQueries.TicketOrder;

/**
 * One row per ticket: its list columns in ticket_view (narrow, for the lists) and its document in ticket_document.
 */
@Repository
public class TicketViews {
    /** A ticket's row as stored: the document and the sequence number of the last event folded into it. */
    public record Stored(TicketDocument document, long lastSequence) {
    }

    /** One line of the ticket list. */
    public record TicketSummary(String ticketId, String companyId, String title, TicketStatus status, int priority,
                                String deviceId, String contractId, String contractServiceId,
                                String assignedResourceId, String queue, OutsourcingStatus outsourcingStatus,
                                Instant nextSlaDueAt, boolean slaMissed, Instant openedAt, Instant updatedAt) {
    }

    /** Each order ends with the ticket id, so that pages never overlap; tickets without a due time come last. */
    private static final Map<TicketOrder, String> ORDER = Map.of(
            TicketOrder.OPENED, "opened_at desc, ticket_id",
            TicketOrder.DUE, "next_sla_due_at nulls last, ticket_id",
            TicketOrder.PRIORITY, "priority, next_sla_due_at nulls last, ticket_id",
            TicketOrder.UPDATED, "a.updated_at desc, a.ticket_id");
    /** The list's rows; ordered by last activity, with the narrow table that indexes it (one row per ticket). */
    private static final String TICKETS = "ticket_view v";
    private static final String TICKETS_BY_ACTIVITY = TICKETS + " join ticket_activity a on a.ticket_id = v.ticket_id";

    /**
     * A ticket's three rows, written by one string of three statements, held to the end of the batch's transaction
     * ({@link LastWrite}): sent one by one, they took three of the four round trips per event of this projection.
     */
    private static final String INSERT = "insert into ticket_view (ticket_id, company_id, title, status, priority, "
            + "device_id, contract_id, contract_service_id, opened_at, updated_at, last_sequence, "
            + "outsourcing_agreement_id, outsourcing_status, assigned_resource_id, queue, next_sla_due_at, sla_missed) "
            + "values (:id, :company, :title, :status, :priority, :device, :contract, :service, :openedAt, :updatedAt, "
            + ":sequence, :agreement, :outsourcing, :assigned, :queue, :nextDue, :missed); "
            + "insert into ticket_document (ticket_id, document) values (:id, :document); "
            + "insert into ticket_activity (ticket_id, updated_at) values (:id, :updatedAt)";
    private static final String UPDATE = "update ticket_view set company_id = :company, title = :title, "
            + "status = :status, priority = :priority, device_id = :device, contract_id = :contract, "
            + "contract_service_id = :service, updated_at = :updatedAt, last_sequence = :sequence, "
            + "outsourcing_agreement_id = :agreement, outsourcing_status = :outsourcing, "
            + "assigned_resource_id = :assigned, queue = :queue, next_sla_due_at = :nextDue, sla_missed = :missed "
            + "where ticket_id = :id; "
            + "update ticket_document set document = :document where ticket_id = :id; "
            + "update ticket_activity set updated_at = :updatedAt where ticket_id = :id";

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    public TicketViews(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getJdbcTemplate().getDataSource();
        this.json = json;
    }

    public Optional<Stored> find(String ticketId) {
        return jdbc.query("select d.document, v.last_sequence from ticket_view v join ticket_document d "
                          + "on d.ticket_id = v.ticket_id where v.ticket_id = :id",
                new MapSqlParameterSource("id", ticketId),
                (rs, row) -> new Stored(read(rs.getString(1)), rs.getLong(2))).stream().findFirst();
    }

    /**
     * Writes the document as it is after the event with {@code sequence}. When it has more alerts than the
     * {@code alertsListed} it had, lists those the alert list lacks (counted there, so that none is listed twice or
     * left out, whatever wrote the rows before).
     */
    public void save(TicketDocument ticket, long sequence, boolean isNew, int alertsListed) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("id", ticket.ticketId)
                .addValue("company", ticket.companyId)
                .addValue("title", ticket.title)
                .addValue("status", ticket.status.name())
                .addValue("priority", ticket.priority.level())
                .addValue("device", ticket.deviceId)
                .addValue("contract", ticket.contractId)
                .addValue("service", ticket.contractServiceId)
                .addValue("openedAt", Timestamp.from(ticket.openedAt))
                .addValue("updatedAt", Timestamp.from(ticket.updatedAt))
                .addValue("sequence", sequence)
                .addValue("agreement", ticket.outsourcing == null ? null : ticket.outsourcing.agreementId)
                .addValue("outsourcing", ticket.outsourcing == null ? null : ticket.outsourcing.status.name())
                .addValue("assigned", ticket.assignedResourceId)
                .addValue("queue", ticket.queue)
                .addValue("nextDue", ticket.nextDue() == null ? null : Timestamp.from(ticket.nextDue()))
                .addValue("missed", ticket.slaMissed())
                .addValue("document", write(ticket));
        String statements = isNew ? INSERT : UPDATE;
        if (EventIsolation.isolated()) {
            jdbc.update(statements, row);   // in the event's own savepoint: a failure stays the event's
        } else {
            // with the batch's other tickets, the processor's token and the commit: one round trip per batch
            LastWrite.hold(dataSource, statements, row);
        }
        if (ticket.alerts.size() <= alertsListed) {
            return;
        }
        Integer listed = jdbc.queryForObject("select count(*) from alert_view where ticket_id = :id", row,
                Integer.class);
        for (int position = listed == null ? 0 : listed; position < ticket.alerts.size(); position++) {
            AlertDetails alert = ticket.alerts.get(position);
            jdbc.update("insert into alert_view (ticket_id, position, company_id, device_id, rmm_alert_id, "
                        + "alert_condition, severity, title, raised_at) values (:id, :position, :company, :device, "
                        + ":rmmAlertId, :condition, :severity, :alertTitle, :raisedAt)", new MapSqlParameterSource()
                    .addValues(row.getValues()).addValue("position", position)
                    .addValue("rmmAlertId", alert.rmmAlertId()).addValue("condition", alert.condition())
                    .addValue("severity", alert.severity()).addValue("alertTitle", alert.title())
                    .addValue("raisedAt", Timestamp.from(alert.raisedAt())));
        }
    }

    /** One alert a ticket received; {@code openedTheTicket}: the first, which opened it. */
    public record AlertSummary(String ticketId, String companyId, String deviceId, String rmmAlertId,
                               String condition, String severity, String title, Instant raisedAt,
                               boolean openedTheTicket) {
    }

    /** The alerts received, newest first (or oldest first), by company, device, ticket and severity. */
    public Page<AlertSummary> alerts(AlertList query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        filter(where, params, "company_id", "company", query.companyId());
        filter(where, params, "device_id", "device", query.deviceId());
        filter(where, params, "ticket_id", "ticket", query.ticketId());
        filter(where, params, "upper(severity)", "severity",
                query.severity() == null ? null : query.severity().toUpperCase(Locale.ROOT));
        String direction = query.oldestFirst() ? "" : " desc";
        return page("alert_view", "alert_view", "ticket_id, company_id, device_id, rmm_alert_id, alert_condition, "
                    + "severity, title, raised_at, position", where, params,
                "raised_at" + direction + ", ticket_id" + direction + ", position" + direction, query.page(), query.size(),
                (rs, index) -> new AlertSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                        rs.getInt(9) == 0));
    }

    public Page<TicketSummary> list(TicketList query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        filter(where, params, "company_id", "company", query.companyId());
        anyOf(where, params, "status", "statuses", query.statuses());
        filter(where, params, "contract_id", "contract", query.contractId());
        filter(where, params, "device_id", "device", query.deviceId());
        filter(where, params, "assigned_resource_id", "assigned", query.assignedResourceId());
        filter(where, params, "queue", "queue", query.queue());
        anyOf(where, params, "outsourcing_status", "outsourcing", query.outsourcingStatuses());
        if (query.slaMissed() != null) {
            // a literal, not a parameter: a generic plan could not use the partial index of the missed ones
            where.append(" and sla_missed = ").append(query.slaMissed() ? "true" : "false");
        }
        if (query.dueWithinMinutes() != null) {
            where.append(" and next_sla_due_at <= :dueBy");
            params.addValue("dueBy", Timestamp.from(Now.instant().plus(Duration.ofMinutes(query.dueWithinMinutes()))));
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and lower(title) like :text escape '\\'");
            params.addValue("text", "%" + query.text().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return page(TICKETS, query.order() == TicketOrder.UPDATED ? TICKETS_BY_ACTIVITY : TICKETS,
                "v.ticket_id, company_id, title, status, priority, device_id, contract_id, contract_service_id, "
                + "assigned_resource_id, queue, outsourcing_status, next_sla_due_at, sla_missed, opened_at, "
                + "v.updated_at", where, params, ORDER.get(query.order()), query.page(), query.size(),
                TicketViews::summary);
    }

    /**
     * One page of the rows that {@code where} selects, in {@code order}, with how many it selects: counted in
     * {@code counted}, listed from {@code listed} (the same rows, joined with what the order needs).
     */
    private <T> Page<T> page(String counted, String listed, String columns, CharSequence where,
                             MapSqlParameterSource params, String order, int page, int size, RowMapper<T> row) {
        Long total = jdbc.queryForObject("select count(*) from " + counted + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", Page.offset(page, size));
        List<T> items = jdbc.query("select " + columns + " from " + listed + where + " order by " + order
                                   + " limit :limit offset :offset", params, row);
        return new Page<>(new ArrayList<>(items), page, size, total == null ? 0 : total);
    }

    public void deleteAll() {
        ReadModelTables.empty(jdbc.getJdbcTemplate(),
                List.of("ticket_view", "ticket_document", "ticket_activity", "alert_view"));
    }

    private static void anyOf(StringBuilder where, MapSqlParameterSource params, String column, String name,
                              List<? extends Enum<?>> values) {
        if (!values.isEmpty()) {
            where.append(" and ").append(column).append(" in (:").append(name).append(")");
            params.addValue(name, values.stream().map(Enum::name).toList());
        }
    }

    private static void filter(StringBuilder where, MapSqlParameterSource params, String column, String name,
                               String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = :").append(name);
            params.addValue(name, value);
        }
    }

    private static TicketSummary summary(ResultSet rs, int row) throws SQLException {
        return new TicketSummary(rs.getString(1), rs.getString(2), rs.getString(3), TicketStatus.valueOf(rs.getString(4)),
                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11) == null ? null : OutsourcingStatus.valueOf(rs.getString(11)),
                rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getBoolean(13),
                rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant());
    }

    private String write(TicketDocument ticket) {
        try {
            return json.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ticket document " + ticket.ticketId, e);
        }
    }

    private TicketDocument read(String document) {
        try {
            return json.readValue(document, TicketDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored ticket document", e);
        }
    }
}
