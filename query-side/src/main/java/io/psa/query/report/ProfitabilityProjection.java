package io.psa.query.report;

import io.psa.api.contract.ContractTerms;
import io.psa.api.contract.ServicePeriod;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.ticket.Money;
import io.psa.platform.axon.EventIsolation;
import io.psa.platform.axon.rebuild.DirectReplay;
import io.psa.platform.persistence.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import static io.psa.api.contract.ContractMessages.*;
import static io.psa.api.ticket.TicketEvents.*;

/**
 * Keeps the profitability facts: every time entry and charge with the contract and service of its ticket and its
 * revenue, labour cost and other cost, computed with the resource's rates in force on the work date (a later rate
 * change is not retroactive). A rate change or a ticket moved to another contract recomputes the entries concerned.
 * Every write is an upsert or a recomputation, so an event applied twice changes nothing. Entries are folded per
 * batch of events and written at its end ({@link PendingEntries}), at once when the batch runs isolated; any other
 * event first writes what is pending, since it reads or recomputes the tables.
 */
@Component
@ProcessingGroup(ProfitabilityProjection.PROCESSING_GROUP)
public class ProfitabilityProjection implements DirectReplay {
    public static final String PROCESSING_GROUP = "profitability";
    /** The rates a resource is created with apply to every date before its first change. */
    static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);

    private static final String NOTIFY = ProfitabilityProjection.class.getName() + ".notify";
    private static final String PENDING = ProfitabilityProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final ProfitabilityUpdates updates;

    public ProfitabilityProjection(JdbcTemplate jdbc, ProfitabilityUpdates updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @EventHandler
    void on(ContractCreated e, @SequenceNumber long sequence) {
        if (!jdbc.queryForList("select contract_id from pf_contract where contract_id = ?", String.class,
                e.contractId()).isEmpty()) {
            return;   // delivered again
        }
        writePending();
        jdbc.update("insert into pf_contract (contract_id, name, type, start_date, end_date, last_sequence) "
                    + "values (?, ?, ?, ?, ?, ?)", e.contractId(), e.name(), e.type().name(),
                Date.valueOf(e.startDate()), Date.valueOf(e.endDate()), sequence);
        contractTerms(e.contractId(), e.terms().from(BEGINNING));
    }

    @EventHandler
    void on(ContractDetailsChanged e, @SequenceNumber long sequence) {
        if (firstDelivery(e.contractId(), sequence)) {
            jdbc.update("update pf_contract set name = ? where contract_id = ?", e.name(), e.contractId());
        }
    }

    /** The entries from the change's day on are recomputed: their hourly rate may be another. */
    @EventHandler
    void on(ContractTermsChanged e, @SequenceNumber long sequence) {
        if (!firstDelivery(e.contractId(), sequence)) {
            return;
        }
        writePending();
        jdbc.update("update pf_contract set end_date = ? where contract_id = ?", Date.valueOf(e.endDate()),
                e.contractId());
        contractTerms(e.contractId(), e.terms());
        recompute("contract_id = ? and e.entry_date >= ?", e.contractId(), Date.valueOf(e.effectiveFrom()));
    }

    @EventHandler
    void on(ContractServiceAdded e, @SequenceNumber long sequence) {
        if (firstDelivery(e.contractId(), sequence) && jdbc.queryForList("select service_id from pf_service "
                + "where service_id = ?", String.class, e.serviceId()).isEmpty()) {
            jdbc.update("insert into pf_service (service_id, contract_id, name) values (?, ?, ?)", e.serviceId(),
                    e.contractId(), e.name());
            serviceTerms(e.serviceId(), BEGINNING, e.unitPrice(), e.unitCost(), e.units(), e.period());
        }
    }

    @EventHandler
    void on(ContractServiceChanged e, @SequenceNumber long sequence) {
        if (firstDelivery(e.contractId(), sequence)) {
            serviceTerms(e.serviceId(), e.effectiveFrom(), e.unitPrice(), e.unitCost(), e.units(), e.period());
            notifyAfterCommit();
        }
    }

    @EventHandler
    void on(ContractServiceEnded e, @SequenceNumber long sequence) {
        if (firstDelivery(e.contractId(), sequence)) {
            jdbc.update("update pf_service set last_day = ? where service_id = ?", Date.valueOf(e.lastDay()),
                    e.serviceId());
            notifyAfterCommit();
        }
    }

    /**
     * Whether this event of the contract was not applied yet (a contract's events come in their order), recording
     * that it now is. A contract from before the sequence was kept had all its events applied: its later ones are new.
     */
    private boolean firstDelivery(String contractId, long sequence) {
        return jdbc.update("update pf_contract set last_sequence = ? where contract_id = ? "
                           + "and (last_sequence is null or last_sequence < ?)", sequence, contractId, sequence) > 0;
    }

    @EventHandler
    void on(ResourceCreated e) {
        writePending();
        rates(e.resourceId(), BEGINNING, e.internalCostRate(), e.billingRate());
    }

    @EventHandler
    void on(ResourceRatesChanged e) {
        writePending();
        rates(e.resourceId(), e.effectiveFrom(), e.internalCostRate(), e.billingRate());
    }

    @EventHandler
    void on(TicketOpened e) {
        pend(pending -> pending.open(e.ticketId(), e.contractId(), e.contractServiceId()));
    }

    @EventHandler
    void on(TicketContractChanged e) {
        assign(e.ticketId(), e.contractId(), e.contractServiceId());
    }

    /** A partner's work on its copy is the partner's cost; the lead pays it as the outsourcing charge. */
    @EventHandler
    void on(TimeLogged e) {
        if (!PartnerAuthor.isPartner(e.author())) {
            added(EntryFacts.time(e.ticketId(), e.timeEntryId(), e.content()));
        }
    }

    @EventHandler
    void on(TimeEntryEdited e) {
        if (counted(e.timeEntryId())) {
            replaced(EntryFacts.time(e.ticketId(), e.timeEntryId(), e.content()));
        }
    }

    @EventHandler
    void on(TimeEntryDeleted e) {
        pending().remove(e.timeEntryId());
        jdbc.update("delete from pf_entry where entry_id = ?", e.timeEntryId());
        notifyAfterCommit();
    }

    @EventHandler
    void on(ChargeAdded e) {
        if (!PartnerAuthor.isPartner(e.author())) {
            added(EntryFacts.charge(e.ticketId(), e.chargeId(), e.content()));
        }
    }

    @EventHandler
    void on(ChargeEdited e) {
        if (counted(e.chargeId())) {
            replaced(EntryFacts.charge(e.ticketId(), e.chargeId(), e.content()));
        }
    }

    /** Whether the entry was counted when it was added (a partner's was not). */
    private boolean counted(String entryId) {
        return pending().contains(entryId) || jdbc.queryForObject("select count(*) from pf_entry where entry_id = ?", Integer.class, entryId) > 0;
    }

    /** The fee statement's line; the fee itself is counted as the non-billable charge booked with it. */
    @EventHandler
    void on(SubcontractorFeeCharged e, @org.axonframework.eventhandling.Timestamp java.time.Instant at) {
        writePending();
        jdbc.update("delete from outsourcing_fee where charge_id = ?", e.chargeId());
        jdbc.update("insert into outsourcing_fee (charge_id, agreement_id, agreement_name, ticket_id, amount, charged_on, "
                    + "charged_at) values (?, ?, ?, ?, ?, ?, ?)", e.chargeId(), e.agreementId(), e.subcontractorName(),
                e.ticketId(), e.fee().amount(), Date.valueOf(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ChargeDeleted e) {
        pending().remove(e.chargeId());
        jdbc.update("delete from pf_entry where entry_id = ?", e.chargeId());
        notifyAfterCommit();
    }

    private void added(EntryFacts entry) {
        pend(pending -> pending.add(entry));
    }

    private void replaced(EntryFacts entry) {
        pend(pending -> pending.replace(entry));
    }

    /** A change kept for the end of the batch; written at once when the batch runs isolated. */
    private void pend(Consumer<PendingEntries> change) {
        notifyAfterCommit();
        PendingEntries pending = pending();
        change.accept(pending);
        if (!CurrentUnitOfWork.isStarted() || EventIsolation.isolated()) {
            pending.write();
        }
    }

    /** Before an event that reads or recomputes the tables: the entries of the events before it are written. */
    private void writePending() {
        pending().write();
    }

    /** The entries the current batch adds or edits, written when it commits. */
    private PendingEntries pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new PendingEntries(jdbc, this::recomputeTicket);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            PendingEntries pending = new PendingEntries(jdbc, this::recomputeTicket);
            unitOfWork.onPrepareCommit(done -> pending.write());
            return pending;
        });
    }

    /** Once per batch, and only when it is committed: dashboards then read figures that are there. */
    private void notifyAfterCommit() {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().getOrComputeResource(NOTIFY, key -> {
            unitOfWork.root().afterCommit(done -> updates.changed());
            return Boolean.TRUE;
        }));
    }

    @ResetHandler
    void reset() {
        ReadModelTables.empty(jdbc, List.of("pf_entry", "pf_ticket", "pf_rate", "pf_service_term", "pf_service",
                "pf_contract_term", "pf_contract", "outsourcing_fee"));
    }

    private void rates(String resourceId, LocalDate from, Money internalCostRate, Money billingRate) {
        replaceFrom("pf_rate", "resource_id", resourceId, from, "internal_cost_rate, billing_rate",
                internalCostRate.amount(), billingRate.amount());
        recompute("resource_id = ?", resourceId);
    }

    private void contractTerms(String contractId, ContractTerms terms) {
        replaceFrom("pf_contract_term", "contract_id", contractId, terms.effectiveFrom(),
                "end_date, hourly_rate, contract_value", Date.valueOf(terms.endDate()), amount(terms.hourlyRate()),
                amount(terms.value()));
    }

    private void serviceTerms(String serviceId, LocalDate from, Money unitPrice, Money unitCost, BigDecimal units,
                              ServicePeriod period) {
        replaceFrom("pf_service_term", "service_id", serviceId, from, "unit_price, unit_cost, units, period",
                unitPrice.amount(), unitCost.amount(), units, period.name());
    }

    /** Stores what holds for {@code key} from {@code from} on, replacing what was stored for that day. */
    private void replaceFrom(String table, String keyColumn, String key, LocalDate from, String columns,
                             Object... values) {
        jdbc.update("delete from " + table + " where " + keyColumn + " = ? and effective_from = ?", key,
                Date.valueOf(from));
        Object[] row = new Object[values.length + 2];
        row[0] = key;
        row[1] = Date.valueOf(from);
        System.arraycopy(values, 0, row, 2, values.length);
        jdbc.update("insert into " + table + " (" + keyColumn + ", effective_from, " + columns + ") values (?, ?"
                    + ", ?".repeat(values.length) + ")", row);
    }

    private void assign(String ticketId, String contractId, String serviceId) {
        pend(pending -> pending.assign(ticketId, contractId, serviceId));
    }

    private void recomputeTicket(String ticketId) {
        recompute("ticket_id = ?", ticketId);
    }

    /** Computes the amounts of the entries matching {@code where} from their facts and the rates in force. */
    private void recompute(String where, Object... keys) {
        notifyAfterCommit();
        List<Object[]> recomputed = jdbc.query("select e.entry_id, e.kind, e.entry_date, e.hours_worked, e.hours_to_bill, e.billable, e.quantity, "
                   + "e.unit_cost, e.unit_price, c.type, "
                   + inForce("pf_contract_term", "hourly_rate", "contract_id", "e.contract_id", "e.entry_date") + ", "
                   + inForce("pf_rate", "internal_cost_rate", "resource_id", "e.resource_id", "e.entry_date") + ", "
                   + inForce("pf_rate", "billing_rate", "resource_id", "e.resource_id", "e.entry_date") + " "
                   + "from pf_entry e left join pf_contract c on c.contract_id = e.contract_id where e." + where,
                (rs, row) -> {
                    EntryAmounts amounts = EntryAmounts.of(rs.getString(2), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBoolean(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getString(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13));
                    return new Object[]{amounts.revenue(), amounts.labourCost(), amounts.otherCost(),
                            amounts.costRateMissing(), rs.getString(1)};
                }, keys);
        jdbc.batchUpdate("update pf_entry set revenue = ?, labour_cost = ?, other_cost = ?, cost_rate_missing = ? "
                         + "where entry_id = ?", recomputed);
    }

    /** SQL for a value in force on a day: the one with the latest effective date not after it. */
    private static String inForce(String table, String column, String keyColumn, String key, String day) {
        return "(select r." + column + " from " + table + " r where r." + keyColumn + " = " + key
               + " and r.effective_from <= " + day + " order by r.effective_from desc limit 1)";
    }

    private static BigDecimal amount(Money money) {
        return money == null ? null : money.amount();
    }
}
