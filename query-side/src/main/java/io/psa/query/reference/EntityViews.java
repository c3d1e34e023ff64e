package io.psa.query.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Read models of reference data (companies, SLAs, contracts, resources, devices): one JSON document per entity in
 * entity_view, with the company, contract and service it belongs to as columns to filter on.
 */
@Repository
public class EntityViews {
    public enum Kind { COMPANY, SLA, CONTRACT, RESOURCE, DEVICE }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public EntityViews(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;   // exact decimals (see ExactDecimals): 120.00 stays 120.00 through the documents
    }

    /** The event (or any value) as a document part. */
    public ObjectNode toTree(Object value) {
        return json.valueToTree(value);
    }

    /**
     * Applies {@code change} to the entity's document (a new one if there is none), unless the event with
     * {@code sequence} was applied already, and stores it with its filter columns read from the document.
     */
    public void change(Kind kind, String id, long sequence, Consumer<ObjectNode> change) {
        MapSqlParameterSource key = new MapSqlParameterSource("kind", kind.name()).addValue("id", id);
        List<Long> applied = jdbc.queryForList("select last_sequence from entity_view where kind = :kind and id = :id",
                key, Long.class);
        if (!applied.isEmpty() && applied.get(0) >= sequence) {
            return;
        }
        ObjectNode document = find(kind, id).map(ObjectNode.class::cast).orElseGet(json::createObjectNode);
        change.accept(document);
        MapSqlParameterSource row = key.addValue("company", text(document, "companyId"))
                .addValue("contract", text(document, "contractId"))
                .addValue("service", text(document, "contractServiceId"))
                .addValue("sequence", sequence).addValue("document", write(document));
        jdbc.update(applied.isEmpty()
                ? "insert into entity_view (kind, id, company_id, contract_id, contract_service_id, last_sequence, "
                  + "document) values (:kind, :id, :company, :contract, :service, :sequence, :document)"
                : "update entity_view set company_id = :company, contract_id = :contract, contract_service_id = :service, "
                  + "last_sequence = :sequence, document = :document where kind = :kind and id = :id", row);
    }

    public Optional<JsonNode> find(Kind kind, String id) {
        return jdbc.queryForList("select document from entity_view where kind = :kind and id = :id",
                new MapSqlParameterSource("kind", kind.name()).addValue("id", id), String.class)
                   .stream().findFirst().map(this::read);
    }

    /** The entities of a kind, optionally only those of a company, a contract and a contract service. */
    public List<JsonNode> list(Kind kind, String companyId, String contractId, String contractServiceId) {
        StringBuilder sql = new StringBuilder("select document from entity_view where kind = :kind");
        MapSqlParameterSource params = new MapSqlParameterSource("kind", kind.name());
        filter(sql, params, "company_id", companyId);
        filter(sql, params, "contract_id", contractId);
        filter(sql, params, "contract_service_id", contractServiceId);
        return jdbc.queryForList(sql.append(" order by id").toString(), params, String.class).stream()
                   .map(this::read).toList();
    }

    public void deleteAll() {
        jdbc.getJdbcTemplate().update("delete from entity_view");
    }

    private static void filter(StringBuilder sql, MapSqlParameterSource params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = :").append(column);
            params.addValue(column, value);
        }
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored document", e);
        }
    }
}
