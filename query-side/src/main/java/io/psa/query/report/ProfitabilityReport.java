package io.psa.query.report;

import io.psa.api.contract.ContractTerms;
import io.psa.api.contract.FixedFee;
import io.psa.api.ticket.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Profitability per contract and per contract service for a date range, from the profitability read model:
 * entries (time and charges) in the range, recurring services for each period that falls in it (pro rata by day
 * for partial periods, and under each of its terms for the days they were in force), and a fixed-price contract's
 * value spread over its days ({@link FixedFee}). Rounded only at the end.
 */
@Component
public class ProfitabilityReport {
    public static final String NO_SERVICE = "no-service";
    public static final String CONTRACT_FEE = "contract-fee";

    /** One contract's line of the overview. */
    public record ContractLine(String contractId, String name, String type, Figures.Shown figures) {
    }

    /** A recurring service's share of one period: {@code days} of the period's {@code periodDays} fall in range. */
    public record PeriodShare(LocalDate periodStart, LocalDate periodEnd, long days, long periodDays, BigDecimal revenue,
                              BigDecimal cost) {
    }

    /** A time entry or charge behind the figures. */
    public record Entry(String entryId, String kind, String ticketId, String serviceId, LocalDate date, String description,
                        String resourceId, BigDecimal hoursWorked, BigDecimal hoursToBill, boolean billable,
                        BigDecimal quantity, BigDecimal unitCost, BigDecimal unitPrice, BigDecimal revenue,
                        BigDecimal labourCost, BigDecimal otherCost, boolean costRateMissing) {
    }

    public record ServiceLine(String serviceId, String name, Figures.Shown figures, List<PeriodShare> periods,
                              List<Entry> entries) {
    }

    public record ContractDetail(String contractId, String name, String type, LocalDate from, LocalDate to,
                                 Figures.Shown figures, List<ServiceLine> services,
                                 @com.fasterxml.jackson.annotation.JsonIgnore Figures raw) {
    }

    /** {@code terms}: in the order they took effect, the first those it was created with. */
    private record Contract(String id, String name, String type, LocalDate start, LocalDate end,
                            List<ContractTerms> terms) {
        boolean earnsAFee() {
            return "FIXED_PRICE".equals(type) && terms.stream().anyMatch(term -> term.value() != null);
        }
    }

    /** A service's price, cost, units and period from a day on. */
    private record ServiceTerms(LocalDate effectiveFrom, BigDecimal unitPrice, BigDecimal unitCost, BigDecimal units,
                                String period) {
    }

    /** {@code terms}: in the order they took effect; {@code lastDay}: null while it runs. */
    private record Service(String id, String name, LocalDate lastDay, List<ServiceTerms> terms) {
    }

    private final JdbcTemplate jdbc;

    public ProfitabilityReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** All contracts together, month by month: what the dashboard's chart shows. */
    public record MonthFigures(LocalDate month, Figures.Shown figures) {
    }

