package io.psa.query.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The time entries and charges a batch of events adds or edits, and the contracts its tickets are assigned to,
 * written together (the assignments first): one read of the terms of all their tickets and the rates of all their
 * resources, the amounts computed here, then one batched delete of the rows the edits replace and one batched insert.
 * A replay of a million entries costs a few statements per thousand instead of three per entry.
 * <p>
 * A new entry is inserted unless its row is there, without a delete first: its row is there only when its event is
 * delivered again over the rows it wrote (after a rebuild's direct replay that stopped half-way; rows and token
 * commit together, so a crash leaves none), and then the entry's later events follow in order and bring the row to
 * where it was, as they do the ticket's contract.
 */
final class PendingEntries {
    /** The most values one IN list carries. */
    private static final int IN_LIST = 1_000;
    /**
     * A ticket's terms, once for each of its contract's terms (with its hourly rate from a date), or once alone: a
     * batch's tickets times their contracts' terms, a few rows per ticket where contracts change their rates rarely.
     */
    private static final String TICKET_TERMS = "select 'T', t.ticket_id, t.contract_id, t.contract_service_id, c.type, "
            + "h.effective_from, h.hourly_rate, cast(null as numeric) from pf_ticket t "
            + "left join pf_contract c on c.contract_id = t.contract_id "
            + "left join pf_contract_term h on h.contract_id = t.contract_id where t.ticket_id in ";
    /** A resource's rates, each from a date. */
    private static final String RESOURCE_RATES = "select 'R', resource_id, null, null, null, effective_from, "
            + "internal_cost_rate, billing_rate from pf_rate where resource_id in ";
    private static final String INSERT = "insert into pf_entry (kind, ticket_id, contract_id, contract_service_id, "
            + "entry_date, description, resource_id, hours_worked, hours_to_bill, billable, quantity, unit_cost, "
            + "unit_price, revenue, labour_cost, other_cost, cost_rate_missing, entry_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";

    /** What an entry's amounts depend on besides itself: its ticket's contract (and its hourly rates by date). */
    private record Terms(String contractId, String serviceId, String contractType) {
        static final Terms NONE = new Terms(null, null, null);
    }

    private record Rates(BigDecimal internalCostRate, BigDecimal billingRate) {
    }

    /** The contract (and service) a ticket is assigned to. */
    private record Assignment(String contractId, String serviceId) {
    }

    private final JdbcTemplate jdbc;
    private final Consumer<String> recomputeTicket;
    private final Map<String, Assignment> tickets = new LinkedHashMap<>();
    /**
     * The assigned tickets opened since the last write: no entry of theirs is stored (their entries are pending
     * here), and no contract row unless the opening is delivered again (after a rebuild's direct replay stopped
     * half-way, the processor replays over the pages it wrote), so theirs is inserted unless there is one, without a
     * move of entries after it: one statement for an opening instead of three. Redelivered, the ticket's later events
     * follow in order and bring its row and entries to where they were.
     */
    private final Set<String> opened = new HashSet<>();
    private final Map<String, EntryFacts> entries = new LinkedHashMap<>();
    /** The pending entries that replace a stored row (edits). */
    private final Set<String> replacing = new HashSet<>();

    /** {@code recomputeTicket}: recomputes the stored entries of a ticket whose contract changed. */
    PendingEntries(JdbcTemplate jdbc, Consumer<String> recomputeTicket) {
        this.jdbc = jdbc;
        this.recomputeTicket = recomputeTicket;
    }

    /** The ticket's contract from now on: its pending entries are written with it, its stored ones recomputed. */
    void assign(String ticketId, String contractId, String serviceId) {
        tickets.put(ticketId, new Assignment(contractId, serviceId));
    }

    /** A new ticket's contract: as {@link #assign}, for a ticket that has nothing stored yet. */
    void open(String ticketId, String contractId, String serviceId) {
        assign(ticketId, contractId, serviceId);
        opened.add(ticketId);
    }

    /** A new entry. */
    void add(EntryFacts entry) {
        entries.put(entry.entryId(), entry);
    }

    /** An edited entry, which replaces its stored row (if it has one yet). */
    void replace(EntryFacts entry) {
        entries.put(entry.entryId(), entry);
        replacing.add(entry.entryId());
    }

    boolean contains(String entryId) {
        return entries.containsKey(entryId);
    }

    void remove(String entryId) {
        entries.remove(entryId);
        replacing.remove(entryId);
    }

