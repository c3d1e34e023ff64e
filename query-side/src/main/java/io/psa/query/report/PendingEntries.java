package io.psa.query.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
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
 * written together (the assignments first): one read of the terms of all
 * their tickets, one of the rates of all their resources, the amounts computed here, then one batched delete of the
 * rows they replace (an edit, or an event delivered again; none for a new entry in a replay into emptied tables) and
 * one batched insert. A replay of a million entries costs a few statements per thousand instead of three per entry.
 */
final class PendingEntries {
    /** The most values one IN list carries. */
    private static final int IN_LIST = 1_000;
    private static final String INSERT = "insert into pf_entry (kind, ticket_id, contract_id, contract_service_id, "
            + "entry_date, description, resource_id, hours_worked, hours_to_bill, billable, quantity, unit_cost, "
            + "unit_price, revenue, labour_cost, other_cost, cost_rate_missing, entry_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
    /** The pending entries that may have a stored row to replace (an edit, an event delivered again). */
    private final Set<String> mayBeStored = new HashSet<>();

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

    /** {@code mayBeStored}: whether a row of this entry may be stored already, to be replaced. */
    void add(EntryFacts entry, boolean mayBeStored) {
        entries.put(entry.entryId(), entry);
        if (mayBeStored) {
            this.mayBeStored.add(entry.entryId());
        }
    }

    boolean contains(String entryId) {
        return entries.containsKey(entryId);
    }

    void remove(String entryId) {
        entries.remove(entryId);
        mayBeStored.remove(entryId);
    }

    void write() {
        writeAssignments();
        if (entries.isEmpty()) {
            return;
        }
        Collection<EntryFacts> facts = List.copyOf(entries.values());
        List<Object[]> replaced = mayBeStored.stream().map(id -> new Object[]{id}).toList();
        entries.clear();
        mayBeStored.clear();
        Map<String, Terms> terms = terms(facts.stream().map(EntryFacts::ticketId).distinct().toList());
        Map<String, NavigableMap<LocalDate, Rates>> rates = rates(facts.stream().map(EntryFacts::resourceId)
                .filter(Objects::nonNull).distinct().toList());
        Map<String, NavigableMap<LocalDate, BigDecimal>> hourlyRates = hourlyRates(terms.values().stream()
                .map(Terms::contractId).filter(Objects::nonNull).distinct().toList());
        List<Object[]> rows = new ArrayList<>(facts.size());
        for (EntryFacts entry : facts) {
            Terms ticket = terms.getOrDefault(entry.ticketId(), Terms.NONE);
            Rates rate = inForce(rates, entry.resourceId(), entry.date());
            EntryAmounts amounts = entry.amounts(ticket.contractType(),
                    inForce(hourlyRates, ticket.contractId(), entry.date()), rate == null ? null : rate.internalCostRate(),
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

    private Map<String, Terms> terms(List<String> ticketIds) {
        Map<String, Terms> terms = new HashMap<>();
        inChunks(ticketIds, "select t.ticket_id, t.contract_id, t.contract_service_id, c.type "
                + "from pf_ticket t left join pf_contract c on c.contract_id = t.contract_id where t.ticket_id in ",
                row -> terms.put(row.getString(1), new Terms(row.getString(2), row.getString(3), row.getString(4))));
        return terms;
    }

    private Map<String, NavigableMap<LocalDate, BigDecimal>> hourlyRates(List<String> contractIds) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();
        inChunks(contractIds, "select contract_id, effective_from, hourly_rate from pf_contract_term "
                + "where contract_id in ", row -> {
                    if (row.getBigDecimal(3) != null) {
                        rates.computeIfAbsent(row.getString(1), id -> new TreeMap<>())
                             .put(row.getDate(2).toLocalDate(), row.getBigDecimal(3));
                    }
                });
        return rates;
    }

    /** The value in force for {@code key} on {@code day}: the latest from a day not after it (none: null). */
    private static <T> T inForce(Map<String, NavigableMap<LocalDate, T>> byDate, String key, LocalDate day) {
        Map.Entry<LocalDate, T> entry = key == null ? null
                : byDate.getOrDefault(key, Collections.emptyNavigableMap()).floorEntry(day);
        return entry == null ? null : entry.getValue();
    }

    private Map<String, NavigableMap<LocalDate, Rates>> rates(List<String> resourceIds) {
        Map<String, NavigableMap<LocalDate, Rates>> rates = new HashMap<>();
        inChunks(resourceIds, "select resource_id, effective_from, internal_cost_rate, billing_rate from pf_rate "
                + "where resource_id in ", row -> rates.computeIfAbsent(row.getString(1), id -> new TreeMap<>())
                .put(row.getDate(2).toLocalDate(), new Rates(row.getBigDecimal(3), row.getBigDecimal(4))));
        return rates;
    }

    private interface Row {
        void read(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    private void inChunks(List<String> keys, String query, Row reader) {
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
            jdbc.query(query + "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    reader::read, chunk.toArray());
        }
    }
}