    public List<MonthFigures> months(LocalDate from, LocalDate to) {
        List<MonthFigures> months = new ArrayList<>();
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate start = month.isBefore(from) ? from : month;
            LocalDate end = month.plusMonths(1).minusDays(1).isAfter(to) ? to : month.plusMonths(1).minusDays(1);
            Figures all = new Figures();
            Map<String, Map<String, Figures>> sums = entrySums(start, end);
            for (Contract contract : contractsInForce(start, end)) {
                all.add(detail(contract, start, end, sums.getOrDefault(contract.id(), Map.of())).raw());
            }
            months.add(new MonthFigures(month, all.shown()));
        }
        return months;
    }

    /** Every contract in force at some day of the range. */
    public List<ContractLine> contracts(LocalDate from, LocalDate to) {
        Map<String, Map<String, Figures>> sums = entrySums(from, to);
        List<ContractLine> lines = new ArrayList<>();
        for (Contract contract : contractsInForce(from, to)) {
            ContractDetail detail = detail(contract, from, to, sums.getOrDefault(contract.id(), Map.of()));
            lines.add(new ContractLine(contract.id(), contract.name(), contract.type(), detail.figures()));
        }
        return lines;
    }

    public Optional<ContractDetail> contract(String contractId, LocalDate from, LocalDate to) {
        return contracts("where contract_id = ?", contractId).stream().findFirst()
                .map(contract -> detail(contract, from, to, entries(contract.id(), from, to)));
    }

    /** The detail with every entry behind its figures. */
    private ContractDetail detail(Contract contract, LocalDate from, LocalDate to, List<Entry> entries) {
        return detail(contract, from, to, serviceLine -> entries.forEach(entry ->
                serviceLine.apply(entry.serviceId()).add(entry)));
    }

    /** The detail from entry sums per service, without the entries: for overviews over many contracts. */
    private ContractDetail detail(Contract contract, LocalDate from, LocalDate to, Map<String, Figures> sums) {
        return detail(contract, from, to, serviceLine -> sums.forEach((serviceId, figures) ->
                serviceLine.apply(serviceId).figures.add(figures)));
    }

    /** Adds the entries' figures to the line of their service (unknown or none: the "No service" line). */
    private interface EntryFigures {
        void addTo(Function<String, ServiceBuilder> serviceLine);
    }

    private ContractDetail detail(Contract contract, LocalDate from, LocalDate to, EntryFigures entryFigures) {
        LocalDate start = from.isAfter(contract.start()) ? from : contract.start();
        LocalDate end = to.isBefore(contract.end()) ? to : contract.end();
        Map<String, ServiceBuilder> lines = new LinkedHashMap<>();
        for (Service service : services(contract.id())) {
            ServiceBuilder line = lines.computeIfAbsent(service.id(), id -> new ServiceBuilder(id, service.name()));
            recurring(service, start, end, line);
        }
        if (contract.earnsAFee() && !start.isAfter(end)) {
            ServiceBuilder fee = lines.computeIfAbsent(CONTRACT_FEE, id -> new ServiceBuilder(id, "Contract fee"));
            fee.figures.revenue = fee.figures.revenue.add(FixedFee.of(contract.start(), contract.terms())
                    .earned(start, end));
        }
        entryFigures.addTo(serviceId -> lines.computeIfAbsent(
                serviceId != null && lines.containsKey(serviceId) ? serviceId : NO_SERVICE,
                id -> new ServiceBuilder(id, "No service")));
        Figures total = new Figures();
        List<ServiceLine> services = new ArrayList<>();
        for (ServiceBuilder line : lines.values()) {
            total.add(line.figures);
            services.add(line.build());
        }
        return new ContractDetail(contract.id(), contract.name(), contract.type(), from, to, total.shown(), services,
                total);
    }

    /**
     * The service over [start, end] up to its last day, each stretch under the terms in force then: a change in the
     * middle of a period bills that period pro rata by day under each.
     */
    private static void recurring(Service service, LocalDate start, LocalDate end, ServiceBuilder line) {
        List<ServiceTerms> terms = service.terms();
        for (int i = 0; i < terms.size(); i++) {
            LocalDate from = latest(start, terms.get(i).effectiveFrom());
            LocalDate to = i + 1 < terms.size() ? earliest(end, terms.get(i + 1).effectiveFrom().minusDays(1)) : end;
            if (service.lastDay() != null) {
                to = earliest(to, service.lastDay());
            }
            if (!from.isAfter(to)) {
                recurring(terms.get(i), from, to, line);
            }
        }
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** Each period of the service that overlaps [start, end], pro rata by day. */
    private static void recurring(ServiceTerms service, LocalDate start, LocalDate end, ServiceBuilder line) {
        for (LocalDate periodStart = periodStart(service.period(), start); !periodStart.isAfter(end);
             periodStart = next(service.period(), periodStart)) {
            LocalDate periodEnd = next(service.period(), periodStart).minusDays(1);
            LocalDate a = periodStart.isBefore(start) ? start : periodStart;
            LocalDate b = periodEnd.isAfter(end) ? end : periodEnd;
            long days = ChronoUnit.DAYS.between(a, b) + 1;
            long periodDays = ChronoUnit.DAYS.between(periodStart, periodEnd) + 1;
            BigDecimal share = Figures.divide(BigDecimal.valueOf(days), BigDecimal.valueOf(periodDays));
            BigDecimal revenue = service.unitPrice().multiply(service.units()).multiply(share);
            BigDecimal cost = service.unitCost().multiply(service.units()).multiply(share);
            line.figures.revenue = line.figures.revenue.add(revenue);
            line.figures.otherCost = line.figures.otherCost.add(cost);
            line.periods.add(new PeriodShare(periodStart, periodEnd, days, periodDays, Figures.round(revenue),
                    Figures.round(cost)));
        }
    }

    private static LocalDate periodStart(String period, LocalDate day) {
        return switch (period) {
            case "MONTHLY" -> day.withDayOfMonth(1);
            case "QUARTERLY" -> LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
            default -> day.withDayOfYear(1);
        };
    }

    private static LocalDate next(String period, LocalDate periodStart) {
        return switch (period) {
            case "MONTHLY" -> periodStart.plusMonths(1);
            case "QUARTERLY" -> periodStart.plusMonths(3);
            default -> periodStart.plusYears(1);
        };
    }

    private List<Contract> contractsInForce(LocalDate from, LocalDate to) {
        return contracts("where start_date <= ? and end_date >= ?", Date.valueOf(to), Date.valueOf(from));
    }

    /** The contracts {@code where} selects, by name, each with its terms. */
    private List<Contract> contracts(String where, Object... args) {
        Map<String, List<ContractTerms>> terms = new HashMap<>();
        jdbc.query("select t.contract_id, t.effective_from, t.end_date, t.hourly_rate, t.contract_value "
                   + "from pf_contract_term t where t.contract_id in (select contract_id from pf_contract " + where
                   + ") order by t.contract_id, t.effective_from", rs -> {
                    terms.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ContractTerms(
                            rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), money(rs.getBigDecimal(4)),
                            money(rs.getBigDecimal(5))));
                }, args);
        return jdbc.query("select contract_id, name, type, start_date, end_date from pf_contract " + where
                + " order by name, contract_id", (rs, row) -> new Contract(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(),
                terms.getOrDefault(rs.getString(1), List.of())), args);
    }

    private static Money money(BigDecimal amount) {
        return amount == null ? null : Money.of(amount);
    }

    /** Sums of the entries in the range, by contract and service (null service: none), in one query. */
    private Map<String, Map<String, Figures>> entrySums(LocalDate from, LocalDate to) {
        Map<String, Map<String, Figures>> sums = new HashMap<>();
        jdbc.query("select contract_id, contract_service_id, sum(revenue), sum(labour_cost), sum(other_cost), "
                   + "sum(case when kind = 'TIME' then hours_worked else 0 end), "
                   + "sum(case when kind = 'TIME' and cost_rate_missing then hours_worked else 0 end) "
                   + "from pf_entry where contract_id is not null and entry_date between ? and ? "
                   + "group by contract_id, contract_service_id", rs -> {
                    Figures figures = new Figures();
                    figures.revenue = rs.getBigDecimal(3);
                    figures.labourCost = rs.getBigDecimal(4);
                    figures.otherCost = rs.getBigDecimal(5);
                    figures.labourHours = rs.getBigDecimal(6);
                    figures.hoursWithoutCostRate = rs.getBigDecimal(7);
                    sums.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), figures);
                }, Date.valueOf(from), Date.valueOf(to));
        return sums;
    }

    private List<Service> services(String contractId) {
        Map<String, List<ServiceTerms>> terms = new HashMap<>();
        jdbc.query("select t.service_id, t.effective_from, t.unit_price, t.unit_cost, t.units, t.period "
                   + "from pf_service_term t join pf_service s on s.service_id = t.service_id where s.contract_id = ? "
                   + "order by t.service_id, t.effective_from", rs -> {
                    terms.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ServiceTerms(
                            rs.getDate(2).toLocalDate(), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getString(6)));
                }, contractId);
        return jdbc.query("select service_id, name, last_day from pf_service where contract_id = ? "
                + "order by name, service_id", (rs, row) -> new Service(rs.getString(1), rs.getString(2),
                rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(),
                terms.getOrDefault(rs.getString(1), List.of())), contractId);
    }

    private List<Entry> entries(String contractId, LocalDate from, LocalDate to) {
        return jdbc.query("select entry_id, kind, ticket_id, entry_date, description, resource_id, hours_worked, "
                + "hours_to_bill, billable, quantity, unit_cost, unit_price, revenue, labour_cost, other_cost, "
                + "cost_rate_missing, contract_service_id from pf_entry where contract_id = ? and entry_date between ? and ? "
                + "order by entry_date, entry_id", (rs, row) -> new Entry(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(17), rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBoolean(9), rs.getBigDecimal(10),
                        rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14),
                        rs.getBigDecimal(15), rs.getBoolean(16)), contractId, Date.valueOf(from), Date.valueOf(to));
    }

    private static final class ServiceBuilder {
        final String id;
        final String name;
        final Figures figures = new Figures();
        final List<PeriodShare> periods = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();

        ServiceBuilder(String id, String name) {
            this.id = id;
            this.name = name;
        }

        void add(Entry entry) {
            figures.revenue = figures.revenue.add(entry.revenue());
            figures.labourCost = figures.labourCost.add(entry.labourCost());
            figures.otherCost = figures.otherCost.add(entry.otherCost());
            if ("TIME".equals(entry.kind())) {
                figures.labourHours = figures.labourHours.add(entry.hoursWorked());
                if (entry.costRateMissing()) {
                    figures.hoursWithoutCostRate = figures.hoursWithoutCostRate.add(entry.hoursWorked());
                }
            }
            entries.add(entry);
        }

        ServiceLine build() {
            return new ServiceLine(id, name, figures.shown(), periods, entries);
        }
    }
}
