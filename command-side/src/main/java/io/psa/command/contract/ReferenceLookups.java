package io.psa.command.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.contract.SlaTerms;
import io.psa.command.CommandLookups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

import static io.psa.api.contract.ContractMessages.*;

/**
 * The facts of companies, contracts and SLAs that opening a ticket asks for, written by the subscribing processor
 * in the transaction of the command that changed them, so they are exact: a ticket opens without loading and
 * locking the company's, contract's and SLA's aggregates (the company's lock made every ticket of one company wait
 * for the one before). What was created before these lookups has no row; {@link ReferenceData} then reads the
 * aggregate, as before.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class ReferenceLookups {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** Active resources seen by {@link ReferenceData#resource}: never stale, as a deactivation removes its own. */
    private final Set<String> activeResources = ConcurrentHashMap.newKeySet();

    public ReferenceLookups(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CompanyCreated event) {
        jdbc.update("insert into company_lookup (company_id, name) values (?, ?)", event.companyId(), event.name());
    }

    @EventHandler
    void on(DefaultContractSet event) {
        jdbc.update("update company_lookup set default_contract_id = ? where company_id = ?", event.contractId(),
                event.companyId());
    }

    @EventHandler
    void on(CompanyRenamed event) {
        jdbc.update("update company_lookup set name = ? where company_id = ?", event.name(), event.companyId());
    }

    @EventHandler
    void on(CompanyDeactivated event) {
        jdbc.update("update company_lookup set active = false where company_id = ?", event.companyId());
    }

    @EventHandler
    void on(ResourceDeactivated event) {
        activeResources.remove(event.resourceId());
    }

    boolean isActiveResource(String resourceId) {
        return activeResources.contains(resourceId);
    }

    void rememberActiveResource(String resourceId) {
        activeResources.add(resourceId);
    }

    @EventHandler
    void on(ContractCreated event) {
        jdbc.update("insert into contract_lookup (contract_id, company_id, name, start_date, end_date, sla_id) "
                    + "values (?, ?, ?, ?, ?, ?)", event.contractId(), event.companyId(), event.name(),
                Date.valueOf(event.startDate()), Date.valueOf(event.endDate()), event.slaId());
    }

    @EventHandler
    void on(ContractDetailsChanged event) {
        jdbc.update("update contract_lookup set name = ?, sla_id = ? where contract_id = ?", event.name(),
                event.slaId(), event.contractId());
    }

    /** The latest end date: changes come in date order, so the latest is the one in force from now on. */
    @EventHandler
    void on(ContractTermsChanged event) {
        jdbc.update("update contract_lookup set end_date = ? where contract_id = ?", Date.valueOf(event.endDate()),
                event.contractId());
    }

    /** Kept only for a contract with a row: one created before the lookups is read whole from its aggregate. */
    @EventHandler
    void on(ContractServiceAdded event) {
        jdbc.update("insert into contract_service_lookup (contract_id, service_id) select contract_id, ? "
                    + "from contract_lookup where contract_id = ?", event.serviceId(), event.contractId());
    }

    @EventHandler
    void on(ContractServiceEnded event) {
        jdbc.update("update contract_service_lookup set last_day = ? where contract_id = ? and service_id = ?",
                Date.valueOf(event.lastDay()), event.contractId(), event.serviceId());
    }

    @EventHandler
    void on(SlaDefined event) throws JsonProcessingException {
        jdbc.update("insert into sla_lookup (sla_id, terms) values (?, ?)", event.slaId(),
                json.writeValueAsString(event.terms()));
    }

    /** Kept only for an SLA with a row: one defined before the lookups is read whole from its aggregate. */
    @EventHandler
    void on(SlaTermsChanged event) throws JsonProcessingException {
        jdbc.update("update sla_lookup set terms = ? where sla_id = ?", json.writeValueAsString(event.terms()),
                event.slaId());
    }

    @EventHandler
    void on(SlaDeactivated event) {
        jdbc.update("update sla_lookup set active = false where sla_id = ?", event.slaId());
    }

    Optional<ReferenceData.CompanyFacts> company(String companyId) {
        return jdbc.query("select company_id, name, default_contract_id, active from company_lookup "
                          + "where company_id = ?", (row, index) -> new ReferenceData.CompanyFacts(row.getString(1),
                row.getString(2), row.getString(3), row.getBoolean(4)), companyId).stream().findFirst();
    }

    Optional<ReferenceData.ContractFacts> contract(String contractId) {
        List<ReferenceData.ContractFacts> contracts = jdbc.query("select contract_id, company_id, name, start_date, "
                + "end_date, sla_id from contract_lookup where contract_id = ?", (row, index) ->
                new ReferenceData.ContractFacts(row.getString(1), row.getString(2), row.getString(3),
                        row.getDate(4).toLocalDate(), row.getDate(5).toLocalDate(), row.getString(6), Set.of()),
                contractId);
        return contracts.stream().findFirst().map(this::withServices);
    }

    /** The contract with its services and the last days of those that ended. */
    private ReferenceData.ContractFacts withServices(ReferenceData.ContractFacts contract) {
        Set<String> services = new java.util.HashSet<>();
        Map<String, LocalDate> lastDays = new java.util.HashMap<>();
        jdbc.query("select service_id, last_day from contract_service_lookup where contract_id = ?", row -> {
            services.add(row.getString(1));
            if (row.getDate(2) != null) {
                lastDays.put(row.getString(1), row.getDate(2).toLocalDate());
            }
        }, contract.contractId());
        return new ReferenceData.ContractFacts(contract.contractId(), contract.companyId(), contract.name(),
                contract.startDate(), contract.endDate(), contract.slaId(), Set.copyOf(services), Map.copyOf(lastDays));
    }

    Optional<ReferenceData.SlaFacts> sla(String slaId) {
        return jdbc.query("select terms, active from sla_lookup where sla_id = ?", (row, index) ->
                new ReferenceData.SlaFacts(terms(row.getString(1)), row.getBoolean(2)), slaId).stream().findFirst();
    }

    private SlaTerms terms(String stored) {
        try {
            return json.readValue(stored, SlaTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an SLA's stored terms cannot be read", e);
        }
    }
}