    void write() {
        writeAssignments();
        if (entries.isEmpty()) {
            return;
        }
        Collection<EntryFacts> facts = List.copyOf(entries.values());
        List<Object[]> replaced = replacing.stream().map(id -> new Object[]{id}).toList();
        entries.clear();
        replacing.clear();
        Known known = known(facts.stream().map(EntryFacts::ticketId).distinct().toList(),
                facts.stream().map(EntryFacts::resourceId).filter(Objects::nonNull).distinct().toList());
        List<Object[]> rows = new ArrayList<>(facts.size());
        for (EntryFacts entry : facts) {
            Terms ticket = known.terms.getOrDefault(entry.ticketId(), Terms.NONE);
            Rates rate = inForce(known.rates, entry.resourceId(), entry.date());
            EntryAmounts amounts = entry.amounts(ticket.contractType(),
                    inForce(known.hourlyRates, ticket.contractId(), entry.date()),
                    rate == null ? null : rate.internalCostRate(),
                    rate == null ? null : rate.billingRate());
            rows.add(new Object[]{entry.kind(), entry.ticketId(), ticket.contractId(), ticket.serviceId(),
                    Date.valueOf(entry.date()), entry.description(), entry.resourceId(), entry.hoursWorked(),
                    entry.hoursToBill(), entry.billable(), entry.quantity(), entry.unitCost(), entry.unitPrice(),
                    amounts.revenue(), amounts.labourCost(), amounts.otherCost(), amounts.costRateMissing(),
                    entry.entryId()});
        }
        // by key, one row at a time: an IN list over a table growing fast from empty got a sequential scan
        if (!replaced.isEmpty()) {
            jdbc.batchUpdate("delete from pf_entry where entry_id = ?", replaced);
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    private void writeAssignments() {
        if (tickets.isEmpty()) {
            return;
        }
        List<String> ticketIds = List.copyOf(tickets.keySet());
        List<Assignment> assignments = List.copyOf(tickets.values());
        Set<String> newTickets = Set.copyOf(opened);
        tickets.clear();
        opened.clear();
        List<Object[]> openedRows = new ArrayList<>();
        List<Object[]> storedRows = new ArrayList<>();
        List<Object[]> moves = new ArrayList<>();
        for (int i = 0; i < ticketIds.size(); i++) {
            String ticketId = ticketIds.get(i);
            Assignment assignment = assignments.get(i);
            Object[] row = {ticketId, assignment.contractId(), assignment.serviceId()};
            if (newTickets.contains(ticketId)) {
                openedRows.add(row);
            } else {
                storedRows.add(row);
                moves.add(new Object[]{assignment.contractId(), assignment.serviceId(), ticketId});
            }
        }
        String insert = "insert into pf_ticket (ticket_id, contract_id, contract_service_id) values (?, ?, ?)";
        if (!openedRows.isEmpty()) {
            jdbc.batchUpdate(insert + " on conflict do nothing", openedRows);
        }
        if (storedRows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("delete from pf_ticket where ticket_id = ?",
                storedRows.stream().map(row -> new Object[]{row[0]}).toList());
        jdbc.batchUpdate(insert, storedRows);
        int[] moved = jdbc.batchUpdate("update pf_entry set contract_id = ?, contract_service_id = ? "
                                       + "where ticket_id = ?", moves);
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] != 0) {   // a ticket without stored entries: nothing to recompute
                recomputeTicket.accept((String) moves.get(i)[2]);
            }
        }
    }

    /**
     * The tickets' terms with their contracts' hourly rates, and the resources' rates: one query (a union, its rows
     * told apart by their first column) for up to {@link #IN_LIST} of each, where three took a round trip each.
     */
    private Known known(List<String> ticketIds, List<String> resourceIds) {
        Known known = new Known();
        for (int from = 0; from < Math.max(ticketIds.size(), resourceIds.size()); from += IN_LIST) {
            List<String> parts = new ArrayList<>(2);
            List<String> keys = new ArrayList<>();
            addPart(parts, keys, TICKET_TERMS, chunk(ticketIds, from));
            addPart(parts, keys, RESOURCE_RATES, chunk(resourceIds, from));
            jdbc.query(String.join(" union all ", parts), known::read, keys.toArray());
        }
        return known;
    }

    private static void addPart(List<String> parts, List<String> keys, String query, List<String> chunk) {
        if (!chunk.isEmpty()) {
            parts.add(query + "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")");
            keys.addAll(chunk);
        }
    }

    private static List<String> chunk(List<String> keys, int from) {
        return keys.subList(Math.min(keys.size(), from), Math.min(keys.size(), from + IN_LIST));
    }

    /** The value in force for {@code key} on {@code day}: the latest from a day not after it (none: null). */
    private static <T> T inForce(Map<String, NavigableMap<LocalDate, T>> byDate, String key, LocalDate day) {
        Map.Entry<LocalDate, T> entry = key == null ? null
                : byDate.getOrDefault(key, Collections.emptyNavigableMap()).floorEntry(day);
        return entry == null ? null : entry.getValue();
    }

    /** What {@link #known} read. */
    private static final class Known {
        final Map<String, Terms> terms = new HashMap<>();
        final Map<String, NavigableMap<LocalDate, BigDecimal>> hourlyRates = new HashMap<>();
        final Map<String, NavigableMap<LocalDate, Rates>> rates = new HashMap<>();

        void read(ResultSet row) throws SQLException {
            String key = row.getString(2);
            Date from = row.getDate(6);
            if (row.getString(1).equals("R")) {
                rates.computeIfAbsent(key, id -> new TreeMap<>()).put(from.toLocalDate(),
                        new Rates(row.getBigDecimal(7), row.getBigDecimal(8)));
                return;
            }
            String contractId = row.getString(3);
            terms.put(key, new Terms(contractId, row.getString(4), row.getString(5)));
            if (from != null && row.getBigDecimal(7) != null) {
                hourlyRates.computeIfAbsent(contractId, id -> new TreeMap<>()).put(from.toLocalDate(),
                        row.getBigDecimal(7));
            }
        }
    }
}
